import { browser } from '../browser';
import { localeFor, type Locale } from '../i18n';
import type { Settings } from '../settings/catalogue';

/** The interface language: the setting when chosen, else the browser's. */
export function uiLocale(setting: Settings['uiLanguage'] | undefined): Locale {
  if (setting && setting !== 'auto') return setting;
  return localeFor(browser.i18n.getUILanguage());
}
