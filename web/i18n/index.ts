import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale as DateLocale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { isLocale, localeFor, type Locale } from '../../shared/i18n.js';
import en from './en.json' with { type: 'json' };
import zh from './zh-CN.json' with { type: 'json' };

/**
 * The interface's languages (issue 13): one catalogue per language (./zh-CN.json, ./en.json, the same keys; a test
 * fails when either lacks one, or when code uses a key neither has). The language is, in order: the signed-in
 * user's stored preference (useLanguageSync, ./useLanguage.ts), the one last used in this browser, the browser's own.
 */
export const catalogues = { 'zh-CN': zh, en } as const;
export type { Locale };

const HINT = 'cadence.lang';

export function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return 'zh-CN';
  return localeFor(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function storedHint(): Locale | null {
  try {
    const v = localStorage.getItem(HINT);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

const apply = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  try { localStorage.setItem(HINT, lng); } catch { /* private mode */ }
};

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  lng: storedHint() ?? browserLocale(),
  fallbackLng: false,
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
apply(i18n.language);
i18n.on('languageChanged', apply);

export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');

/** date-fns's locale for the current language (relative times, month names). */
export const dateLocale = (): DateLocale => (currentLocale() === 'en' ? enUS : zhCN);

export default i18n;
