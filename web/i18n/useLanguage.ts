import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from '../../shared/i18n.js';
import { authClient } from '../api.js';
import { toast } from '../lib/toast.js';
import i18n, { browserLocale, currentLocale } from './index.js';

/** Follows the signed-in user's stored language; without one, the browser's. Mounted once, in App. */
export function LanguageSync() {
  const { data } = authClient.useSession();
  const userId = data?.user.id;
  const stored = data?.user.locale;
  useEffect(() => {
    if (!userId) return;
    const want: Locale = isLocale(stored) ? stored : browserLocale();
    if (i18n.language !== want) void i18n.changeLanguage(want);
  }, [userId, stored]);
  return null;
}

/** The current language and a way to change it: at once on screen, and stored as the user's preference. */
export function useLanguage() {
  useTranslation(); // re-render on change
  const choose = async (l: Locale) => {
    await i18n.changeLanguage(l);
    const r = await authClient.updateUser({ locale: l });
    if (r.error) toast.error(r.error);
  };
  return { language: currentLocale(), choose };
}
