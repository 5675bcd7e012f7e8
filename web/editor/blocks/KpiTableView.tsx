import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { newBlockId } from '../../../shared/blocks/attrs.js';
import { useReportContext } from './context.js';
import { DragHandle, KindLabel, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { oneStep } from '../undo.js';
import '../blocks.css';

/** KPI table: a title, a header, its rows (each a KpiRowView) and an "add row" button. */
export function KpiTableView({ node, updateAttributes, editor, getPos }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const editable = ctx.canEdit && editor.isEditable;
  const { title, blockId } = node.attrs as { title: string; blockId: string | null };

  const addRow = () => {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    const id = newBlockId();
    const end = pos + node.nodeSize - 1; // just inside the table's closing token
    oneStep(editor, () => editor.chain().insertContentAt(end, { type: 'kpiRow', attrs: { blockId: id } }).run());
    const focusName = () => {
      const el = editor.view.dom.querySelector<HTMLInputElement>(`[data-block-id="${id}"] .cb-kpi-name`);
      el?.focus();
      return !!el;
    };
    if (!focusName()) requestAnimationFrame(() => { focusName(); });
  };

  return (
    <NodeViewWrapper className="cb cb-kpi" data-block-id={blockId ?? undefined}>
      <DragHandle />
      <div className="cb-kpi-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <TextField className="cb-kpi-title" aria-label={t('editor.kpi.tableTitle')} placeholder={t('editor.kpi.titlePlaceholder')} value={title ?? ''} disabled={!editable}
          onCommit={(v) => updateAttributes({ title: v })} />
        <KindLabel>KPI</KindLabel>
      </div>
      {/* The columns scroll sideways as one when the screen is narrower than the table (a phone). */}
      <div className="cb-kpi-scroll">
      {/* Column titles for the eye; each cell's input carries its own name (a row is a group of labelled fields, not a grid). */}
      <div className="cb-kpi-grid cb-kpi-header" contentEditable={false} aria-hidden>
        <span>{t('editor.kpi.metric')}</span>
        <span className="num">{t('editor.kpi.value')}</span>
        <span>{t('editor.kpi.unit')}</span>
        <span className="num">{t('editor.kpi.target')}</span>
        <span className="num">{t('editor.kpi.lastWeek')}</span>
        <span className="num">{t('editor.kpi.delta')}</span>
        <span />
      </div>
      <NodeViewContent className="cb-kpi-rows" />
      </div>
      {editable && (
        <button type="button" className="cb-add-row" contentEditable={false} onClick={addRow}>{t('editor.kpi.addMetric')}</button>
      )}
    </NodeViewWrapper>
  );
}
