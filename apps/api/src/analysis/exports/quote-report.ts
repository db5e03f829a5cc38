import {
  type Code,
  formatTimestamp,
  lineAt,
  lineSpan,
  lineSpeaker,
  type Locale,
  type ProjectState,
  textLines,
  textTimestamps,
  timeAt,
  TIME_PREFIX,
} from '@tolk/contracts';
import { translate } from '../../platform/i18n/translate.js';
import { mergePassages } from '../passages.js';
import type { ReportOptions } from './quote-report-options.js';

/** One quote as every format writes it: the words, then where they are and who coded them. */
export interface ReportQuote {
  text: string;
  /** «— Informant 2, linje 45–47 [00:12:34], kodet av Sara og Viktor», in the report's language. */
  citation: string;
  documentId: string;
  lineStart: number;
  lineEnd: number;
  /** The nearest preceding time mark, or null when the transcript has none before the quote. */
  ms: number | null;
  coders: string[];
}

/** One theme (code): a heading at `level` (1 for a top theme, 2 for its sub-codes, …). */
export interface ReportSection {
  codeId: string;
  heading: string;
  level: number;
  /** The code's definition, one labelled paragraph per part (empty unless asked for). */
  definition: string[];
  /** The code's memos' paragraphs (empty unless asked for). */
  memo: string[];
  quotes: ReportQuote[];
}

/** The quote report, worded and ordered; the DOCX, Markdown and ODT writers only lay it out. */
export interface QuoteReport {
  title: string;
  subtitle: string;
  contents: string;
  memoLabel: string;
  none: string;
  sections: ReportSection[];
}

