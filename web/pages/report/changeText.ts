import type { ChangeMark } from '../../editor/changeMarks.js';
import i18n from '../../i18n/index.js';
import type { ItemChange } from './rhythmApi.js';

/** The words for what changed in an item since the previous report, and for a stuck one (issue 15), from the catalogue. */

/** "40% → 60%"-style words for what changed in an item; empty when nothing the fields say changed. */
export function changeWords(item: ItemChange): string[] {
  const t = i18n.t.bind(i18n);
  const out: string[] = [];
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
  if (item.progress && item.progress.from !== item.progress.to) out.push(t('rhythm.changes.progress', { from: pct(item.progress.from), to: pct(item.progress.to) }));
  if (item.due && item.due.from !== item.due.to) {
    const days = item.due.days ?? 0;
    const when = days > 0 ? t('rhythm.changes.later', { count: days }) : days < 0 ? t('rhythm.changes.earlier', { count: -days }) : '';
    const dates = { from: item.due.from ?? '—', to: item.due.to ?? '—' };
    out.push(when ? t('rhythm.changes.dueMoved', { ...dates, when }) : t('rhythm.changes.due', dates));
  }
  if (item.status && item.status.from !== item.status.to) {
    const word = (s: string | null | undefined) => (!s ? '—' : i18n.exists(`okrStatus.${s}`) ? t(`okrStatus.${s}`) : i18n.exists(`risk.status.${s}`) ? t(`risk.status.${s}`) : s);
    out.push(t('rhythm.changes.status', { from: word(item.status.from), to: word(item.status.to) }));
  }
  return out;
}

/** The note above a block in the editor: what changed (while highlighting), and whether it is stuck. */
export function changeMark(item: ItemChange, highlight: boolean): ChangeMark | null {
  const stuck = item.stuckFor !== null && item.stuckFor !== undefined && item.stuckFor >= 3;
  const change = highlight && (item.change === 'new' || item.change === 'changed') ? item.change : null;
  if (!change && !stuck) return null;
  const parts: string[] = [];
  if (change === 'new') parts.push(i18n.t('rhythm.changes.newItem'));
  if (change === 'changed') {
    const words = changeWords(item);
    parts.push(...(words.length ? words : [i18n.t('rhythm.changes.edited')]));
  }
  if (stuck) parts.push(stuckText(item.stuckFor!, item.stuckSince));
  return { change, stuck, note: parts.join(' · ') };
}

export const stuckText = (count: number, since: string | null | undefined) =>
  since ? i18n.t('rhythm.stuck.since', { count, since }) : i18n.t('rhythm.stuck.for', { count });
