import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.js';
import { okrItem } from '../../../shared/blocks/okrItem.js';
import { okrStatuses, type OkrStatus } from '../../../shared/blocks/types.js';
import { useReportContext } from './context.js';
import { useDateContext, useMembers, useReportInfo } from './data.js';
import { DateField } from './DateField.js';
import { ChipSelect, DragHandle, NumberField, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { OwnersField, ownerIds, ownersAttrs } from '../OwnersField.js';
import '../blocks.css';

const statusTone: Record<OkrStatus, string> = { on_track: 'green', at_risk: 'amber', blocked: 'red', done: 'blue' };
export const statusOptions = okrStatuses.map((value) => ({ value, get label() { return i18n.t(`okrStatus.${value}`); }, tone: statusTone[value] }));

/** An OKR item: project, rich text, progress bar (drag or type), go-live date, status chip, owners; fields suggested from the text. */
export function OkrItemView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const members = useMembers();
  const { year } = useReportInfo();
  const editable = ctx.canEdit && editor.isEditable;
  const a = node.attrs as { blockId: string | null; project: string; progress: number | null; due: string | null; status: OkrStatus | null; owner: string | null; owners: string | null };
  const dates = useDateContext();
  const suggested = okrItem.suggest(node.textBetween(0, node.content.size, '\n'), year, dates.month);
  const suggestProgress = a.progress === null && suggested.progress !== null ? suggested.progress : null;
  // No overall figure but several sub-parts' (`POC融合进度100%；POS押金进度40%`): each is offered, none is taken.
  const suggestParts = a.progress === null && suggestProgress === null ? suggested.parts : [];
  const suggestDue = !a.due && suggested.due ? suggested.due : null;
  const progress = a.progress ?? null;

  return (
    <NodeViewWrapper className="cb cb-okr" data-block-id={a.blockId ?? undefined} data-status={a.status ?? undefined}>
      <DragHandle />
      <div className="cb-okr-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <span className="cb-okr-bullet" aria-hidden />
        <TextField
          className="cb-okr-project"
          aria-label={t('editor.okr.project')}
          placeholder={suggested.project || t('editor.okr.project')}
          // The grey name is the project read from the text, not one typed here: said on hover.
          title={!a.project && suggested.project ? t('editor.okr.projectFromText', { project: suggested.project }) : undefined}
          value={a.project ?? ''}
          disabled={!editable}
          onCommit={(project) => updateAttributes({ project })}
        />
        <div className="cb-okr-meta">
          <ChipSelect label={t('editor.okr.status')} placeholder={t('editor.okr.status')} value={a.status} options={statusOptions} disabled={!editable}
            onChange={(status) => updateAttributes({ status })} />
          <OwnersField ids={ownerIds(a.owners, a.owner)} members={members} label={t('editor.okr.owner')} disabled={!editable}
            onChange={(ids) => updateAttributes(ownersAttrs(ids, true))} />
        </div>
        <div className="cb-okr-fields">
          <div className="cb-progress" data-empty={progress === null ? '' : undefined} title={t('editor.okr.progress')}>
            <div className="cb-progress-track" style={{ ['--p' as string]: `${progress ?? 0}%` }}>
              <input
                type="range" min={0} max={100} step={1}
                aria-label={t('editor.okr.progressSlider')}
                value={progress ?? 0}
                disabled={!editable}
                onChange={(e) => updateAttributes({ progress: Number(e.target.value) })}
              />
            </div>
            <NumberField className="cb-progress-input" aria-label={t('editor.okr.progress')} placeholder="—" min={0} max={100}
              value={progress} disabled={!editable} onCommit={(v) => updateAttributes({ progress: v })} />
            <span className="cb-unit">%</span>
          </div>
          <label className="cb-due" title={t('editor.okr.plannedGoLive')}>
            <span className="cb-field-label">{t('editor.okr.goLive')}</span>
            <DateField kind="date" label={t('editor.okr.plannedGoLive')} value={a.due ?? null} context={dates} disabled={!editable}
              onCommit={(due) => updateAttributes({ due })} />
          </label>
        </div>
      </div>
      <NodeViewContent className="cb-okr-text" style={{ ['--cb-placeholder' as string]: JSON.stringify(t('editor.okr.textPlaceholder')) }} />
      {editable && (suggestProgress !== null || suggestParts.length > 0 || suggestDue) && (
        <div className="cb-suggestions" contentEditable={false} onKeyDown={backToText(editor)}>
          <span className="cb-suggest-label"><span aria-hidden>✦</span> {t('editor.okr.fromText')}</span>
          {suggestProgress !== null && (
            <button type="button" className="cb-suggest" title={t('editor.okr.setProgress', { value: suggestProgress })} onClick={() => updateAttributes({ progress: suggestProgress })}>
              {t('editor.okr.suggestProgress', { value: suggestProgress })} <b>{t('editor.okr.accept')}</b>
            </button>
          )}
          {suggestParts.map((part) => (
            <button key={`${part.label}:${part.value}`} type="button" className="cb-suggest cb-suggest-part" title={t('editor.okr.setProgressPart', { value: part.value, part: part.label || t('editor.okr.aPart') })}
              onClick={() => updateAttributes({ progress: part.value })}>
              {part.label ? `${part.label} ` : ''}{part.value}% <b>{t('editor.okr.pick')}</b>
            </button>
          ))}
          {suggestDue && (
            <button type="button" className="cb-suggest" title={t('editor.okr.setDue', { date: suggestDue })} onClick={() => updateAttributes({ due: suggestDue })}>
              {t('editor.okr.suggestDue', { date: `${Number(suggestDue.slice(5, 7))}/${Number(suggestDue.slice(8))}` })} <b>{t('editor.okr.accept')}</b>
            </button>
          )}
        </div>
      )}
    </NodeViewWrapper>
  );
}
