import type { AnyExtension, Editor } from '@tiptap/core';
import { useMutation } from '@tanstack/react-query';
import { BellRing, Check, ChevronDown, ChevronRight, Circle, Highlighter } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../../api.js';
import { canEdit } from '../../api.js';
import { Avatar } from '../../components/Avatar.js';
import { onStreamEvent } from '../../comments/useEventStream.js';
import { ChangeMarksExtension, setChangeMarks, type ChangeMark } from '../../editor/changeMarks.js';
import { landOn } from '../../editor/landing.js';
import type { Collab } from '../../editor/useCollab.js';
import { queryClient } from '../../lib/queryClient.js';
import { formatDateTime, formatFull, formatUpdated } from '../../lib/time.js';
import { toast } from '../../lib/toast.js';
import { changeMark, changeWords, stuckText } from './changeText.js';
import { rhythmApi, rhythmKeys, useChanges, useUpdateStatus, type Changes, type OwnerStatus, type UpdateStatus } from './rhythmApi.js';
import '../../editor/changeMarks.css';
import './rhythm.css';
import { targetText } from '../../../shared/kpiTarget.js';

/**
 * The weekly rhythm on a report page (issue 15): who has updated their items this week (and reminders for those
 * who have not), what changed since the previous report (a card, and a toggle that highlights changed items in the
 * editor), and a flag on items stuck for several reports. Both follow edits live: each change of the document
 * (anyone's, through Yjs) marks the two queries stale a moment after the last one, once the server has indexed it.
 */
const LIVE_DELAY_MS = 2500;

/** What the report page gets: editor extension, the editor hook, and what goes above the editor. */
export function useRhythm({ reportId, role, collab }: { reportId: string; role: Role; collab: Collab | null }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [highlight, setHighlight] = useState(false);
  const changes = useChanges(reportId);
  const extensions = useMemo<AnyExtension[]>(() => [ChangeMarksExtension], []);

  // Live: a while after the document last changed (anyone's edit), status and changes are asked again.
  useEffect(() => {
    if (!collab || !reportId) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stale = () => {
      void queryClient.invalidateQueries({ queryKey: rhythmKeys.status(reportId) });
      void queryClient.invalidateQueries({ queryKey: rhythmKeys.changes(reportId) });
    };
    // Asked again after the edits settle, and once more a little later (the server indexes about a second after an
    // edit, later on a busy machine).
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { stale(); timer = setTimeout(stale, 2 * LIVE_DELAY_MS); }, LIVE_DELAY_MS);
    };
    collab.doc.on('update', onUpdate);
    const off = onStreamEvent('restored', (d) => { if (d.reportId === reportId) onUpdate(); });
    return () => { collab.doc.off('update', onUpdate); off(); if (timer) clearTimeout(timer); };
  }, [collab, reportId]);

  // The editor shows stuck flags always, and what changed while highlighting.
  const { i18n: i18next } = useTranslation();
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const marks = new Map<string, ChangeMark>();
    for (const item of changes.data?.items ?? []) {
      if (item.change === 'dropped') continue;
      const m = changeMark(item, highlight);
      if (m) marks.set(item.blockId, m);
    }
    setChangeMarks(editor.view, marks);
  }, [editor, changes.data, highlight, i18next.language]);

  const top: ReactNode = reportId ? (
    <div className="rh-top">
      <ChangesCard changes={changes.data} highlight={highlight} onHighlight={setHighlight} editor={editor} />
      <StatusPanel reportId={reportId} canRemind={canEdit(role)} editor={editor} />
    </div>
  ) : null;
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  return { extensions, onEditor, top };
}

/** Scrolls to a block of the report and highlights it (the same landing as a search hit). */
const goTo = (editor: Editor | null, blockId: string) => { if (editor && !editor.isDestroyed) landOn(editor, { blockId, text: null }); };

/** A KPI value with its unit; none is — alone (it read —%). */
const withUnit = (v: number | null, unit: string | null | undefined) => (v === null ? '—' : `${v}${unit ?? ''}`);

