// The date and date-time parser behind the date fields: every form the sample reports write dates in, the forms
// people type (`0328`, `2024-03-28`, full-width digits), the team's display format, and what is refused.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, normalizeDateText, parseDate, parseDateTime } from '../../shared/parse/dateInput.js';
import { readSample, sampleNames } from '../helpers/samples.js';

const w12 = { year: 2024, month: 3 };
const ok = (value: string | null) => ({ ok: true, value });

describe('parseDate', () => {
  it.each([
    ['3/28', '2024-03-28'],
    ['3月28日', '2024-03-28'],
    ['3月28号', '2024-03-28'],
    ['3 月 28 日', '2024-03-28'],
    ['2024-03-28', '2024-03-28'],
    ['2024/3/28', '2024-03-28'],
    ['2024.3.28', '2024-03-28'],
    ['2024年3月28日', '2024-03-28'],
    ['0328', '2024-03-28'],
    ['20240328', '2024-03-28'],
    ['3.28', '2024-03-28'],
    ['3-28', '2024-03-28'],
    ['03/28', '2024-03-28'],
    ['３／２８', '2024-03-28'],
    ['  4/16 ', '2024-04-16'],
    ['2/29', '2024-02-29'],
  ])('%s → %s (in a 2024-W12 report)', (text, iso) => {
    expect(parseDate(text, w12)).toEqual(ok(iso));
  });

  it('empty is no date; junk and impossible days are refused, never stored as something else', () => {
    expect(parseDate('', w12)).toEqual(ok(null));
    expect(parseDate('   ', w12)).toEqual(ok(null));
    expect(parseDate('mm/20/0026', w12)).toEqual({ ok: false, problem: 'format' });
    expect(parseDate('4月初', w12)).toEqual({ ok: false, problem: 'format' });
    expect(parseDate('3/32', w12)).toEqual({ ok: false, problem: 'day' });
    expect(parseDate('13/01', w12)).toEqual({ ok: false, problem: 'day' });
    expect(parseDate('2/30', w12)).toEqual({ ok: false, problem: 'day' });
    expect(parseDate('2/29', { year: 2023 })).toEqual({ ok: false, problem: 'day' });
    expect(parseDate('0020-03-28', w12)).toEqual({ ok: false, problem: 'day' }); // no year 0020
    expect(parseDate('2', w12)).toEqual({ ok: false, problem: 'format' });
  });

  it('a date without a year takes the report’s, or the next/previous year when more than six months away', () => {
    expect(parseDate('1/10', { year: 2024, month: 12 })).toEqual(ok('2025-01-10'));
    expect(parseDate('12/28', { year: 2025, month: 1 })).toEqual(ok('2024-12-28'));
    expect(parseDate('7/1', { year: 2024, month: 3 })).toEqual(ok('2024-07-01'));
    expect(parseDate('12/28', { year: 2025 })).toEqual(ok('2025-12-28')); // month unknown: the year as given
  });
});

describe('parseDateTime', () => {
  it.each([
    ['3/21 15:43', '2024-03-21T15:43'],
    ['3/22 11:38', '2024-03-22T11:38'],
    ['3月22日 14:52', '2024-03-22T14:52'],
    ['3月22日14:52', '2024-03-22T14:52'],
    ['2024-03-21T15:43', '2024-03-21T15:43'],
    ['2024-03-21 15:43', '2024-03-21T15:43'],
    ['0321 1543', '2024-03-21T15:43'],
    ['3/21，15：43', '2024-03-21T15:43'],
    ['3/21 9:05', '2024-03-21T09:05'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateTime(text, w12)).toEqual(ok(iso));
  });

  it('a time alone is on the day it follows (the next day when earlier); without one it needs a date', () => {
    expect(parseDateTime('16:15', { ...w12, after: '2024-03-21T15:43' })).toEqual(ok('2024-03-21T16:15'));
    expect(parseDateTime('17：00', { ...w12, after: '2024-06-19T12:47' })).toEqual(ok('2024-06-19T17:00'));
    expect(parseDateTime('01:10', { ...w12, after: '2024-03-31T23:50' })).toEqual(ok('2024-04-01T01:10'));
    expect(parseDateTime('16:15', w12)).toEqual({ ok: false, problem: 'needsDate' });
  });

  it('refuses a date without a time, impossible times and junk', () => {
    expect(parseDateTime('3/21', w12)).toEqual({ ok: false, problem: 'needsTime' });
    expect(parseDateTime('0321', w12)).toEqual({ ok: false, problem: 'needsTime' });
    expect(parseDateTime('3/21 25:00', w12)).toEqual({ ok: false, problem: 'time' });
    expect(parseDateTime('3/21 15:61', w12)).toEqual({ ok: false, problem: 'time' });
    expect(parseDateTime('3/32 15:43', w12)).toEqual({ ok: false, problem: 'day' });
    expect(parseDateTime('mm/dd/yyyy --:--', w12)).toEqual({ ok: false, problem: 'format' });
    expect(parseDateTime('', w12)).toEqual(ok(null));
  });
});

