import { DOMParser } from '@xmldom/xmldom';

/** The file is not QDA-XML we can read: the message says why, for a 400. */
export class RefiFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefiFormatError';
  }
}

/** The parts of a DOM element this library uses (xmldom's and a browser's alike). */
export interface XmlElement {
  readonly localName: string | null;
  readonly childNodes: ArrayLike<XmlNode>;
  getAttribute(name: string): string | null;
}

interface XmlNode {
  readonly nodeType: number;
  readonly localName?: string | null;
  readonly nodeName?: string;
  readonly textContent: string | null;
}

const ELEMENT = 1;

/**
 * Decodes an XML file's bytes: UTF-8 (a BOM is dropped), or UTF-16 when it
 * starts with a UTF-16 BOM. Malformed UTF-8 becomes U+FFFD rather than a
 * refusal (lenient on import).
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/**
 * True when the document declares a DTD. Only the prolog can (before the
 * root element), so we skip the XML declaration, comments, processing
 * instructions and white space and look at what comes next.
 */
export function declaresDoctype(xml: string): boolean {
  const prolog = /^(?:\uFEFF|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/u.exec(xml)?.[0].length ?? 0;
  return /^<!DOCTYPE/iu.test(xml.slice(prolog));
}

/**
 * Parses untrusted XML. A DOCTYPE is refused outright, so no DTD, no
 * external entity and no entity expansion (the "billion laughs") can ever
 * happen; xmldom itself fetches nothing either. Errors become RefiFormatError.
 */
export function parseXml(xml: string): XmlElement {
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  if (declaresDoctype(text)) {
    throw new RefiFormatError('the XML declares a DTD (<!DOCTYPE>); REFI-QDA files have none, and we never read one');
  }
  const problems: string[] = [];
  const fail = (message: string) =>
    problems.push(
      // xmldom's types say string; what it passes at runtime is not always one.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion
      String(message)
        .split('\n')[0]
        .replace(/^\[xmldom \w+\]\s*/u, ''),
    );
  const document = new DOMParser({
    errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
  }).parseFromString(text, 'text/xml');
  // An empty input gives no document at all, whatever the types say.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  const root = document?.documentElement as unknown as XmlElement | null;
  if (problems.length > 0 || !root) {
    throw new RefiFormatError(`the XML is not well-formed${problems[0] ? `: ${problems[0].slice(0, 200)}` : ''}`);
  }
  return root;
}

/** Child elements, matched by local name so that any namespace (or none) is accepted. */
export function children(element: XmlElement, localName?: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let i = 0; i < element.childNodes.length; i++) {
    const node = element.childNodes[i];
    if (node.nodeType === ELEMENT && (localName === undefined || nameOf(node) === localName))
      found.push(node as unknown as XmlElement);
  }
  return found;
}

export const child = (element: XmlElement, localName: string): XmlElement | undefined =>
  children(element, localName)[0];

/** The local name of an element (without a prefix). */
export function nameOf(node: { localName?: string | null; nodeName?: string }): string {
  return node.localName ?? node.nodeName?.replace(/^.*:/u, '') ?? '';
}

// A character reference can smuggle in NUL, which PostgreSQL text cannot hold.
// eslint-disable-next-line no-control-regex -- the control character is what we look for
const withoutNul = (text: string) => (text.includes('\u0000') ? text.replace(/\u0000/gu, '') : text);

/** The text inside an element. */
export const textOf = (element: XmlElement): string => withoutNul((element as unknown as XmlNode).textContent ?? '');

/** The text inside a child element, or undefined when there is none. */
export function childText(element: XmlElement, localName: string): string | undefined {
  const found = child(element, localName);
  return found ? textOf(found) : undefined;
}

/** An attribute's value; missing and empty alike are undefined. */
export function attr(element: XmlElement, name: string): string | undefined {
  const value = element.getAttribute(name);
  return value === null || value === '' ? undefined : withoutNul(value);
}
