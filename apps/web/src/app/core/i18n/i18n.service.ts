import { DOCUMENT } from '@angular/common';
import { Injectable, computed, effect, inject, signal } from '@angular/core';
import { en, type TranslationKey } from './en';
import { nb } from './nb';

export type Lang = 'en' | 'nb';
export type TranslationParams = Record<string, string | number>;

export const LANGUAGES: readonly { code: Lang; name: string }[] = [
  // Each language is named in itself, so a reader finds their own.
  { code: 'en', name: 'English' },
  { code: 'nb', name: 'Norsk' },
];

const STORAGE_KEY = 'tolk.lang';
const DICTIONARIES: Record<Lang, Record<TranslationKey, string>> = { en, nb };
const LOCALES: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO' };

/**
 * Runtime translation. Angular's compile-time i18n builds one bundle per
 * locale, but researchers switch language mid-session (a supervisor reading
 * a student's project), so strings are looked up from a signal instead.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  readonly lang = signal<Lang>(this.initialLang());
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

  /** The user chose a language: remember it for the next visit. */
  use(lang: Lang): void {
    this.lang.set(lang);
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled (private mode); the choice then lasts the session.
    }
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    const text = DICTIONARIES[this.lang()][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.formatNumber(value) : value;
    });
  }

  formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  /** "26 Nov 2026, 18:06" / "26. nov. 2026, 18:06". */
  formatDateTime(iso: string | Date): string {
    const date = typeof iso === 'string' ? new Date(iso) : iso;
    return Number.isNaN(date.getTime()) ? '' : this.dateTimeFormat().format(date);
  }

  private initialLang(): Lang {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      if (stored === 'en' || stored === 'nb') return stored;
    } catch {
      // Fall through to the browser's preference.
    }
    const preferred = this.document.defaultView?.navigator.languages ?? [];
    for (const tag of preferred) {
      const base = tag.toLowerCase().split('-')[0];
      // Nynorsk and plain "no" readers read bokmål far better than English.
      if (base === 'nb' || base === 'nn' || base === 'no') return 'nb';
      if (base === 'en') return 'en';
    }
    return 'en';
  }
}