function ChangesCard({ changes, highlight, onHighlight, editor }: {
  changes: Changes | undefined; highlight: boolean; onHighlight: (on: boolean) => void; editor: Editor | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!changes) return null;
  const { against, counts } = changes;
  const changed = changes.items.filter((i) => i.change === 'new' || i.change === 'changed');
  const dropped = changes.items.filter((i) => i.change === 'dropped');
  const stuck = changes.items.filter((i) => (i.stuckFor ?? 0) >= 3);
  // A metric not filled in this week is not a change to "—": it is listed as not filled yet.
  const kpis = changes.kpis.filter((k) => k.to !== null && k.from !== k.to);
  const unfilled = changes.kpis.filter((k) => k.to === null && k.from !== null).map((k) => k.name);
  // Changed otherwise than by progress or a later go-live (text, status, a date brought forward, progress cleared):
  // counted too, so the headline never says nothing changed above details that list changes.
  // A blank week (not started from the last: every item of the last one gone, and no metric of its own).
  const blank = changes.items.length > 0 && dropped.length === changes.items.length && changes.kpis.length === 0;
  const otherChanges = changes.items.filter((i) => i.change === 'changed' && !(i.progress.to !== null && i.progress.from !== i.progress.to) && !((i.due.days ?? 0) > 0)).length;
  return (
    <section className="rh-card rh-changes" aria-labelledby="rh-changes-title" data-testid="rhythm-changes">
      <div className="rh-card-head">
        <h2 id="rh-changes-title" className="rh-title">{t('rhythm.changes.title')}</h2>
        {against
          ? <span className="muted small">{t('rhythm.changes.against')} <Link to={`/r/${against.reportId}`}>{against.week}</Link></span>
          : null}
        <span className="grow" />
        {against && (
          <button type="button" className={`btn btn-ghost btn-sm${highlight ? ' is-on' : ''}`} aria-pressed={highlight} onClick={() => onHighlight(!highlight)}>
            <Highlighter size={14} aria-hidden /> {t('rhythm.changes.highlight')}
          </button>
        )}
      </div>
      {!against ? (
        <p className="muted small rh-line">{t('rhythm.changes.none')}</p>
      ) : blank ? (
        // A blank week (not started from the last): "23 项移除" against a report two years back said nothing true.
        // A week with metrics in it is not blank (walkthrough: five KPI rows filled in, and the card said no items).
        <p className="muted small rh-line" data-testid="rhythm-counts">{t('rhythm.changes.emptyReport', { week: against.week })}</p>
      ) : (
        <p className="rh-line rh-counts" data-testid="rhythm-counts">
          {t('rhythm.changes.counts', { moved: counts.moved, slipped: counts.slipped, new: counts.new, dropped: counts.dropped })}
          {otherChanges > 0 && <span> · {t('rhythm.changes.otherCount', { count: otherChanges })}</span>}
          {counts.stuck > 0 && <span className="rh-stuck-count"> · {t('rhythm.changes.stuckCount', { count: counts.stuck })}</span>}
          {changes.incidents.new > 0 && <span> · {t('rhythm.changes.incidents', { count: changes.incidents.new })}</span>}
          {(changed.length + dropped.length + kpis.length + unfilled.length + stuck.length) > 0 && (
            <button type="button" className="btn btn-ghost btn-sm rh-more" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />} {t('rhythm.changes.details')}
            </button>
          )}
        </p>
      )}
      {/* Not for a blank week (its card says so above); a week of metrics only has details too. */}
      {open && against && !blank && (
        <div className="rh-details">
          {changed.length > 0 && (
            <ul className="rh-list" aria-label={t('rhythm.changes.changedList')}>
              {changed.map((i) => (
                <li key={i.blockId}>
                  <button type="button" className="rh-link" onClick={() => goTo(editor, i.blockId)}>{i.project || i.text || t(`rhythm.kind.${i.kind}`)}</button>
                  <span className="muted small"> {i.change === 'new' ? t('rhythm.changes.newItem') : (changeWords(i).join(' · ') || t('rhythm.changes.edited'))}</span>
                </li>
              ))}
            </ul>
          )}
          {stuck.length > 0 && (
            <ul className="rh-list" aria-label={t('rhythm.stuck.title')}>
              {stuck.map((i) => (
                <li key={i.blockId} className="rh-stuck-row">
                  <button type="button" className="rh-link" onClick={() => goTo(editor, i.blockId)}>{i.project || i.text || t(`rhythm.kind.${i.kind}`)}</button>
                  <span className="small"> {stuckText(i.stuckFor!, i.stuckSince)}</span>
                </li>
              ))}
            </ul>
          )}
          {dropped.length > 0 && (
            <ul className="rh-list" aria-label={t('rhythm.changes.droppedList')}>
              {dropped.map((i) => (
                <li key={i.blockId}><s>{i.project || i.text || t(`rhythm.kind.${i.kind}`)}</s> <span className="muted small">{t('rhythm.changes.droppedItem')}</span></li>
              ))}
            </ul>
          )}
          {kpis.length > 0 && (
            <ul className="rh-list" aria-label={t('rhythm.changes.kpis')}>
              {kpis.map((k) => (
                <li key={k.name}>{t('rhythm.changes.kpiName', { name: k.name })}{withUnit(k.from, k.unit)} → <b>{withUnit(k.to, k.unit)}</b>
                  {k.target !== null && k.target !== undefined && <span className="muted small">{t('rhythm.changes.target', { target: targetText(k.target, k.unit ?? '', k.targetOp) })}</span>}</li>
              ))}
            </ul>
          )}
          {unfilled.length > 0 && <p className="muted small rh-unfilled">{t('rhythm.changes.kpiNotFilled', { names: unfilled.join(t('common.listSeparator')) })}</p>}
        </div>
      )}
    </section>
  );
}