/** Codes depth first in codebook order (each parent followed by its sub-codes), with their depth. */
export function codebookOrder(codes: readonly Code[]): { code: Code; depth: number }[] {
  const children = childrenOf(codes);
  const out: { code: Code; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const code of children.get(parent) ?? []) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      out.push({ code, depth });
      visit(code.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

function childrenOf(codes: readonly Code[]): Map<string | null, Code[]> {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string | null, Code[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  return children;
}

type Coding = ProjectState['codings'][number];

/**
 * The report the findings chapter needs: per theme (code, its sub-codes
 * under it), each quote once — the passages of the union per code
 * (`mergePassages`), so a passage two people coded is quoted once naming
 * both — with its transcript (and speaker when the line names another),
 * line numbers, the nearest time mark, and the coders. `options` choose the
 * themes (each with its sub-codes), their order and whether definitions and
 * memos are included; quotes follow the transcripts' order, then the text's.
 */
export function buildQuoteReport(state: ProjectState, locale: Locale, options: ReportOptions): QuoteReport {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const documents = new Map(state.documents.map((d, i) => [d.id, { ...d, order: i }]));
  const names = new Map(state.users.map((u) => [u.id, u.name]));
  const list = new Intl.ListFormat(locale === 'nb' ? 'nb' : 'en', { type: 'conjunction' });
  const perDocument = new Map<
    string,
    { lines: ReturnType<typeof textLines>; marks: ReturnType<typeof textTimestamps> }
  >();
  const linesOf = (documentId: string) => {
    let known = perDocument.get(documentId);
    if (!known) {
      const text = documents.get(documentId)!.text;
      perDocument.set(documentId, (known = { lines: textLines(text), marks: textTimestamps(text) }));
    }
    return known;
  };

  const quotesByCode = new Map<string, ReportQuote[]>();
  for (const passage of mergePassages(state.codings.filter((c: Coding) => documents.has(c.documentId)))) {
    const document = documents.get(passage.documentId)!;
    const { lines, marks } = linesOf(passage.documentId);
    const { lineStart, lineEnd } = lineSpan(lines, passage.start, passage.end);
    const line = lines[lineAt(lines, passage.start) - 1];
    // An empty text has no lines; a passage always lies in one.
    const lineText = document.text.slice(line.start, line.end);
    const speaker = lineSpeaker(lineText)?.name ?? null;
    const text = quoteText(passage.quote, passage.start - line.start, lineText);
    if (!text) continue;
    const ms = marks.length > 0 ? timeAt(marks, passage.start) : null;
    const coders = passage.coderIds
      .flatMap((id) => (id && names.has(id) ? [names.get(id)!] : []))
      .sort((a, b) => a.localeCompare(b, locale));
    const sameSpeaker = !speaker || document.title.toLocaleLowerCase().includes(speaker.toLocaleLowerCase());
    const source = sameSpeaker ? document.title : `${document.title} (${speaker})`;
    const where =
      lineStart === lineEnd
        ? t('report.line', { n: String(lineStart) })
        : t('report.lines', { from: String(lineStart), to: String(lineEnd) });
    const time = ms === null ? '' : ` ${formatTimestamp(ms)}`;
    const by = coders.length > 0 ? `, ${t('report.codedBy', { names: list.format(coders) })}` : '';
    const quote: ReportQuote = {
      text,
      citation: `— ${source}, ${where}${time}${by}`,
      documentId: passage.documentId,
      lineStart,
      lineEnd,
      ms,
      coders,
    };
    quotesByCode.set(passage.codeId, [...(quotesByCode.get(passage.codeId) ?? []), quote]);
  }
  for (const quotes of quotesByCode.values())
    quotes.sort((a, b) => documents.get(a.documentId)!.order - documents.get(b.documentId)!.order);

  const memos = new Map<string, string[]>();
  for (const memo of state.memos) {
    if (memo.scope !== 'code' || !memo.body.trim()) continue;
    memos.set(memo.targetId, [...(memos.get(memo.targetId) ?? []), ...paragraphs(memo.body)]);
  }

  const sections = themes(state.codes, options, (code) => quotesByCode.get(code.id)?.length ?? 0).map(
    ({ code, depth }): ReportSection => ({
      codeId: code.id,
      heading: code.name,
      level: depth + 1,
      definition: options.definitions ? definitionOf(code, t) : [],
      memo: options.memos ? (memos.get(code.id) ?? []) : [],
      quotes: quotesByCode.get(code.id) ?? [],
    }),
  );
  const subtitle = [
    t('report.subtitle'),
    `${t('report.asOf')} ${state.asOf.slice(0, 10)}`,
    ...(state.snapshot ? [`${t('report.snapshot')}: ${state.snapshot.name}`] : []),
  ].join(' · ');
  return {
    title: state.project.name,
    subtitle,
    contents: t('report.contents'),
    memoLabel: t('report.memo'),
    none: t('report.none'),
    sections,
  };
}

/**
 * The chosen themes with their sub-codes, depth relative to the chosen code.
 * Siblings keep codebook order, or go by name or by number of quotes; with
 * `chosen`, the top themes come in the order they were asked for.
 */
function themes(
  codes: readonly Code[],
  options: ReportOptions,
  quoteCount: (code: Code) => number,
): { code: Code; depth: number }[] {
  const children = childrenOf(codes);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const sort = (list: Code[]): Code[] => {
    if (options.order === 'name') return [...list].sort((a, b) => a.name.localeCompare(b.name));
    if (options.order === 'quotes') return [...list].sort((a, b) => quoteCount(b) - quoteCount(a));
    return list;
  };
  let roots: Code[];
  if (options.codeIds === undefined) roots = sort(children.get(null) ?? []);
  else {
    const chosen = options.codeIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    // A chosen code under another chosen code is shown under it, not twice.
    const covered = (code: Code): boolean => {
      for (let p = code.parentId; p; p = byId.get(p)?.parentId ?? null) if (options.codeIds!.includes(p)) return true;
      return false;
    };
    const top = chosen.filter((c) => !covered(c));
    const inCodebook = codebookOrder(codes).map((o) => o.code.id);
    roots =
      options.order === 'chosen' ? top : sort(top.sort((a, b) => inCodebook.indexOf(a.id) - inCodebook.indexOf(b.id)));
  }
  const out: { code: Code; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (list: Code[], depth: number) => {
    for (const code of list) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      out.push({ code, depth });
      visit(sort(children.get(code.id) ?? []), depth + 1);
    }
  };
  visit(roots, 0);
  return out;
}

/** The code's description, when to use it and when not, and its example quote, each labelled when written. */
function definitionOf(
  code: Code,
  t: (key: 'report.definition' | 'report.whenToUse' | 'report.whenNotToUse' | 'report.example') => string,
): string[] {
  const parts: [string, string | undefined][] = [
    [t('report.definition'), code.description],
    [t('report.whenToUse'), code.whenToUse],
    [t('report.whenNotToUse'), code.whenNotToUse],
    [t('report.example'), code.exampleQuote?.trim() ? `«${code.exampleQuote.trim().replace(/\s*\n\s*/gu, ' ')}»` : ''],
  ];
  return parts.flatMap(([label, text]) => (text?.trim() ? [`${label}: ${text.trim()}`] : []));
}

/** A memo's paragraphs (blank lines apart), each on one line. */
function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/u)
    .map((p) => p.trim().replace(/\s*\n\s*/gu, ' '))
    .filter(Boolean);
}

/**
 * The quote as the report prints it: on one line, without the time mark and
 * speaker label it may begin with (the citation names them).
 */
function quoteText(quote: string, column: number, lineText: string): string {
  let text = quote;
  if (column === 0) {
    const mark = TIME_PREFIX.exec(text)?.[0].length ?? 0;
    const speaker = lineSpeaker(lineText);
    const labelEnd = speaker ? speaker.start + speaker.name.length + 1 : mark;
    text = text.slice(Math.min(Math.max(mark, labelEnd), text.length));
  }
  return text.trim().replace(/\s*\n\s*/gu, ' ');
}
