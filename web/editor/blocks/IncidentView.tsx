import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { minutesBetween } from '../../../shared/blocks/incident.js';
import type { ReviewStatus, Severity } from '../../../shared/blocks/types.js';
import { useReportContext } from './context.js';
import { useDateContext } from './data.js';
import { DateField } from './DateField.js';
import { ChipSelect, DragHandle, KindLabel, NumberField, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import '../blocks.css';

const severityOptions: { value: Severity; label: string; tone: string }[] = [
  { value: 'A', label: 'Sev A', tone: 'red' },
  { value: 'B', label: 'Sev B', tone: 'orange' },
  { value: 'C', label: 'Sev C', tone: 'amber' },
  { value: 'D', label: 'Sev D', tone: 'gray' },
];
const reviewOptions: { value: ReviewStatus; label: string; tone: string }[] = [
  { value: 'review_pending', label: 'Review pending', tone: 'amber' },
  { value: 'reviewed', label: 'Reviewed', tone: 'green' },
];

export const formatMinutes = (m: number) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim());

/** Production incident: times, duration (computed unless entered), severity, impact, cause, review status, link; the text is the summary. */
export function IncidentView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const ctx = useReportContext();
  const dates = useDateContext();
  const editable = ctx.canEdit && editor.isEditable;
  const a = node.attrs as { blockId: string | null; start: string | null; end: string | null; durationMinutes: number | null; severity: Severity | null; impact: string; cause: string; status: ReviewStatus | null; link: string | null };
  const computed = minutesBetween(a.start, a.end);
  const endBeforeStart = !!a.start && !!a.end && a.end < a.start;
  const entered = typeof a.durationMinutes === 'number' ? a.durationMinutes : null;
  const safeLink = a.link && /^https?:\/\//i.test(a.link) ? a.link : null;

  return (
    <NodeViewWrapper className={`cb cb-incident sev-${a.severity ?? 'none'}`} data-block-id={a.blockId ?? undefined}>
      <DragHandle />
      <div className="cb-incident-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <span className="cb-incident-icon" aria-hidden>!</span>
        <ChipSelect label="Severity" placeholder="Severity" value={a.severity} options={severityOptions} disabled={!editable}
          onChange={(severity) => updateAttributes({ severity })} />
        <ChipSelect label="Review status" placeholder="Review status" value={a.status} options={reviewOptions} disabled={!editable}
          onChange={(status) => updateAttributes({ status })} />
        <span className="cb-incident-duration" title={entered !== null ? 'Entered' : 'Computed from start and recovery'}>
          {entered !== null ? formatMinutes(entered) : computed !== null ? formatMinutes(computed) : ''}
        </span>
        <KindLabel>Incident</KindLabel>
      </div>
      <NodeViewContent className="cb-incident-summary" />
      <div className="cb-incident-fields" contentEditable={false} onKeyDown={backToText(editor)}>
        <label className="cb-field">
          <span className="cb-field-label">Start</span>
          <DateField kind="datetime" label="Start" value={a.start ?? null} context={dates} disabled={!editable}
            onCommit={(start) => updateAttributes({ start })} />
        </label>
        <label className="cb-field">
          <span className="cb-field-label">Recovered</span>
          <DateField kind="datetime" label="Recovered" value={a.end ?? null} after={a.start} context={dates} disabled={!editable}
            onCommit={(end) => updateAttributes({ end })} />
          {endBeforeStart && <span className="cb-error" role="alert">recovery is before the start</span>}
        </label>
        <label className="cb-field cb-field-narrow">
          <span className="cb-field-label">Duration (min)</span>
          <NumberField aria-label="Duration in minutes" min={0} value={entered} disabled={!editable}
            placeholder={computed !== null ? `${computed} (auto)` : 'auto'}
            onCommit={(v) => updateAttributes({ durationMinutes: v === null ? null : Math.round(v) })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">Impact</span>
          <TextField aria-label="Impact" placeholder="Who or what was affected" value={a.impact ?? ''} disabled={!editable}
            onCommit={(impact) => updateAttributes({ impact })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">Cause</span>
          <TextField aria-label="Cause" placeholder="Root cause" value={a.cause ?? ''} disabled={!editable}
            onCommit={(cause) => updateAttributes({ cause })} />
        </label>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">Link</span>
          <span className="cb-link-row">
            <TextField aria-label="Link" type="url" placeholder="https://…" value={a.link ?? ''} disabled={!editable}
              onCommit={(link) => updateAttributes({ link: link.trim() || null })} />
            {safeLink && <a href={safeLink} target="_blank" rel="noreferrer noopener" className="cb-open-link" title="Open link">↗</a>}
          </span>
        </label>
      </div>
    </NodeViewWrapper>
  );
}
