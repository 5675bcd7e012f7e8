import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { newBlockId } from '../../../shared/blocks/attrs.js';
import { useReportContext } from './context.js';
import { DragHandle, KindLabel, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { oneStep } from '../undo.js';
import '../blocks.css';

/** KPI table: a title, a header, its rows (each a KpiRowView) and an "add row" button. */
export function KpiTableView({ node, updateAttributes, editor, getPos }: ReactNodeViewProps) {
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
        <TextField className="cb-kpi-title" aria-label="Table title" placeholder="系统运行数据" value={title ?? ''} disabled={!editable}
          onCommit={(v) => updateAttributes({ title: v })} />
        <KindLabel>KPI</KindLabel>
      </div>
      <div className="cb-kpi-grid cb-kpi-header" contentEditable={false} role="row">
        <span role="columnheader">Metric</span>
        <span role="columnheader" className="num">Value</span>
        <span role="columnheader">Unit</span>
        <span role="columnheader" className="num">Target</span>
        <span role="columnheader" className="num">Last week</span>
        <span role="columnheader" className="num">Δ</span>
        <span />
      </div>
      <NodeViewContent className="cb-kpi-rows" />
      {editable && (
        <button type="button" className="cb-add-row" contentEditable={false} onClick={addRow}>+ Add metric</button>
      )}
    </NodeViewWrapper>
  );
}
