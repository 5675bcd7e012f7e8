import type { DateProblem } from '../../../shared/parse/dateInput.js';

/**
 * The words of the fields inside blocks (dates, the calendar, who else is in a field, a change that landed while
 * you typed), in one place: the Chinese UI replaces this object.
 */
export const fieldText = {
  date: {
    placeholder: '3/28',
    dateTimePlaceholder: '3/21 15:43',
    problem: {
      format: 'not a date — try 3/28, 3月28日, 2024-03-28 or 0328',
      day: 'no such day',
      time: 'no such time',
      needsTime: 'add the time, e.g. 3/21 15:43',
      needsDate: 'add the day, e.g. 3/21 15:43',
    } satisfies Record<DateProblem, string>,
    willBe: (shown: string) => `→ ${shown}`,
    openCalendar: 'Choose on a calendar',
    calendar: 'Calendar',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    monthTitle: (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`,
    weekdays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
    today: 'Today',
    clear: 'Clear',
  },
  presence: {
    editing: (names: string) => `${names} editing`,
  },
  conflict: {
    changed: (who: string) => `${who} changed this`,
    someone: 'Someone',
    empty: '(empty)',
    keepMine: 'Keep mine',
    useTheirs: 'Use theirs',
    yours: (v: string) => `yours: ${v}`,
  },
};
