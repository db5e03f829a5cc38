import { DOCUMENT } from '@angular/common';
import {
  Injectable,
  inject,
  isDevMode,
  makeEnvironmentProviders,
  provideAppInitializer,
  type EnvironmentProviders,
} from '@angular/core';
import {
  provideTransloco,
  provideTranslocoTranspiler,
  type Translation,
  type TranslocoLoader,
} from '@jsverse/transloco';
import { I18n, LANGS, initialLang, type Lang } from './i18n.service';
import { IcuTranspiler } from './icu-transpiler';

/**
 * Each language is its own chunk, built from the JSON files under src/i18n
 * (one folder per feature). Only the language in use is downloaded.
 */
@Injectable({ providedIn: 'root' })
class BundledLoader implements TranslocoLoader {
  async getTranslation(lang: string): Promise<Translation> {
    const module = (lang as Lang) === 'nb' ? await import('../../../i18n/nb') : await import('../../../i18n/en');
    return module.translation;
  }
}

export function provideI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    ...provideTransloco({
      config: {
        availableLangs: [...LANGS],
        defaultLang: 'en',
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { logMissingKey: isDevMode() },
      },
      loader: BundledLoader,
    }),
    provideTranslocoTranspiler(IcuTranspiler),
    // The first paint is already in the reader's language: its texts are
    // loaded before the first route renders.
    provideAppInitializer(() => inject(I18n).activate(initialLang(inject(DOCUMENT)))),
  ]);
}
