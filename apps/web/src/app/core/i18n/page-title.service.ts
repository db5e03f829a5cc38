import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n, type TranslationKey } from './i18n.service';

type TitleSource = { key: TranslationKey } | { text: string };

/**
 * The document title follows both the route and the language. Routes name a
 * translation key; pages showing a named thing (a project, a transcript)
 * replace it with that name once loaded.
 */
@Injectable({ providedIn: 'root' })
export class PageTitle {
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly source = signal<TitleSource | null>(null);

  constructor() {
    effect(() => {
      const source = this.source();
      const page = !source ? '' : 'key' in source ? this.i18n.t(source.key) : source.text;
      this.document.title = page ? `${page} – Tolk` : 'Tolk';
    });
  }

  setKey(key: TranslationKey): void {
    this.source.set({ key });
  }

  setText(text: string): void {
    this.source.set({ text });
  }
}

@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly pageTitle = inject(PageTitle);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    if (key) this.pageTitle.setKey(key as TranslationKey);
  }
}
