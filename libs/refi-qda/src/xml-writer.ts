/** A minimal XML tree for writing: elements, attributes in the order given, text. */
export interface XmlNodeOut {
  name: string;
  attributes: [string, string][];
  children: XmlNodeOut[];
  text?: string;
}

type AttributeValue = string | number | boolean | undefined | null;

/** An element; attributes whose value is undefined or null are left out, children that are undefined too. */
export function element(
  name: string,
  attributes: Record<string, AttributeValue> = {},
  children: (XmlNodeOut | undefined | false)[] = [],
): XmlNodeOut {
  return {
    name,
    attributes: Object.entries(attributes).flatMap(([key, value]) =>
      value === undefined || value === null ? [] : [[key, String(value)]],
    ),
    children: children.filter((c): c is XmlNodeOut => Boolean(c)),
  };
}

/** An element holding only text. */
export const textElement = (name: string, text: string): XmlNodeOut => ({ name, attributes: [], children: [], text });

// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF).
// eslint-disable-next-line no-control-regex -- control characters are what we look for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

function escapeText(value: string): string {
  // CR is written as a reference: a parser turns a literal CR (and CRLF) into LF.
  return value
    .replace(NOT_XML, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/\r/gu, '&#13;');
}

function escapeAttribute(value: string): string {
  // White space other than a space is normalised away in attributes unless written as a reference.
  return escapeText(value).replace(/"/gu, '&quot;').replace(/\n/gu, '&#10;').replace(/\t/gu, '&#9;');
}

/** Serialises with two-space indentation; text-only elements keep their text exactly. */
export function serialise(root: XmlNodeOut): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const write = (node: XmlNodeOut, depth: number): void => {
    const indent = '  '.repeat(depth);
    const attributes = node.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
    if (node.text !== undefined) {
      lines.push(`${indent}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`);
    } else if (node.children.length === 0) {
      lines.push(`${indent}<${node.name}${attributes}/>`);
    } else {
      lines.push(`${indent}<${node.name}${attributes}>`);
      for (const c of node.children) write(c, depth + 1);
      lines.push(`${indent}</${node.name}>`);
    }
  };
  write(root, 0);
  return `${lines.join('\n')}\n`;
}
