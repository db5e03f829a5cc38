import { type Code, lineSpan, type Locale, type ProjectState, textLines } from '@tolk/contracts';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { translate } from '../../platform/i18n/translate.js';
import { mergePassages, type Passage } from '../passages.js';

/** Codes depth first in codebook order (each parent followed by its sub-codes), with their depth. */
export function codebookOrder(codes: readonly Code[]): { code: Code; depth: number }[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string | null, Code[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  const out: { code: Code; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const code of children.get(parent) ?? []) {
      if (out.some((o) => o.code.id === code.id)) continue;
      out.push({ code, depth });
      visit(code.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

/**
 * A Word document for the findings chapter: per code (theme), in codebook
 * order, its description and then every quote coded with it, each
 * attributed to its document, lines and coders («…» — Informant 1, linje
 * 4–5, kodet av Sara, Kari), in document order. Quotes are the passages of
 * the union per code (`mergePassages`): a passage two people coded is
 * quoted once, naming both.
 */
export async function quotesReport(state: ProjectState, locale: Locale): Promise<Buffer> {
  const labels = {
    subtitle: translate(locale, 'report.subtitle'),
    none: translate(locale, 'report.none'),
    asOf: translate(locale, 'report.asOf'),
    snapshot: translate(locale, 'report.snapshot'),
  };
  const documentOrder = new Map(state.documents.map((d, i) => [d.id, i]));
  const titles = new Map(state.documents.map((d) => [d.id, d.title]));
  const lines = new Map(state.documents.map((d) => [d.id, textLines(d.text)]));
  const names = new Map(state.users.map((u) => [u.id, u.name]));
  const quotesByCode = new Map<string, Passage<ProjectState['codings'][number]>[]>();
  for (const passage of mergePassages(state.codings.filter((c) => titles.has(c.documentId)))) {
    if (!passage.quote.trim()) continue;
    quotesByCode.set(passage.codeId, [...(quotesByCode.get(passage.codeId) ?? []), passage]);
  }
  const citation = (quote: Passage<ProjectState['codings'][number]>): string => {
    const { lineStart, lineEnd } = lineSpan(lines.get(quote.documentId) ?? [], quote.start, quote.end);
    const where =
      lineStart === lineEnd
        ? translate(locale, 'report.line', { n: String(lineStart) })
        : translate(locale, 'report.lines', { from: String(lineStart), to: String(lineEnd) });
    const coders = quote.coderIds.flatMap((id) => (id && names.get(id) ? [names.get(id)!] : []));
    const by = coders.length ? `, ${translate(locale, 'report.codedBy', { names: coders.join(', ') })}` : '';
    return ` — ${titles.get(quote.documentId)}, ${where}${by}`;
  };
  const children: Paragraph[] = [
    new Paragraph({ text: state.project.name, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun({ text: labels.subtitle, italics: true }),
        new TextRun({ text: ` · ${labels.asOf} ${state.asOf.slice(0, 10)}`, italics: true }),
        ...(state.snapshot
          ? [new TextRun({ text: ` · ${labels.snapshot}: ${state.snapshot.name}`, italics: true })]
          : []),
      ],
    }),
  ];
  for (const { code, depth } of codebookOrder(state.codes)) {
    children.push(new Paragraph({ text: code.name, heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)] }));
    if (code.description.trim())
      children.push(new Paragraph({ children: [new TextRun({ text: code.description.trim(), italics: true })] }));
    const quotes = (quotesByCode.get(code.id) ?? []).sort(
      (a, b) => documentOrder.get(a.documentId)! - documentOrder.get(b.documentId)! || a.start - b.start,
    );
    if (quotes.length === 0)
      children.push(new Paragraph({ children: [new TextRun({ text: labels.none, color: '777777' })] }));
    for (const quote of quotes) {
      children.push(
        new Paragraph({
          indent: { left: 567 },
          spacing: { after: 160 },
          children: [
            new TextRun(`«${quote.quote.trim().replace(/\s*\n\s*/gu, ' ')}»`),
            new TextRun({ text: citation(quote) }),
          ],
        }),
      );
    }
  }
  const document = new Document({ creator: 'Tolk', title: state.project.name, sections: [{ children }] });
  return Packer.toBuffer(document);
}
