/** The languages of the interface (issue 13): Chinese first, English second. Shared by the server (the user's stored preference) and the web app. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

/** The language for a browser's preference list: the first Chinese or English entry; Chinese when neither appears. */
export function localeFor(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const l = tag.toLowerCase();
    if (l === 'zh' || l.startsWith('zh-')) return 'zh-CN';
    if (l === 'en' || l.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}
