import { isSearchLanguage, type ProjectSettings, type SearchLanguage } from '@tolk/contracts';

/** A project's text-search configuration; projects from before the setting search in Norwegian. */
export function searchLanguageOf(settings: Partial<ProjectSettings>): SearchLanguage {
  return isSearchLanguage(settings.searchLanguage) ? settings.searchLanguage : 'norwegian';
}
