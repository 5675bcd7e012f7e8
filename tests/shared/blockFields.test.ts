// The pure helpers behind the block views' inline validation and display.
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../web/editor/blocks/fields.js';
import { belowTarget, formatDelta } from '../../web/editor/blocks/KpiRowView.js';
import { formatMinutes } from '../../web/editor/blocks/IncidentView.js';
import i18n from '../../web/i18n/index.js';

describe('parseNumber (what a number field accepts)', () => {
  it('reads numbers as people type them', () => {
    expect(parseNumber('99.997')).toEqual({ value: 99.997, error: null });
    expect(parseNumber(' 1,234 ')).toEqual({ value: 1234, error: null });
    expect(parseNumber('40%')).toEqual({ value: 40, error: null });
    expect(parseNumber('')).toEqual({ value: null, error: null }); // clearing is allowed: the field becomes empty
  });
  it('refuses text and out-of-range values with a message in the interface\'s language, and no value', async () => {
    await i18n.changeLanguage('en');
    expect(parseNumber('abc')).toEqual({ value: null, error: '“abc” is not a number' });
    expect(parseNumber('9O')).toMatchObject({ value: null });
    expect(parseNumber('140', 0, 100)).toEqual({ value: null, error: 'must be at most 100' });
    expect(parseNumber('-1', 0, 100)).toEqual({ value: null, error: 'must be at least 0' });
    await i18n.changeLanguage('zh-CN');
    expect(parseNumber('abc')).toEqual({ value: null, error: '“abc”不是数字' });
    expect(parseNumber('140', 0, 100)).toEqual({ value: null, error: '不能大于 100' });
    expect(parseNumber('-1', 0, 100)).toEqual({ value: null, error: '不能小于 0' });
  });
});

describe('KPI row display', () => {
  it('marks a value below its target only when both are known', () => {
    expect(belowTarget(99.2, 99.9)).toBe(true);
    expect(belowTarget(99.99, 99.9)).toBe(false);
    expect(belowTarget(null, 99.9)).toBe(false);
    expect(belowTarget(99.2, null)).toBe(false);
  });
  it('formats deltas with a sign and without float noise', () => {
    expect(formatDelta(99.995 - 99.997)).toBe('-0.002');
    expect(formatDelta(0.1 + 0.2)).toBe('+0.3');
    expect(formatDelta(0)).toBe('0');
  });
});

describe('incident duration display', () => {
  it('minutes, then hours and minutes, in the interface language', async () => {
    await i18n.changeLanguage('en');
    expect(formatMinutes(32)).toBe('32 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(135)).toBe('2 h 15 min');
    await i18n.changeLanguage('zh-CN');
    expect(formatMinutes(32)).toBe('32 分钟');
    expect(formatMinutes(135)).toMatch(/^2\s*小时\s*15\s*分钟$/);
  });
});
