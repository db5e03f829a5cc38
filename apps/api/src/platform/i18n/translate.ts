import type { Locale } from '@tolk/contracts';
import { EN, type MessageKey } from './messages.en.js';
import { NB } from './messages.nb.js';

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en: EN, nb: NB };

type Params = Record<string, string | number | undefined>;

/** The keys that come in `.one`/`.other` forms, named without the suffix. */
type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/**
 * A server-written text in `locale`, its `{param}`s filled in (numbers in
 * the locale's digits). The catalogues are plain files a translator can
 * open (`messages.en.ts`, `messages.nb.ts`); plurals choose a `.one` or
 * `.other` key by the language's plural rules (Intl.PluralRules).
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(CATALOGUES[locale][key], locale, params);
}

/** The plural form of `key` for `count` (also available as `{count}`-style params). */
export function translatePlural(locale: Locale, key: PluralKey, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${key}.${form}` as MessageKey, params);
}

function fill(template: string, locale: Locale, params: Params): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-GB') : value;
  });
}
