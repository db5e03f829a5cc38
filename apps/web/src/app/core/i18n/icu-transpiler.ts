import { Injectable, isDevMode } from '@angular/core';
import type { TranslocoTranspiler, TranspileParams } from '@jsverse/transloco';
import { IntlMessageFormat } from 'intl-messageformat';

type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function compile(message: string, lang: string): IntlMessageFormat {
  const cacheKey = `${lang}\u0000${message}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    // ignoreTag: a '<' in a text is a character, not the start of rich-text markup.
    format = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** Formats an ICU message; throws when it needs a value that `values` lacks. */
export function formatIcu(message: string, lang: string, values: Values): string {
  if (!message.includes('{')) return message;
  return String(compile(message, lang).format(values));
}

/**
 * Fills in ICU messages (`{count, plural, one {# code} other {# codes}}`,
 * `{n, number}`) for Transloco. `@jsverse/transloco-messageformat` compiles
 * messages with `new Function`, which the server's Content-Security-Policy
 * (`script-src 'self'`, no 'unsafe-eval') forbids; intl-messageformat
 * interprets the parsed message instead, so it runs under that policy.
 */
@Injectable()
export class IcuTranspiler implements TranslocoTranspiler {
  private lang = 'en';

  transpile({ value, params, key }: TranspileParams): unknown {
    if (typeof value !== 'string') return value;
    const values = params ?? {};
    try {
      return formatIcu(value, this.lang, values);
    } catch (err) {
      // A missing value must not break the page: show the rest of the text.
      if (isDevMode()) console.warn(`i18n: ${key}:`, err);
      const lenient = new Proxy(values, { has: () => true, get: (target, name) => target[name as string] ?? '' });
      return formatIcu(value, this.lang, lenient);
    }
  }

  onLangChanged(lang: string): void {
    this.lang = lang;
  }
}
