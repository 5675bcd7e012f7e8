import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.js';
import { incident, minutesBetween } from '../../../shared/blocks/incident.js';
import { reviewStatuses, severities, type ReviewStatus, type Severity } from '../../../shared/blocks/types.js';
import { useReportContext } from './context.js';
import { useDateContext } from './data.js';
import { DateField } from './DateField.js';
import { ChipSelect, DragHandle, KindLabel, NumberField, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import '../blocks.css';

const severityTone: Record<Severity, string> = { A: 'red', B: 'orange', C: 'amber', D: 'gray' };
const severityOptions = severities.map((value) => ({ value, get label() { return i18n.t('editor.incident.sev', { level: value }); }, tone: severityTone[value] }));
const reviewTone: Record<ReviewStatus, string> = { review_pending: 'amber', reviewed: 'green' };
const reviewOptions = reviewStatuses.map((value) => ({ value, get label() { return i18n.t(`editor.incident.${value}`); }, tone: reviewTone[value] }));

export const formatMinutes = (m: number) => (m < 60 ? i18n.t('editor.incident.minutes', { count: m })
  : `${i18n.t('editor.incident.hours', { count: Math.floor(m / 60) })} ${m % 60 ? i18n.t('editor.incident.minutes', { count: m % 60 }) : ''}`.trim());

/** `2024-08-28T10:05` → `8/28 10:05`; a recovery on the start's day → `10:47`. */
function shortTime(at: string, sameDayAs?: string | null): string {
  const time = at.slice(11, 16);
  return sameDayAs && sameDayAs.slice(0, 10) === at.slice(0, 10) ? time : `${Number(at.slice(5, 7))}/${Number(at.slice(8, 10))} ${time}`;
}

/** Production incident: times, duration (computed unless entered), severity, impact, cause, review status, link; the text is the summary. */
export function IncidentView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const dates = useDateContext();
  const editable = ctx.canEdit && editor.isEditable;
  const a = node.attrs as { blockId: string | null; start: string | null; end: string | null; durationMinutes: number | null; severity: Severity | null; impact: string; cause: string; status: ReviewStatus | null; link: string | null };
  const computed = minutesBetween(a.start, a.end);
  const endBeforeStart = !!a.start && !!a.end && a.end < a.start;
  const entered = typeof a.durationMinutes === 'number' ? a.durationMinutes : null;
  const safeLink = a.link && /^https?:\/\//i.test(a.link) ? a.link : null;
  // Fields left empty that the text gives (`8/28 10:05 …，10:47 恢复【待复盘】`): offered, set only when accepted.
  const said = incident.suggest(node.textBetween(0, node.content.size, '\n'), dates.year, dates.month);
  const offer: Partial<typeof a> = {
    ...(!a.start && said.start ? { start: said.start } : {}),
    ...(!a.end && said.end && (!a.start || a.start === said.start) ? { end: said.end } : {}),
    ...(entered === null && computed === null && said.durationMinutes !== null && !said.end ? { durationMinutes: said.durationMinutes } : {}),
    ...(!a.severity && said.severity ? { severity: said.severity } : {}),
    ...(!a.status && said.status ? { status: said.status } : {}),
  };
  const offered = [
    offer.start && t('editor.incident.suggestStart', { value: shortTime(offer.start) }),
    offer.end && t('editor.incident.suggestEnd', { value: shortTime(offer.end, offer.start) }),
    offer.durationMinutes != null && t('editor.incident.suggestDuration', { value: formatMinutes(offer.durationMinutes) }),
    offer.severity && t('editor.incident.sev', { level: offer.severity }),
    offer.status && t(`editor.incident.${offer.status}`),
  ].filter((f): f is string => !!f);

  return (
    <NodeViewWrapper className={`cb cb-incident sev-${a.severity ?? 'none'}`} data-block-id={a.blockId ?? undefined}>
      <DragHandle />
      <div className="cb-incident-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <span className="cb-incident-icon" aria-hidden>!</span>
        <ChipSelect label={t('editor.incident.severity')} placeholder={t('editor.incident.severity')} value={a.severity} options={severityOptions} disabled={!editable}
          onChange={(severity) => updateAttributes({ severity })} />
        <ChipSelect label={t('editor.incident.reviewStatus')} placeholder={t('editor.incident.reviewStatus')} value={a.status} options={reviewOptions} disabled={!editable}
          onChange={(status) => updateAttributes({ status })} />
        <span className="cb-incident-duration" title={entered !== null ? t('editor.incident.entered') : t('editor.incident.computed')}>
          {entered !== null ? formatMinutes(entered) : computed !== null ? formatMinutes(computed) : ''}
        </span>
        <KindLabel>{t('blocks.incident.title')}</KindLabel>
      </div>
      <NodeViewContent className="cb-incident-summary" style={{ ['--cb-placeholder' as string]: JSON.stringify(t('editor.incident.textPlaceholder')) }} />
      {editable && offered.length > 0 && (
        <div className="cb-suggestions" contentEditable={false} onKeyDown={backToText(editor)}>
          <span className="cb-suggest-label"><span aria-hidden>✦</span> {t('editor.okr.fromText')}</span>
          <button type="button" className="cb-suggest" title={t('editor.incident.setFromText')} onClick={() => updateAttributes(offer)}>
            {offered.join(' · ')} <b>{t('editor.okr.accept')}</b>
          </button>
        </div>
      )}
      <div className="cb-incident-fields" contentEditable={false} onKeyDown={backToText(editor)}>
        <label className="cb-field">
          <span className="cb-field-label">{t('editor.incident.start')}</span>
          <DateField kind="datetime" label={t('editor.incident.start')} value={a.start ?? null} context={dates} disabled={!editable}
            onCommit={(start) => updateAttributes({ start })} />
        </label>
        <label className="cb-field">
          <span className="cb-field-label">{t('editor.incident.recovered')}</span>
          <DateField kind="datetime" label={t('editor.incident.recovered')} value={a.end ?? null} after={a.start} context={dates} disabled={!editable}
            onCommit={(end) => updateAttributes({ end })} />
          {endBeforeStart && <span className="cb-error" role="alert">{t('editor.incident.endBeforeStart')}</span>}
        </label>
        <label className="cb-field cb-field-narrow">
          <span className="cb-field-label">{t('editor.incident.duration')}</span>
          <NumberField aria-label={t('editor.incident.durationLabel')} min={0} value={entered} disabled={!editable}
            placeholder={computed !== null ? t('editor.incident.autoValue', { value: computed }) : t('editor.incident.auto')}
            onCommit={(v) => updateAttributes({ durationMinutes: v === null ? null : Math.round(v) })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">{t('editor.incident.impact')}</span>
          <TextField wrap aria-label={t('editor.incident.impact')} placeholder={t('editor.incident.impactPlaceholder')} value={a.impact ?? ''} disabled={!editable}
            onCommit={(impact) => updateAttributes({ impact })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">{t('editor.incident.cause')}</span>
          <TextField wrap aria-label={t('editor.incident.cause')} placeholder={t('editor.incident.causePlaceholder')} value={a.cause ?? ''} disabled={!editable}
            onCommit={(cause) => updateAttributes({ cause })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">{t('editor.incident.link')}</span>
          <span className="cb-link-row">
            <TextField aria-label={t('editor.incident.link')} type="url" placeholder="https://…" value={a.link ?? ''} disabled={!editable}
              onCommit={(link) => updateAttributes({ link: link.trim() || null })} />
            {safeLink && <a href={safeLink} target="_blank" rel="noreferrer noopener" className="cb-open-link" title={t('editor.incident.openLink')} aria-label={t('editor.incident.openLink')}>↗</a>}
          </span>
        </label>
      </div>
    </NodeViewWrapper>
  );
}
