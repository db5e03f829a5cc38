import type { QuoteReport } from './quote-report.js';

/**
 * The quote report as Markdown (CommonMark): the project's name as `#`, a
 * contents list linking to each theme, each theme a heading one level below
 * (`##` for a top theme, `###` for its sub-codes, …, at most `######`), and
 * each quote a block quote followed by its citation. Text from transcripts
 * and codes is escaped, so a quote never turns into markup.
 */
export function quoteReportMarkdown(report: QuoteReport): string {
  const out: string[] = [`# ${escape(report.title)}`, '', `*${escape(report.subtitle)}*`, ''];
  const anchors = headingAnchors(report.sections.map((s) => s.heading));
  out.push(`**${escape(report.contents)}**`, '');
  report.sections.forEach((section, i) => {
    out.push(`${'  '.repeat(section.level - 1)}- [${escape(section.heading)}](#${anchors[i]})`);
  });
  out.push('');
  for (const section of report.sections) {
    out.push(`${'#'.repeat(Math.min(section.level + 1, 6))} ${escape(section.heading)}`, '');
    for (const part of section.definition) out.push(`*${escape(part)}*`, '');
    if (section.memo.length > 0) {
      out.push(`**${escape(report.memoLabel)}**`, '');
      for (const part of section.memo) out.push(escape(part), '');
    }
    if (section.quotes.length === 0) out.push(`*${escape(report.none)}*`, '');
    for (const quote of section.quotes) out.push(`> «${escape(quote.text)}»`, '>', `> ${escape(quote.citation)}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Characters CommonMark may read as inline markup, escaped wherever they
 * stand, and what would open a block (heading, list, quote) at the start.
 * Ordinary punctuation stays readable in the raw file.
 */
function escape(text: string): string {
  return (
    text
      .replace(/[\\`*_<>|~&]/gu, (c) => `\\${c}`)
      // A bracket only makes a link when a link follows it («[00:12:34]» stays as typed).
      .replace(/\](?=[([:]|$)/gu, '\\]')
      .replace(/^(\s*)([#+=>[-])/u, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/u, '$1\\$2')
  );
}

/**
 * The anchors GitHub, GitLab and most renderers give headings: lower case,
 * punctuation dropped, spaces as hyphens, repeats numbered (-1, -2, …).
 */
export function headingAnchors(headings: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((heading) => {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
      .replace(/\s/gu, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}
