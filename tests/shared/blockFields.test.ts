// The pure helpers behind the block views' inline validation and display.
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../web/editor/blocks/fields.js';
import { formatDelta } from '../../web/editor/blocks/KpiRowView.js';
import { missesTarget, splitTargetOp } from '../../shared/kpiTarget.js';
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
  it('takes a target typed with its comparison (`≥10000` was refused as not a number)', () => {
    expect(parseNumber('≥10000', undefined, undefined, true)).toEqual({ value: 10000, error: null });
    expect(parseNumber('<= 200', undefined, undefined, true)).toEqual({ value: 200, error: null });
    expect(parseNumber('≤ 0.05%', undefined, undefined, true)).toEqual({ value: 0.05, error: null });
    expect(parseNumber('≥10000')).toMatchObject({ value: null }); // only where a comparison means something
    expect(splitTargetOp('＞＝5')).toEqual({ op: '≥', rest: '5' });
    expect(splitTargetOp('≦ 5')).toEqual({ op: '≤', rest: '5' });
    expect(splitTargetOp('5')).toEqual({ op: null, rest: '5' });
  });
});

describe('KPI row display', () => {
  it('marks a value that misses its target only when both are known', () => {
    expect(missesTarget(99.2, 99.9)).toBe(true);
    expect(missesTarget(99.99, 99.9)).toBe(false);
    expect(missesTarget(null, 99.9)).toBe(false);
    expect(missesTarget(99.2, null)).toBe(false);
  });
  it('takes a `≤` target as a ceiling: a fast response time is not off target', () => {
    expect(missesTarget(150, 200, '≤')).toBe(false);
    expect(missesTarget(250, 200, '≤')).toBe(true);
    expect(missesTarget(200, 200, '≤')).toBe(false);
    expect(missesTarget(150, 200, '≥')).toBe(true);
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
