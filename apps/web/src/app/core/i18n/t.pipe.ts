import { Pipe, PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './en';
import { I18n, type TranslationParams } from './i18n.service';

/**
 * `{{ 'projects.title' | t }}`. Impure on purpose: the result depends on the
 * language signal as well as the key, and a lookup is cheaper than the
 * bookkeeping a pure pipe would need to notice a language switch.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
