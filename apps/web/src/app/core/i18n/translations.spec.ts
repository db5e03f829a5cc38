import { describe, expect, it } from '@jest/globals';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_REASON_LIST } from '@tolk/contracts';

// Pure checks of the translation files (no Angular): what a translator edits.
const dir = join(process.cwd(), 'apps/web/src/i18n');
const features = readdirSync(dir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const read = (feature: string, lang: string): Record<string, string> =>
  JSON.parse(readFileSync(join(dir, feature, `${lang}.json`), 'utf8')) as Record<string, string>;
const all = (lang: string): Record<string, string> => Object.assign({}, ...features.map((f) => read(f, lang)));

/** Argument names a message uses, with their kind ("plural", "number", "argument" …). */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound || element.type === TYPE.tag) continue;
    into.set(element.value, TYPE[element.type]);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('translation files', () => {
  it('has both languages for every feature, with exactly the same keys', () => {
    expect(features.length).toBeGreaterThan(5);
    for (const feature of features) {
      const en = Object.keys(read(feature, 'en')).sort();
      const nb = Object.keys(read(feature, 'nb')).sort();
      expect({ feature, keys: nb }).toEqual({ feature, keys: en });
    }
  });

  it('uses each key in one feature only', () => {
    const seen = new Map<string, string>();
    for (const feature of features) {
      for (const key of Object.keys(read(feature, 'en'))) {
        expect({ key, alsoIn: seen.get(key) }).toEqual({ key, alsoIn: undefined });
        seen.set(key, feature);
      }
    }
  });

  it('holds ICU messages that parse, with the same arguments in en and nb', () => {
    const en = all('en');
    const nb = all('nb');
    for (const [key, text] of Object.entries(en)) {
      const enArgs = argumentsOf(parse(text, { ignoreTag: true }));
      const nbArgs = argumentsOf(parse(nb[key] ?? '', { ignoreTag: true }));
      expect({ key, args: [...nbArgs.keys()].sort() }).toEqual({ key, args: [...enArgs.keys()].sort() });
    }
  });

  it('words plurals by language (one transkripsjon, two transkripsjoner) and formats numbers', () => {
    const nb = all('nb');
    const en = all('en');
    const format = (text: string, lang: string, params: Record<string, number | string>) =>
      new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }).format(params);
    expect(format(nb['pseudonyms.applied'], 'nb', { replacements: 3, documents: 1 })).toBe(
      '3 navn erstattet i 1 transkripsjon.',
    );
    expect(format(nb['pseudonyms.applied'], 'nb', { replacements: 1234, documents: 2 })).toBe(
      '1\u00a0234 navn erstattet i 2 transkripsjoner.',
    );
    expect(format(en['compare.unchanged'], 'en', { count: 1 })).toBe('1 document unchanged.');
    expect(format(en['compare.unchanged'], 'en', { count: 1200 })).toBe('1,200 documents unchanged.');
  });

  it('has no leftover "(s)" or "(er)" plurals', () => {
    for (const lang of ['en', 'nb']) {
      for (const [key, text] of Object.entries(all(lang)))
        expect({ key, text: /\w\((s|e|er)\)/.test(text) }).toEqual({ key, text: false });
    }
  });
});

describe('server reasons', () => {
  // The catalogue of every reason the server sends (libs/contracts/src/errors.ts).
  const reasons: readonly string[] = ERROR_REASON_LIST;

  it.each(['en', 'nb'])('are all translated in %s', (lang) => {
    const dictionary = all(lang);
    const missing = reasons.filter((reason) => !(`reason.${reason}` in dictionary));
    expect(missing).toEqual([]);
  });

  it.each(['en', 'nb'])('has no translation in %s for a reason the server does not send', (lang) => {
    const extra = Object.keys(all(lang))
      .filter((key) => key.startsWith('reason.'))
      .map((key) => key.slice('reason.'.length))
      .filter((reason) => !reasons.includes(reason));
    expect(extra).toEqual([]);
  });
});