const OPEN_KEY = 'cadence.rhythm.statusOpen';

function StatusPanel({ reportId, canRemind, editor }: { reportId: string; canRemind: boolean; editor: Editor | null }) {
  const { t } = useTranslation();
  const status = useUpdateStatus(reportId);
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) !== '0');
  const [result, setResult] = useState<string | null>(null);
  const toggle = () => { setOpen(!open); localStorage.setItem(OPEN_KEY, open ? '0' : '1'); };
  const data = status.data;
  const names = useRef(new Map<string, string>());
  if (data) for (const o of data.owners) names.current.set(o.userId, o.name);
  const remind = useMutation({
    mutationFn: (userIds?: string[]) => rhythmApi.remind(reportId, userIds),
    onSuccess: (r) => {
      const list = (ids: string[]) => ids.map((id) => names.current.get(id) ?? id).join(t('common.listSeparator'));
      const parts = [
        r.sent.length ? t('rhythm.status.sent', { names: list(r.sent) }) : null,
        r.skipped.length ? t('rhythm.status.skipped', { names: list(r.skipped) }) : null,
      ].filter(Boolean);
      setResult(parts.length ? parts.join(' ') : t('rhythm.status.nobody'));
    },
    onError: (e) => toast.error(e),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rhythmKeys.status(reportId) }),
  });
  if (!data) return null;
  const behind = data.owners.filter((o) => !o.updated);
  return (
    <section className="rh-card rh-status" aria-labelledby="rh-status-title" data-testid="rhythm-status">
      <div className="rh-card-head">
        <h2 id="rh-status-title" className="rh-title">{t('rhythm.status.title')}</h2>
        <span className="rh-status-count" data-testid="rhythm-status-count">
          {data.counts.owners === 0 && data.unowned.length === 0 ? t('rhythm.status.noOwners')
            : data.counts.owners > 0 ? t('rhythm.status.count', { updated: data.counts.updatedOwners, count: data.counts.owners }) : null}
        </span>
        {data.unowned.length > 0 && <span className="chip rh-chip-behind" data-testid="rhythm-unowned-count">{t('rhythm.status.unowned', { count: data.unowned.length })}</span>}
        {data.deadline && <DeadlineText deadline={data.deadline} />}
        <span className="grow" />
        {canRemind && behind.length > 0 && (
          <button type="button" className="btn btn-sm" disabled={remind.isPending} onClick={() => remind.mutate(undefined)}>
            <BellRing size={14} aria-hidden /> {t('rhythm.status.remindAll', { count: behind.length })}
          </button>
        )}
        {(data.owners.length > 0 || data.unowned.length > 0) && (
          <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} onClick={toggle}>
            {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />} {open ? t('rhythm.status.hide') : t('rhythm.status.show')}
          </button>
        )}
      </div>
      <p className="rh-result small" role="status" aria-live="polite">{result}</p>
      {open && data.owners.length > 0 && (
        <ul className="rh-owners" aria-label={t('rhythm.status.owners')}>
          {data.owners.map((o) => (
            <OwnerRow key={o.userId} owner={o} canRemind={canRemind} busy={remind.isPending} onRemind={() => remind.mutate([o.userId])} editor={editor} />
          ))}
        </ul>
      )}
      {open && data.unowned.length > 0 && (
        <ul className="rh-items rh-unowned" data-testid="rhythm-unowned" aria-label={t('rhythm.status.unowned', { count: data.unowned.length })}>
          {data.unowned.map((i) => (
            <li key={i.blockId} className="is-behind" data-block-id-ref={i.blockId}>
              <Circle size={11} className="rh-todo" aria-hidden />{' '}
              <span className="muted small">{t(`rhythm.kind.${i.kind}`)}</span>{' '}
              <button type="button" className="rh-link" onClick={() => goTo(editor, i.blockId)}>{i.project || i.text || t('rhythm.status.untitled')}</button>{' '}
              <span className="muted small">{t('rhythm.status.needsOwner')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DeadlineText({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const passed = new Date(deadline).getTime() < Date.now();
  return (
    <span className={`small ${passed ? 'rh-late' : 'muted'}`} title={formatFull(deadline)}>
      {passed ? t('rhythm.status.deadlinePassed', { when: formatDateTime(deadline) }) : t('rhythm.status.deadline', { when: formatDateTime(deadline) })}
    </span>
  );
}

function OwnerRow({ owner, canRemind, busy, onRemind, editor }: {
  owner: OwnerStatus; canRemind: boolean; busy: boolean; onRemind: () => void; editor: Editor | null;
}) {
  const { t } = useTranslation();
  return (
    <li className={`rh-owner ${owner.updated ? 'is-updated' : 'is-behind'}`} data-user-id={owner.userId}>
      <div className="rh-owner-head">
        <Avatar id={owner.userId} name={owner.name} size={22} />
        <strong className="rh-owner-name">{owner.name}</strong>
        <span className={`chip ${owner.updated ? 'rh-chip-ok' : 'rh-chip-behind'}`}>{owner.updated ? t('rhythm.status.updated') : t('rhythm.status.notUpdated')}</span>
        {owner.remindedToday && <span className="chip muted small">{t('rhythm.status.remindedToday')}</span>}
        <span className="grow" />
        {canRemind && !owner.updated && (
          <button type="button" className="btn btn-ghost btn-sm" disabled={busy || owner.remindedToday} onClick={onRemind}
            aria-label={t('rhythm.status.remindNamed', { name: owner.name })}>
            <BellRing size={13} aria-hidden /> {t('rhythm.status.remind')}
          </button>
        )}
      </div>
      <ul className="rh-items">
        {owner.items.map((i) => (
          <li key={i.blockId} className={i.updated ? 'is-updated' : 'is-behind'} data-block-id-ref={i.blockId}>
            {i.updated ? <Check size={13} className="rh-ok" aria-hidden /> : <Circle size={11} className="rh-todo" aria-hidden />}
            <span className="sr-only">{i.updated ? t('rhythm.status.updated') : t('rhythm.status.notUpdated')}: </span>
            <span className="muted small">{t(`rhythm.kind.${i.kind}`)}</span>{' '}
            <button type="button" className="rh-link" onClick={() => goTo(editor, i.blockId)}>{i.project || i.text || t('rhythm.status.untitled')}</button>
            {i.updated && i.updatedAt && (
              <span className="muted small" title={formatFull(i.updatedAt)}> {t('rhythm.status.by', { name: i.updatedByName ?? t('rhythm.status.someone'), when: formatUpdated(i.updatedAt) })}</span>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

export type { UpdateStatus };
