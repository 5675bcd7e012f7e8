// Where a search hit lands (web/editor/landing.ts): a block by its id; a text hit on its own line — found by its
// snippet after the nearest block above it (which is all the index records) — never on that block.
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import { findTarget, needleOf } from '../../web/editor/landing.js';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = reportSchema().nodeFromJSON({ type: 'doc', content: [
  p('支付评审 intro'),
  { type: 'incident', attrs: { blockId: 'inc1' }, content: [p('3/22 11:38，中信出金失败')] },
  { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '【其他】' }] },
  { type: 'orderedList', content: [{ type: 'listItem', content: [p('金融&支付中心立项评审')] }, { type: 'listItem', content: [p('支付评审复盘')] }] },
] });
const textOf = (t: ReturnType<typeof findTarget>) => t?.node.textContent;

describe('landing', () => {
  it('takes the longest run of a snippet as the needle', () => {
    expect(needleOf('…中心立项评审 · 下一行…')).toBe('中心立项评审');
    expect(needleOf('金融&支付中心立项评审')).toBe('金融&支付中心立项评审');
  });
  it('lands on a block by its id, and on a text hit’s own line after the block above it', () => {
    expect(findTarget(doc, { blockId: 'inc1', text: null })?.node.type.name).toBe('incident');
    const line = findTarget(doc, { blockId: 'inc1', text: '…支付中心立项评审' });
    expect(line?.node.type.name).toBe('listItem');
    expect(textOf(line)).toBe('金融&支付中心立项评审');
    // the same words before the block are not the hit; with no block above, the first line that has them is
    expect(textOf(findTarget(doc, { blockId: 'inc1', text: '支付评审' }))).toBe('支付评审复盘');
    expect(textOf(findTarget(doc, { blockId: null, text: '支付评审' }))).toBe('支付评审 intro');
    expect(findTarget(doc, { blockId: 'gone', text: null })).toBeNull();
  });
});
