import { describe, expect, it } from 'vitest';
import i18n from '../../web/i18n/index.js';
import { nextMissingWeek } from '../../web/lib/nextMissingWeek.js';
import { weekTicks, withWeekGaps } from '../../web/pages/dashboard/charts.js';
import { incidentTime, spansYears } from '../../web/pages/dashboard/incidentTime.js';
import { initials, userColor } from '../../web/lib/userColor.js';

describe('New week', () => {
  it('is this week when it has no report', () => {
    expect(nextMissingWeek(['2024-W10', '2024-W11'], '2024-W12')).toBe('2024-W12');
  });
  it('is the first missing week after this one, across a year end', () => {
    expect(nextMissingWeek(['2024-W51', '2024-W52', '2025-W01'], '2024-W51')).toBe('2025-W02');
    expect(nextMissingWeek(['2026-W52', '2026-W53'], '2026-W52')).toBe('2027-W01'); // 2026 has 53 ISO weeks
  });
});

describe('chart week ticks', () => {
  it('name the year when the weeks span years (2024-W12 → 2026-W49 read 第12周 … 第49周)', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(weekTicks(['2024-W12', '2024-W30'])('2024-W12')).toBe('第12周');
    expect(weekTicks(['2024-W12', '2026-W49'])('2026-W49')).toBe('26年第49周');
    await i18n.changeLanguage('en');
    expect(weekTicks(['2024-W12', '2026-W49'])('2024-W12')).toBe("'24 W12");
  });
});

describe('user colours', () => {
  // Ids shaped like better-auth's (32 random letters and digits), from a seeded generator so the test is repeatable.
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const ids = Array.from({ length: 240 }, () => Array.from({ length: 32 }, () => abc[Math.floor(rnd() * abc.length)]).join(''));
  it('are stable per id', () => {
    expect(ids.map(userColor)).toEqual(ids.map(userColor));
  });
  it('spread similar ids over the whole palette', () => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(userColor(id), (counts.get(userColor(id)) ?? 0) + 1);
    expect(counts.size).toBe(12);
    expect(Math.max(...counts.values())).toBeLessThan(240 / 12 * 2);
  });
  it('initials read well for Chinese and Latin names', () => {
    expect(initials('王小明')).toBe('明');
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  ')).toBe('?');
  });
});

describe('incident times in a list', () => {
  it('name the year when the list spans years (a range over 2024–2026 listed 03-21 15:43)', () => {
    const list = [{ start: '2024-03-21T15:43', week: '2024-W12' }, { start: '2026-11-30T09:00', week: '2026-W49' }];
    expect(spansYears(list)).toBe(true);
    expect(incidentTime(list[0].start, list[0].week, spansYears(list))).toBe('2024-03-21 15:43');
    expect(spansYears(list.slice(0, 1))).toBe(false);
    expect(incidentTime(list[0].start, list[0].week, false)).toBe('03-21 15:43');
    expect(incidentTime(null, '2024-W12', true)).toBe('2024-W12');
  });
});

describe('chart weeks', () => {
  type Point = { week: string; value: number | null };
  const empty = (week: string): Point => ({ week, value: null });
  it('weeks without a report are empty points, so W10 and W14 are not drawn as neighbours', () => {
    const got = withWeekGaps<Point>([{ week: '2024-W10', value: 1 }, { week: '2024-W11', value: 2 }, { week: '2024-W14', value: 3 }], empty);
    expect(got.map((p) => [p.week, p.value])).toEqual([['2024-W10', 1], ['2024-W11', 2], ['2024-W12', null], ['2024-W13', null], ['2024-W14', 3]]);
  });
  it('across a year end of 53 weeks', () => {
    expect(withWeekGaps<Point>([{ week: '2026-W52', value: 1 }, { week: '2027-W02', value: 2 }], empty).map((p) => p.week)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
  it('leaves points as they are past ten years of gaps, or when they are not weeks in order', () => {
    const sparse: Point[] = [{ week: '2000-W01', value: 1 }, { week: '2020-W01', value: 2 }];
    expect(withWeekGaps(sparse, empty)).toEqual(sparse);
    const odd: Point[] = [{ week: '2024-W12', value: 1 }, { week: '2024-W10', value: 2 }, { week: '本周', value: 3 }];
    expect(withWeekGaps(odd, empty)).toEqual(odd);
  });
});
