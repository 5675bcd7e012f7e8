import type { DateProblem } from '../../../shared/parse/dateInput.js';
import i18n from '../../i18n/index.js';

/**
 * The words of the fields inside blocks (dates, the calendar, who else is in a field, a change that landed while
 * you typed), in one place: read from the interface's catalogues (`fields.*`, web/i18n) at the moment they are
 * shown, so they follow the language.
 */
const field = (key: string, values?: Record<string, unknown>) => i18n.t(`fields.${key}`, values);

export const fieldText = {
  date: {
    get placeholder() { return field('date.placeholder'); },
    get dateTimePlaceholder() { return field('date.dateTimePlaceholder'); },
    problem: {
      get format() { return field('date.problem.format'); },
      get day() { return field('date.problem.day'); },
      get time() { return field('date.problem.time'); },
      get needsTime() { return field('date.problem.needsTime'); },
      get needsDate() { return field('date.problem.needsDate'); },
    } satisfies Record<DateProblem, string>,
    willBe: (shown: string) => field('date.willBe', { shown }),
    get openCalendar() { return field('date.openCalendar'); },
    get calendar() { return field('date.calendar'); },
    get previousMonth() { return field('date.previousMonth'); },
    get nextMonth() { return field('date.nextMonth'); },
    monthTitle: (year: number, month: number) => field('date.monthTitle', { year, month, mm: String(month).padStart(2, '0') }),
    get weekdays() { return field('date.weekdays').split(','); },
    get today() { return field('date.today'); },
    get clear() { return field('date.clear'); },
  },
  presence: {
    editing: (names: string) => field('presence.editing', { names }),
  },
  conflict: {
    changed: (who: string) => field('conflict.changed', { who }),
    get someone() { return field('conflict.someone'); },
    get empty() { return field('conflict.empty'); },
    get keepMine() { return field('conflict.keepMine'); },
    get useTheirs() { return field('conflict.useTheirs'); },
    yours: (v: string) => field('conflict.yours', { value: v }),
  },
};
