/** The languages Tolk speaks: what people read in the web client and in what the server writes for them. */
export const LOCALES = ['en', 'nb'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language of an export or of a name the server makes up (docs/api.md, «Exports and REFI-QDA exchange»): an
 * explicit `?locale=` wins; else the first of en/nb that `Accept-Language` lists (in the order the
 * header gives, weights respected, `nb-NO` and `no` counting as nb, `en-GB` as en); else en. An
 * explicit value that is not a locale is the caller's mistake, so it is returned as `undefined` for
 * the caller to refuse.
 */
export function pickLocale(explicit: unknown, acceptLanguage: string | undefined): Locale | undefined {
  if (explicit !== undefined) return isLocale(explicit) ? explicit : undefined;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().toLowerCase().split(';');
      const q = attributes.map((a) => /^\s*q=([\d.]+)\s*$/u.exec(a)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const language = tag.split('-')[0];
    if (language === 'en') return 'en';
    // Norwegian: Bokmål, and the macro-language tag browsers also send; Nynorsk readers read Bokmål best of en/nb.
    if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
  }
  return 'en';
}
