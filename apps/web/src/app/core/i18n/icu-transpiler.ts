import { Injectable } from '@angular/core';
import type { TranslocoTranspiler, TranspileParams } from '@jsverse/transloco';
import { IntlMessageFormat } from 'intl-messageformat';

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
  private readonly compiled = new Map<string, IntlMessageFormat>();

  transpile({ value, params }: TranspileParams): unknown {
    // Plain texts (most of them) need no parsing at all.
    if (typeof value !== 'string' || !value.includes('{')) return value;
    return this.format(value, params ?? {});
  }

  onLangChanged(lang: string): void {
    this.lang = lang;
  }

  private format(message: string, params: Record<string, unknown>): string {
    const cacheKey = `${this.lang}\u0000${message}`;
    let format = this.compiled.get(cacheKey);
    if (!format) {
      // ignoreTag: a '<' in a text is a character, not the start of rich-text markup.
      format = new IntlMessageFormat(message, this.lang, undefined, { ignoreTag: true });
      this.compiled.set(cacheKey, format);
    }
    return String(format.format(params as Record<string, string | number>));
  }
}
