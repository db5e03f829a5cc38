import { Document, HeadingLevel, type IRunOptions, Packer, Paragraph, TableOfContents, TextRun } from 'docx';
import type { QuoteReport } from './quote-report.js';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

/**
 * The quote report as a Word document: the project's name as Title, a table
 * of contents (a TOC field over Heading 1–6, filled in with the headings so
 * it reads right before Word updates the page numbers), and each theme as a
 * Heading of its depth, so Word's navigation pane and the thesis's own table
 * of contents pick them up.
 */
export async function quoteReportDocx(report: QuoteReport): Promise<Buffer> {
  const children: (Paragraph | TableOfContents)[] = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [run({ text: report.subtitle, italics: true })] }),
    // Not a heading: the table of contents does not list itself.
    new Paragraph({
      spacing: { before: 240 },
      children: [run({ text: report.contents, bold: true, size: 28 })],
    }),
    new TableOfContents(report.contents, { hyperlink: true, headingStyleRange: '1-6' }),
  ];
  for (const section of report.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HEADINGS[Math.min(section.level, 6) - 1] }));
    for (const part of section.definition)
      children.push(new Paragraph({ children: [run({ text: part, italics: true })] }));
    if (section.memo.length > 0) {
      children.push(new Paragraph({ children: [run({ text: report.memoLabel, bold: true })] }));
      for (const part of section.memo) children.push(new Paragraph({ text: part }));
    }
    if (section.quotes.length === 0)
      children.push(new Paragraph({ children: [new TextRun({ text: report.none, color: '777777' })] }));
    for (const quote of section.quotes) {
      children.push(
        new Paragraph({
          indent: { left: 567 },
          spacing: { after: 160 },
          children: [new TextRun(`«${quote.text}»`), new TextRun({ text: ` ${quote.citation}` })],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'Tolk',
    title: report.title,
    features: { updateFields: true },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** A run from options typed as such: inside `TextRun`'s `string | IRunOptions` a literal's `bold` reads as String#bold. */
function run(options: IRunOptions): TextRun {
  return new TextRun(options);
}
