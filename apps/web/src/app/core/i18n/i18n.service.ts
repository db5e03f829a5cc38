import { DOCUMENT } from '@angular/common';
import { Injectable, computed, effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { TranslationKey } from '../../../i18n/en';
import { errorReason, errorStatus, messageParams, statusMessageKey } from '../http/api-error';
import { formatIcu } from './icu-transpiler';

export type { TranslationKey };
export type Lang = 'en' | 'nb';
export type TranslationParams = Record<string, string | number>;

export const LANGS: readonly Lang[] = ['en', 'nb'];
export const LANGUAGES: readonly { code: Lang; name: string }[] = [
  // Each language is named in itself, so a reader finds their own.
  { code: 'en', name: 'English' },
  { code: 'nb', name: 'Norsk' },
];

const STORAGE_KEY = 'tolk.lang';
const LOCALES: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO' };

/**
 * A thin, typed face of Transloco for code outside templates (templates use
 * `*transloco="let t"`). It adds what Transloco leaves to the app: keys checked
 * by the compiler, the language as a signal (so `computed` texts follow a
 * switch), the remembered choice, and locale formats for numbers and dates.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  readonly lang = toSignal(this.transloco.langChanges$ as import('rxjs').Observable<Lang>, {
    initialValue: this.transloco.getActiveLang() as Lang,
  });
  readonly locale = computed(() => LOCALES[this.lang()]);
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.locale()));
  private readonly dateTimeFormat = computed(
    () => new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium', timeStyle: 'short' }),
  );

  constructor() {
    effect(() => {
      // Screen readers pick their voice from <html lang>.
      this.document.documentElement.lang = this.lang();
    });
  }

  /** Loads a language's texts before it becomes active, so no key ever shows. */
  async activate(lang: Lang): Promise<void> {
    await firstValueFrom(this.transloco.load(lang));
    this.transloco.setActiveLang(lang);
  }

  /** The user chose a language: switch and remember it for the next visit. */
  async use(lang: Lang): Promise<void> {
    await this.activate(lang);
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled (private mode); the choice then lasts the session.
    }
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    // Reading the signal makes callers inside computed()/effect() follow a switch.
    this.lang();
    return this.transloco.translate(key, params);
  }

  /**
   * Why a call failed, in the reader's language: the translation of the
   * server's `reason`, else a generic sentence for the HTTP status. Never
   * the server's own (English) message.
   */
  explain(err: unknown): string {
    return this.reasonLines(err)[0] ?? this.t(statusMessageKey(errorStatus(err)) as TranslationKey);
  }

  /**
   * The translated reason as one line when the server gave a reason this
   * client knows and every value its message needs; else none (for the
   * "why" lines under an error that already says what failed).
   */
  reasonLines(err: unknown): string[] {
    const refusal = errorReason(err);
    if (!refusal) return [];
    const lang = this.lang();
    const message = this.transloco.getTranslation(lang)[`reason.${refusal.reason}`];
    if (typeof message !== 'string') return [];
    try {
      return [formatIcu(message, lang, messageParams(refusal.params))];
    } catch {
      return [];
    }
  }

  formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  /** "26 Nov 2026, 18:06" / "26. nov. 2026, 18:06". */
  formatDateTime(iso: string | Date): string {
    const date = typeof iso === 'string' ? new Date(iso) : iso;
    return Number.isNaN(date.getTime()) ? '' : this.dateTimeFormat().format(date);
  }
}

/** The remembered choice, else the browser's preference, else English. */
export function initialLang(document: Document): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'nb') return stored;
  } catch {
    // Fall through to the browser's preference.
  }
  const preferred = document.defaultView?.navigator.languages ?? [];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    // Nynorsk and plain "no" readers read bokmål far better than English.
    if (base === 'nb' || base === 'nn' || base === 'no') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
}
