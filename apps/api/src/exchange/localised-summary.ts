import type { ImportSkipped, ImportSummary, Locale } from '@tolk/contracts';
import { translate, translatePlural } from '../platform/i18n/translate.js';

/**
 * An import summary whose `skipped[].reason` sentences are in the importer's
 * language (the REFI-QDA library words them in English). `reasonCode` and
 * `params` stay as they are, for clients that word them themselves.
 */
export function localisedSummary<T extends { summary: ImportSummary }>(result: T, locale: Locale): T {
  if (locale === 'en') return result;
  return { ...result, summary: { ...result.summary, skipped: result.summary.skipped.map((s) => reword(s, locale)) } };
}

function reword(item: ImportSkipped, locale: Locale): ImportSkipped {
  const { codings, ...rest } = item.params;
  const lost = codings ? translatePlural(locale, 'import.codingsLost', codings, { codings }) : '';
  return { ...item, reason: translate(locale, `import.skip.${item.reasonCode}`, { ...rest }) + lost };
}
