import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../web/i18n/index.js';
import { changeMark, changeWords, stuckText } from '../../web/pages/report/changeText.js';
import type { ItemChange } from '../../web/pages/report/rhythmApi.js';

/** Issue 15: what the editor writes above a changed or stuck item, in both languages (from the catalogues). */
const item = (over: Partial<ItemChange>): ItemChange => ({
  blockId: 'b1', kind: 'okr', project: '实时数仓', text: '实时数仓', change: 'changed',
  progress: { from: 40, to: 60 }, due: { from: '2024-03-28', to: '2024-04-04', days: 7 }, status: { from: 'on_track', to: 'at_risk' },
  stuckFor: null, stuckSince: null, ...over,
} as ItemChange);

afterAll(() => i18n.changeLanguage('zh-CN'));

describe('change notes', () => {
  it('in English: progress, go-live by days, status; new; stuck with how long and since when', async () => {
    await i18n.changeLanguage('en');
    expect(changeMark(item({}), true)).toEqual({ change: 'changed', stuck: false, note: 'Progress 40% → 60% · Go-live 2024-03-28 → 2024-04-04 (7 days later) · Status On track → At risk' });
    expect(changeWords(item({ due: { from: '2024-04-04', to: '2024-04-03', days: -1 } as ItemChange['due'], progress: { from: 60, to: 60 } as ItemChange['progress'], status: { from: 'open', to: 'resolved' } as ItemChange['status'] })))
      .toEqual(['Go-live 2024-04-04 → 2024-04-03 (1 day earlier)', 'Status Open → Resolved']);
    expect(changeMark(item({ change: 'new' }), true)?.note).toBe('New this week');
    // nothing the fields say changed: the text did
    expect(changeMark(item({ progress: { from: 1, to: 1 } as ItemChange['progress'], due: { from: null, to: null, days: null } as ItemChange['due'], status: { from: null, to: null } as ItemChange['status'] }), true)?.note).toBe('Text changed');
    // not highlighting: only a stuck item is marked
    expect(changeMark(item({}), false)).toBeNull();
    expect(changeMark(item({ change: 'unchanged', stuckFor: 4, stuckSince: '2024-W20' }), false)).toEqual({ change: null, stuck: true, note: 'stuck for 4 reports since 2024-W20' });
    expect(changeMark(item({ stuckFor: 3, stuckSince: '2024-W20' }), true)?.note).toBe('Progress 40% → 60% · Go-live 2024-03-28 → 2024-04-04 (7 days later) · Status On track → At risk · stuck for 3 reports since 2024-W20');
    expect(stuckText(5, null)).toBe('stuck for 5 reports');
  });

  it('in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(changeMark(item({}), true)?.note).toBe('进度 40% → 60% · 上线 2024-03-28 → 2024-04-04（推迟 7 天） · 状态 正常 → 有风险');
    expect(changeMark(item({ change: 'new' }), true)?.note).toBe('本期新增');
    expect(changeMark(item({ change: 'unchanged', stuckFor: 4, stuckSince: '2024-W20' }), true)?.note).toBe('自 2024-W20 起连续 4 期未推进');
  });
});
