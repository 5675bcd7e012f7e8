import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { useReportContext } from './context.js';
import { usePreviousKpis } from './data.js';
import { typedValue } from '../../../shared/parse/kpiLine.js';
import { missesTarget, splitTargetOp, targetOpOf, targetText } from '../../../shared/kpiTarget.js';
import { NumberField, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { oneStep } from '../undo.js';
import '../blocks.css';

/** Format a delta with its sign and no float noise (99.997 − 99.995 = +0.002). */
export function formatDelta(d: number): string {
  const s = Number(d.toPrecision(10)).toString();
  return d > 0 ? `+${s}` : s;
}

/** One KPI row: each cell its own attribute, so two people editing two cells both keep their edit. */
export function KpiRowView({ node, updateAttributes, editor, getPos }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const editable = ctx.canEdit && editor.isEditable;
  const prev = usePreviousKpis();
  const a = node.attrs as { blockId: string | null; name: string; value: number | null; unit: string; target: number | null; targetOp: string | null; display: string | null };
  const value = typeof a.value === 'number' ? a.value : null;
  // The value as it was typed (`99.990`), kept beside the number (issue 12): the author's precision is part of the figure.
  const unit = a.unit ?? '';
  const typed = typedValue(a.display, value, unit)?.slice(0, unit ? -unit.length : undefined) ?? null;
  const target = typeof a.target === 'number' ? a.target : null;
  // `≤200`: a ceiling (平均响应时间), shown with its sign; a target without one is "at least" (shared/kpiTarget.ts).
  const targetOp = targetOpOf(a.targetOp);
  const last = prev.byName.get((a.name ?? '').trim());
  const lastValue = last?.value ?? null;
  const delta = value !== null && lastValue !== null ? value - lastValue : null;
  const below = missesTarget(value, target, targetOp);

  const remove = () => oneStep(editor, () => {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    const table = editor.state.doc.resolve(pos).parent;
    // a table keeps at least one row: removing the last one removes the table
    if (table.childCount <= 1) {
      const $pos = editor.state.doc.resolve(pos);
      const from = $pos.before();
      editor.chain().deleteRange({ from, to: from + table.nodeSize }).run();
    } else editor.chain().deleteRange({ from: pos, to: pos + node.nodeSize }).run();
  });

  return (
    <NodeViewWrapper className={`cb-kpi-grid cb-kpi-row ${below ? 'is-below' : ''}`} data-block-id={a.blockId ?? undefined} role="group" aria-label={a.name || t('editor.kpi.metric')} onKeyDown={backToText(editor)}>
      <TextField className="cb-kpi-name" aria-label={t('editor.kpi.metric')} placeholder={t('editor.kpi.metricName')} value={a.name ?? ''} disabled={!editable}
        onCommit={(name) => updateAttributes({ name })} />
      <NumberField className="cb-kpi-value num" aria-label={t('editor.kpi.value')} placeholder="—" value={value} typed={typed} disabled={!editable}
        onCommit={(v, text) => updateAttributes({ value: v, display: v !== null && text && /^-?\d+(?:\.\d+)?$/.test(text) && text !== String(v) ? `${text}${unit}` : null })} />
      <TextField className="cb-kpi-unit" aria-label={t('editor.kpi.unit')} placeholder={t('editor.kpi.unitPlaceholder')} value={a.unit ?? ''} disabled={!editable}
        onCommit={(unit) => updateAttributes({ unit })} />
      <NumberField className="cb-kpi-target num" aria-label={t('editor.kpi.target')} title={t('editor.kpi.targetHint')} placeholder="—" value={target}
        typed={target !== null && targetOp ? targetText(target, '', targetOp) : null} comparison disabled={!editable}
        onCommit={(v, text) => updateAttributes({ target: v, targetOp: v === null ? null : splitTargetOp(text ?? '').op })} />
      <span className="cb-kpi-prev num" title={prev.status === 'ready' ? t('editor.kpi.previous') : t('editor.kpi.noPrevious')}>
        {lastValue ?? '—'}
      </span>
      <span className={`cb-kpi-delta num ${delta === null ? '' : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat'}`}>
        {delta === null ? '—' : formatDelta(delta)}
      </span>
      <span className="cb-kpi-actions">
        {below && <span className="cb-below-badge" title={t('editor.kpi.belowTargetOf', { target: target === null ? '' : targetText(target, unit, targetOp) })}>{t('editor.kpi.belowTarget')}</span>}
        {editable && <button type="button" className="cb-icon-btn" aria-label={t('editor.kpi.remove')} title={t('editor.kpi.remove')} onClick={remove}>×</button>}
      </span>
    </NodeViewWrapper>
  );
}
