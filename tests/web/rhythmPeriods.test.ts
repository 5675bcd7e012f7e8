import { describe, expect, it } from 'vitest';
import { monthOfWeek, monthsToWeeks } from '../../web/pages/dashboard/periods.js';

/** Issue 15: "Summarize" asks the server for ISO weeks; a month or quarter is the weeks whose Thursday falls in it. */
describe('summary periods', () => {
  it('a month is the weeks of its Thursdays', () => {
    expect(monthsToWeeks(2024, 3, 3)).toEqual({ from: '2024-W10', to: '2024-W13' }); // Thu 3/7 … Thu 3/28
    expect(monthsToWeeks(2024, 2, 2)).toEqual({ from: '2024-W05', to: '2024-W09' }); // Thu 2/1 … Thu 2/29
    expect(monthsToWeeks(2024, 12, 12)).toEqual({ from: '2024-W49', to: '2024-W52' });
    // January 2021 starts on a Friday: its first days are 2020-W53
    expect(monthsToWeeks(2021, 1, 1)).toEqual({ from: '2021-W01', to: '2021-W04' });
  });
  it('a quarter runs from its first month to its last', () => {
    expect(monthsToWeeks(2024, 1, 3)).toEqual({ from: '2024-W01', to: '2024-W13' });
    expect(monthsToWeeks(2024, 4, 6)).toEqual({ from: '2024-W14', to: '2024-W26' });
    expect(monthsToWeeks(2020, 10, 12)).toEqual({ from: '2020-W40', to: '2020-W53' });
  });
  it('a week belongs to the month of its Thursday', () => {
    expect(monthOfWeek('2024-W13')).toBe('2024-03');
    expect(monthOfWeek('2024-W14')).toBe('2024-04'); // Mon 4/1
    expect(monthOfWeek('2024-W05')).toBe('2024-02'); // Mon 1/29, Thu 2/1
    expect(monthOfWeek('2020-W53')).toBe('2020-12');
    expect(monthOfWeek('nonsense')).toBe('');
  });
});
