import { DomainError, invalid } from '../../platform/domain-error.js';
import { checkZip, looksLikeZip, type ZipLimits, ZipProblem } from './zip-guard.js';

/**
 * A transcript .docx is far smaller than this when unpacked; a zip bomb is
 * far larger, and XML built to be slow to parse packs far tighter.
 */
export const DOCX_LIMITS: ZipLimits = { maxEntries: 2000, maxUncompressedBytes: 20 * 1024 * 1024, maxRatio: 100 };

const MAIN_PART = 'word/document.xml';
// Old binary Word (.doc) and other OLE2 compound files start with these bytes.
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The parts of mammoth's document model that carry text (see mammoth's `documents.js`). */
interface DocxElement {
  type: string;
  value?: string;
  children?: DocxElement[];
}

/**
 * The text of an element the way mammoth's `extractRawText` renders it, with
 * one difference: a line break inside a paragraph (`<w:br/>`, Shift+Enter,
 * common between speaker turns in transcripts) becomes a line break, where
 * `extractRawText` drops it and glues the words on either side together.
 */
function textOf(element: DocxElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return '\n';
    case 'paragraph':
      return `${(element.children ?? []).map(textOf).join('')}\n`;
    default:
      return (element.children ?? []).map(textOf).join('');
  }
}

/**
 * Reads the text of a Word .docx: one line per paragraph (and per line break),
 * tabs kept, characters (æøå, emoji) as written, blank lines at the start and
 * end dropped. Footnotes, comments, headers and images are left out.
 *
 * The file is untrusted. Before mammoth sees it, `checkZip` bounds entries and
 * unpacked size and verifies every entry (zip bombs), and the archive must
 * contain `word/document.xml`. XML external entities are not a concern:
 * mammoth parses with @xmldom/xmldom, which fetches nothing and does not
 * expand entities declared in a DTD at all (a document that uses one fails to
 * parse, and is refused here as unreadable); with `externalFileAccess` left
 * off, mammoth reads no linked files either.
 */
export async function readDocx(bytes: Buffer): Promise<string> {
  if (!looksLikeZip(bytes)) {
    if (bytes.subarray(0, OLE2.length).equals(OLE2))
      throw invalid(
        'word_doc_not_docx',
        'file is not a Word document (.docx): it is an old Word .doc file; save it as .docx',
      );
    throw invalid(
      'unreadable_docx',
      'file is not a Word document (.docx): a .docx file is a zip archive and this is not one',
    );
  }
  try {
    const entries = checkZip(bytes, DOCX_LIMITS);
    if (!entries.some((e) => e.name === MAIN_PART)) throw new ZipProblem('broken', `it has no ${MAIN_PART}`);
  } catch (error) {
    if (!(error instanceof ZipProblem)) throw error;
    if (error.kind === 'too_large')
      throw new DomainError('unpacked_too_large', `file is too large once unpacked: ${error.message}`);
    throw invalid('unreadable_docx', `file is not a readable Word document (.docx): ${error.message}`);
  }

  // Loaded on first use, in the parsing worker: the main thread only needs
  // this module for its list of extensions, and its start should not pay for mammoth.
  const { default: mammoth } = await import('mammoth');
  let text = '';
  try {
    // mammoth's public raw-text reader drops line breaks (see textOf), so we take
    // its document model through `transformDocument` and ignore the HTML.
    await mammoth.convertToHtml(
      { buffer: bytes },
      {
        transformDocument: (document: DocxElement) => {
          text = textOf(document);
          return document;
        },
        // Images are not needed for text; do not read or encode them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) : undefined;
    throw invalid('unreadable_docx', `file is not a readable Word document (.docx)${reason ? `: ${reason}` : ''}`);
  }
  return text.replace(/^(?:[ \t]*\n)+/u, '').replace(/\s+$/u, '');
}
