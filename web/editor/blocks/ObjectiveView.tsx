import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { useReportContext } from './context.js';
import { useObjectives } from './data.js';
import { DragHandle } from './fields.js';
import '../blocks.css';

/** Objective section heading: a chip "O1 业务服务" whose dropdown lists the space's objectives. OKR items below it belong to it. */
export function ObjectiveView({ node, updateAttributes, editor, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const objectives = useObjectives();
  const editable = ctx.canEdit && editor.isEditable;
  const { code, title, blockId } = node.attrs as { code: string; title: string; blockId: string | null };
  const known = objectives.some((o) => o.code === code);
  const shownTitle = title || objectives.find((o) => o.code === code)?.title || '';
  return (
    <NodeViewWrapper className={`cb cb-objective ${selected ? 'is-selected' : ''}`} data-block-id={blockId ?? undefined}>
      <DragHandle />
      <h2 className="cb-objective-heading" contentEditable={false}>
        <label className="cb-objective-chip" title={t('editor.objective.label')}>
          <span className="cb-objective-code">{code}</span>
          <span className="cb-objective-title">{shownTitle || t('editor.objective.choose')}</span>
          {editable && <svg className="cb-caret" viewBox="0 0 12 12" width="12" height="12" aria-hidden><path d="M3 4.5l3 3 3-3" stroke="currentColor" strokeWidth="1.5" fill="none" /></svg>}
          <select
            aria-label={t('editor.objective.label')}
            value={code}
            disabled={!editable}
            onChange={(e) => {
              const o = objectives.find((x) => x.code === e.target.value);
              if (o) updateAttributes({ code: o.code, title: o.title });
            }}
          >
            {!known && <option value={code}>{code} {title}</option>}
            {objectives.map((o) => <option key={o.code} value={o.code}>{o.code} {o.title}</option>)}
          </select>
        </label>
      </h2>
    </NodeViewWrapper>
  );
}
