/**
 * The i18n layer every string the agent reads goes through. Messages live in
 * public/_locales/<locale>/messages.json (the browser's own format, so the
 * manifest and the browser use the same files); they are bundled here as well
 * so the interface language can follow Deskmate's setting, not only the
 * browser's, and switch without a reload.
 */
import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';
import zhTW from '../public/_locales/zh_TW/messages.json';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'zh_CN' | 'zh_TW';
interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export const CATALOGUES: Record<Locale, Record<string, Entry>> = { en, zh_CN: zhCN, zh_TW: zhTW };

/** en, zh_CN or zh_TW for a BCP 47 tag: Taiwan, Hong Kong, Macau and Hant scripts read traditional. */
export function localeFor(tag: string | undefined): Locale {
  const t = (tag ?? '').toLowerCase().replace('_', '-');
  if (!t.startsWith('zh')) return 'en';
  return /hant|-tw|-hk|-mo/.test(t) ? 'zh_TW' : 'zh_CN';
}

/** Browser i18n message format: $NAME$ placeholders whose content is $1..$9. */
export function format(entry: Entry | undefined, substitutions: readonly (string | number)[]): string {
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    if (!content) return whole;
    return content.replace(/\$(\d)/g, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''));
  });
}

export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;

export function createTranslator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, ...subs) => format(catalogue[key] ?? CATALOGUES.en[key], subs);
}

/** BCP 47 tag for Intl formatting and the lang attribute. */
export function langTag(locale: Locale): string {
  return locale === 'en' ? 'en' : locale === 'zh_CN' ? 'zh-Hans' : 'zh-Hant';
}
