import { format, formatDistanceToNowStrict } from 'date-fns';
import { weekEnd, weekStart } from '../../shared/week.js';
import i18n, { dateLocale } from '../i18n/index.js';

const valid = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * "7 分钟前" / "7 minutes ago" for list rows (date-fns, in the interface's language); the raw string when unreadable.
 * Under a minute (either way: a clock a little ahead of the server's) it is "刚刚" / "just now", not "0 秒前".
 */
export function formatUpdated(iso: string): string {
  const d = valid(iso);
  if (!d) return iso;
  if (Math.abs(Date.now() - d.getTime()) < 60_000) return i18n.t('common.justNow');
  return formatDistanceToNowStrict(d, { addSuffix: true, locale: dateLocale() });
}

/** "3月28日 15:43" / "Mar 28, 15:43". */
export function formatDateTime(iso: string): string {
  const d = valid(iso);
  return d ? format(d, i18n.t('format.dateTime'), { locale: dateLocale() }) : iso;
}

/** The full date and time, for a tooltip. */
export function formatFull(iso: string): string {
  const d = valid(iso);
  return d ? format(d, i18n.t('format.fullDateTime'), { locale: dateLocale() }) : iso;
}

/** "3月18日 – 3月24日" / "Mar 18 – Mar 24": a week's Monday to Sunday. */
export function weekRangeText(week: string): string {
  const f = i18n.t('format.dayMonth');
  return `${format(weekStart(week), f, { locale: dateLocale() })} – ${format(weekEnd(week), f, { locale: dateLocale() })}`;
}
