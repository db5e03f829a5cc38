import type { Locale, MemoScope } from '@tolk/contracts';
import { Document, HeadingLevel, type IRunOptions, Packer, Paragraph, TextRun } from 'docx';
import { translate } from '../platform/i18n/translate.js';

/** One memo as the Word file shows it. */
export interface MemoForDocx {
  scope: MemoScope;
  /** The transcript's or code's name (the project's for its memo); for a segment memo, its transcript's. */
  subject: string;
  /** A segment memo's words when it was made. */
  quote: string | null;
  /** Its text now (Markdown). */
  body: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

const SCOPES: readonly MemoScope[] = ['project', 'document', 'code', 'segment'];

const SCOPE_HEADING = {
  project: 'memos.scope.project',
  document: 'memos.scope.document',
  code: 'memos.scope.code',
  segment: 'memos.scope.segment',
} as const;

/** A run of text (the options typed as such: `TextRun` also takes a plain string). */
const run = (options: IRunOptions): TextRun => new TextRun(options);

/** `**bold**` and `*emphasis*`/`_emphasis_` of one line as runs; everything else as written. */
function runs(line: string): TextRun[] {
  const out: TextRun[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_/gu;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    // Groups that did not take part are undefined.
    const [whole, strong, starred, underlined] = match as unknown as (string | undefined)[];
    if (match.index > last) out.push(run({ text: line.slice(last, match.index) }));
    if (strong !== undefined) out.push(run({ text: strong, bold: true }));
    else out.push(run({ text: starred ?? underlined, italics: true }));
    last = match.index + (whole ?? '').length;
  }
  if (last < line.length) out.push(run({ text: line.slice(last) }));
  return out;
}

/**
 * A memo's Markdown as Word paragraphs: `#`…`###` headings become headings
 * below the memo's own, `-`/`*`/`+` items bullets, every other line a
 * paragraph of its own (memos are written line by line), empty lines left
 * out.
 */
export function markdownParagraphs(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const raw of body.replace(/\r\n?/gu, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    const heading = /^(#{1,6})\s+(.*)$/u.exec(line);
    if (heading) {
      const level = heading[1].length <= 1 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4;
      out.push(new Paragraph({ heading: level, children: runs(heading[2]) }));
      continue;
    }
    const item = /^\s*[-*+]\s+(.*)$/u.exec(line);
    if (item) {
      out.push(new Paragraph({ bullet: { level: 0 }, children: runs(item[1]) }));
      continue;
    }
    out.push(new Paragraph({ children: runs(line) }));
  }
  return out;
}

/**
 * Every memo of a project in one Word document, for a methods chapter or a
 * supervisor's reading: the project's memo, then the transcripts', the
 * codes' and the passages', each group under a heading in the reader's
 * language, each memo under its subject with who changed it last and when.
 * Empty memos are left out.
 */
export async function memosDocx(
  project: { name: string },
  memos: readonly MemoForDocx[],
  asOf: string,
  locale: Locale,
): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: project.name, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        run({ text: translate(locale, 'memos.title'), italics: true }),
        run({ text: ` · ${translate(locale, 'report.asOf')} ${asOf.slice(0, 10)}`, italics: true }),
      ],
    }),
  ];
  const written = memos.filter((m) => m.body.trim());
  if (written.length === 0) children.push(new Paragraph({ text: translate(locale, 'memos.none') }));
  for (const scope of SCOPES) {
    const ofScope = written.filter((m) => m.scope === scope);
    if (ofScope.length === 0) continue;
    children.push(new Paragraph({ text: translate(locale, SCOPE_HEADING[scope]), heading: HeadingLevel.HEADING_1 }));
    for (const memo of ofScope) {
      if (scope !== 'project') {
        const title =
          scope === 'segment'
            ? translate(locale, 'memos.passageIn', {
                quote: (memo.quote ?? '').replace(/\s+/gu, ' ').trim(),
                document: memo.subject,
              })
            : memo.subject;
        children.push(new Paragraph({ text: title, heading: HeadingLevel.HEADING_2 }));
      }
      if (memo.updatedAt) {
        const when = memo.updatedAt.slice(0, 10);
        const changed = memo.updatedBy
          ? translate(locale, 'memos.changedBy', { when, name: memo.updatedBy })
          : translate(locale, 'memos.changed', { when });
        children.push(new Paragraph({ children: [run({ text: changed, italics: true })] }));
      }
      children.push(...markdownParagraphs(memo.body));
    }
  }
  const document = new Document({
    creator: 'Tolk',
    title: `${project.name} – ${translate(locale, 'memos.title')}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
