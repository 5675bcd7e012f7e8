import fs from 'node:fs';
import path from 'node:path';

/** The web app's catalogues, for browser tests that find controls by their words in either language (issue 13). */
const dir = path.resolve(import.meta.dirname, '../../web/i18n');
const catalogues = {
  'zh-CN': JSON.parse(fs.readFileSync(path.join(dir, 'zh-CN.json'), 'utf8')),
  en: JSON.parse(fs.readFileSync(path.join(dir, 'en.json'), 'utf8')),
} as const;
export type Lang = keyof typeof catalogues;

/** The text of `key` in `lang`, with `{{var}}` filled in; `count` picks the plural form as i18next does. */
export function text(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const find = (k: string) => k.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), catalogues[lang]);
  const count = vars.count;
  const plural = typeof count === 'number' ? find(`${key}_${lang === 'en' && count === 1 ? 'one' : 'other'}`) : undefined;
  const v = plural ?? find(key);
  if (typeof v !== 'string') throw new Error(`no ${key} in ${lang}`);
  return v.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ''));
}

/** The browser locale that makes the app pick `lang`. */
export const browserLocale = (lang: Lang) => (lang === 'en' ? 'en-US' : 'zh-CN');