describe('every date the sample reports write', () => {
  // Go-live dates (`计划3/28上线`, `9月10日上线`), incident openers (`3/21 15:43`, `06/19 12:47`, `8月21日 14:08`)
  // and recovery times (`17：00 恢复`), read from the samples themselves.
  for (const name of sampleNames) {
    it(name, () => {
      const text = readSample(name);
      const year = Number(name.slice(0, 4));
      const week = Number(name.slice(6));
      const month = new Date(Date.UTC(year, 0, 1 + (week - 1) * 7)).getUTCMonth() + 1;
      const ctx = { year, month };
      const dateTimes = [...normalizeDateText(text).matchAll(/(?<![\d/])(\d{1,2}\/\d{1,2}|\d{1,2}月\d{1,2}日) ?(\d{1,2}:\d{2})(?!\d)/g)].map((m) => m[0]);
      const dates = [...text.matchAll(/(?<![\d/.])(\d{1,2}\/\d{1,2}|\d{1,2}月\d{1,2}日)(?![\d/])/g)].map((m) => m[1]);
      const times = [...text.matchAll(/(?<![\d/])(\d{1,2}[:：]\d{2})(?!\d)/g)].map((m) => m[1]);
      expect(dates.length + dateTimes.length).toBeGreaterThan(2);
      for (const d of dates) {
        const r = parseDate(d, ctx);
        expect(r, d).toMatchObject({ ok: true });
        const [m, day] = d.split(/[/月日]/).map(Number);
        expect((r as { value: string }).value, d).toBe(`${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
        expect(formatDate((r as { value: string }).value)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      for (const dt of dateTimes) {
        const r = parseDateTime(dt, ctx);
        expect(r, dt).toMatchObject({ ok: true });
        expect(formatDateTime((r as { value: string }).value), dt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      }
      for (const t of times) expect(parseDateTime(t, { ...ctx, after: `${year}-${String(month).padStart(2, '0')}-01T00:00` }), t).toMatchObject({ ok: true });
    });
  }
});

describe('display', () => {
  it('shows the team’s format', () => {
    expect(formatDate('2024-03-28')).toBe('2024-03-28');
    expect(formatDateTime('2024-03-21T15:43')).toBe('2024-03-21 15:43');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });
});

describe('dates read from text or stored by clients are days that exist', () => {
  it('gives null for 2/30, 4/31, 13/45, 25:00 and what is no date at all', async () => {
    const { isoDay, isoDateTime, calendarDay } = await import('../../shared/parse/dateInput.js');
    const { dueFrom } = await import('../../shared/parse/okrText.js');
    const { riskDueFrom } = await import('../../shared/blocks/risk.js');
    expect(dueFrom('物保进度50%，计划2/30上线', 2024, 7)).toBeNull();
    expect(dueFrom('计划2/29上线', 2024, 7)).toBe('2024-02-29');
    expect(riskDueFrom('资源不足，截止4/31', 2024, 3)).toBeNull();
    expect(riskDueFrom('资源不足，截止4/30', 2024, 3)).toBe('2024-04-30');
    expect(calendarDay(2023, 2, 29)).toBeNull();
    expect(['2024-13-45', '2024-02-30', 'yesterday', 20240328, null].map(isoDay)).toEqual([null, null, null, null, null]);
    expect(isoDay('2024-02-29')).toBe('2024-02-29');
    expect(['2024-03-21T25:00', '2024-02-30T10:00', '2024-03-21', 'yesterday'].map(isoDateTime)).toEqual([null, null, null, null]);
    expect(isoDateTime('2024-03-21T15:43')).toBe('2024-03-21T15:43');
  });
});
