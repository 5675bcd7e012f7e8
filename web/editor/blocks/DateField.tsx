import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { formatDate, formatDateTime, parseDate, parseDateTime, type DateContext } from '../../../shared/parse/dateInput.js';
import { useFieldPeers } from '../fieldPresence.js';
import { ChangeNotice, PeerTag, peerOutline, useRemoteChange } from './fields.js';
import { fieldText } from './fieldText.js';
import { useFieldDraft } from './fieldDrafts.js';

/**
 * A date (`kind: 'date'`, stored `YYYY-MM-DD`) or a date-time (`'datetime'`, `YYYY-MM-DDTHH:mm`) typed as text the
 * way the team writes it (`3/28`, `3月28日`, `0328`, `3/21 15:43`, shared/parse/dateInput.ts) and shown in the team's
 * format (`2024-03-28`). What is typed is kept until Enter or leaving the field, then stored; a text that is not a
 * date says why and is not stored. The calendar button beside it is a helper: it never takes the keyboard, and
 * typing goes on while it is open.
 */
export function DateField({ value, onCommit, kind, context, after, label, disabled, className = '' }: {
  value: string | null;
  onCommit: (v: string | null) => void;
  kind: 'date' | 'datetime';
  /** The report's year and month: a date typed without a year takes them. */
  context: DateContext;
  /** For a date-time: a time typed alone is on this one's day (a recovery after its start). */
  after?: string | null;
  label: string;
  disabled?: boolean;
  className?: string;
}) {
  const t = fieldText.date;
  const show = kind === 'date' ? formatDate : formatDateTime;
  const parse = (text: string) => (kind === 'date' ? parseDate(text, context) : parseDateTime(text, { ...context, after }));
  const [draft, setDraft] = useState<string | null>(null);
  const [tried, setTried] = useState(false); // the problem is said once the person tried to store it
  const [calendar, setCalendar] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLSpanElement>(null);
  const cancelled = useRef(false);
  const errorId = useId();
  const { peers, lastIn } = useFieldPeers(ref, label);
  const remote = useRemoteChange(value, draft !== null, (v) => show(v), lastIn);

  const text = draft ?? show(value);
  const parsed = draft === null ? null : parse(draft);
  const invalid = !!parsed && !parsed.ok;
  const commit = (text: string | null = draft): boolean => {
    if (text === null) return true;
    const p = parse(text);
    if (!p.ok) { setTried(true); return false; }
    if (p.value !== value) { remote.wrote(p.value); onCommit(p.value); }
    setDraft(null);
    setTried(false);
    setCalendar(false);
    return true;
  };

  // Written when the page is hidden or left with the date still being typed (fieldDrafts.ts); the field stays open.
  // Unwritten: what the field shows is not the stored date (or no date yet); after such a write (`4/30` stored as
  // 2024-04-30, the field still open) it is.
  useFieldDraft(draft !== null && (!parsed?.ok || parsed.value !== value), () => {
    if (draft === null || cancelled.current) return;
    const p = parse(draft);
    if (p.ok && p.value !== value) { remote.wrote(p.value); onCommit(p.value); }
  });
  useEffect(() => {
    const theirs = remote.take(draft);
    if (theirs !== null) setDraft(theirs);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remote.change]);
  useEffect(() => {
    if (!calendar) return;
    const close = (e: MouseEvent) => { if (!box.current?.contains(e.target as Node)) setCalendar(false); };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [calendar]);

  const pick = (day: string) => {
    // a date is stored at once; a date-time keeps its time, or waits for one to be typed
    const time = kind === 'datetime' ? (parsed?.ok && parsed.value ? parsed.value : value)?.slice(11, 16) : null;
    if (kind === 'date' || time) {
      const v = kind === 'date' ? day : `${day}T${time}`;
      remote.wrote(v);
      onCommit(v);
      setDraft(null);
      setCalendar(false);
      return;
    }
    setDraft(`${day} `);
    setCalendar(false);
    requestAnimationFrame(() => { ref.current?.focus(); const n = ref.current?.value.length ?? 0; ref.current?.setSelectionRange(n, n); });
  };
  const willBe = parsed?.ok && parsed.value && show(parsed.value) !== draft?.trim() ? t.willBe(show(parsed.value)) : null;
  const selected = (parsed?.ok ? parsed.value : null) ?? value;

  return (
    <span className={`cb-date ${invalid && tried ? 'is-invalid' : ''} ${className}`} ref={box}>
      <input
        ref={ref}
        type="text"
        className="cb-date-input"
        aria-label={label}
        inputMode="text"
        autoComplete="off"
        // A reader gets no example of what to type (`如 3/28` read as if the field could be filled).
        placeholder={disabled ? undefined : kind === 'date' ? t.placeholder : t.dateTimePlaceholder}
        value={text}
        disabled={disabled}
        size={kind === 'date' ? 10 : 16}
        style={peerOutline(peers)}
        data-peers={peers.length ? peers.map((p) => p.name).join(', ') : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid && tried ? errorId : undefined}
        onFocus={() => { cancelled.current = false; setDraft(show(value)); remote.start(value); }}
        onBlur={() => {
          if (cancelled.current) { cancelled.current = false; setDraft(null); setTried(false); return; }
          commit();
        }}
        onChange={(e) => { setDraft(e.target.value); setTried(false); }}
        // Before the editor's own key handling (fieldKeys.ts): Enter stores (or says why not), Escape gives the text up.
        onKeyDownCapture={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') { cancelled.current = true; setDraft(null); setTried(false); setCalendar(false); }
        }}
      />
      {!disabled && (
        <button type="button" className="cb-date-pick" tabIndex={-1} aria-label={t.openCalendar} title={t.openCalendar} aria-expanded={calendar}
          onMouseDown={(e) => e.preventDefault()} onClick={() => setCalendar((c) => !c)}>
          <CalendarDays size={14} />
        </button>
      )}
      <PeerTag anchor={ref} peers={peers} />
      {willBe && !invalid && <span className="cb-date-hint" aria-hidden>{willBe}</span>}
      {invalid && tried && parsed && !parsed.ok && <span className="cb-error" id={errorId} role="alert">{t.problem[parsed.problem]}</span>}
      {remote.change && draft !== null && (
        <ChangeNotice anchor={ref} change={remote.change} mine={draft}
          onKeep={(mine) => { commit(mine); remote.dismiss(); }}
          onTheirs={() => { setDraft(show(value)); remote.dismiss(); }} />
      )}
      {calendar && <Calendar selected={selected?.slice(0, 10) ?? null} context={context} onPick={pick}
        onClear={() => { remote.wrote(null); onCommit(null); setDraft(null); setCalendar(false); }} onClose={() => setCalendar(false)} />}
    </span>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A month of days to click; opens on the selected day's month (or the report's). */
function Calendar({ selected, context, onPick, onClear, onClose }: {
  selected: string | null; context: DateContext; onPick: (day: string) => void; onClear: () => void; onClose: () => void;
}) {
  const t = fieldText.date;
  const [month, setMonth] = useState(() => {
    const [y, m] = selected ? [Number(selected.slice(0, 4)), Number(selected.slice(5, 7))] : [context.year, context.month ?? new Date().getMonth() + 1];
    return { y, m };
  });
  const first = new Date(Date.UTC(month.y, month.m - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const days = new Date(Date.UTC(month.y, month.m, 0)).getUTCDate();
  const now = new Date();
  const today = isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const step = (n: number) => setMonth(({ y, m }) => ({ y: m + n < 1 ? y - 1 : m + n > 12 ? y + 1 : y, m: ((m + n + 11) % 12) + 1 }));
  const keep = (e: { preventDefault: () => void }) => e.preventDefault(); // the text field keeps the keyboard
  return (
    <div className="cb-calendar" role="dialog" aria-label={t.calendar} contentEditable={false} onMouseDown={keep}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
      <div className="cb-cal-head">
        <button type="button" tabIndex={-1} aria-label={t.previousMonth} onClick={() => step(-1)}><ChevronLeft size={14} /></button>
        <span className="cb-cal-title">{t.monthTitle(month.y, month.m)}</span>
        <button type="button" tabIndex={-1} aria-label={t.nextMonth} onClick={() => step(1)}><ChevronRight size={14} /></button>
      </div>
      <div className="cb-cal-grid" role="grid">
        {t.weekdays.map((w) => <span key={w} className="cb-cal-wd" role="columnheader">{w}</span>)}
        {Array.from({ length: lead }, (_, i) => <span key={`x${i}`} />)}
        {Array.from({ length: days }, (_, i) => {
          const day = isoDay(month.y, month.m, i + 1);
          return (
            <button key={day} type="button" tabIndex={-1} role="gridcell" aria-label={day} aria-selected={day === selected}
              className={`cb-cal-day${day === selected ? ' is-selected' : ''}${day === today ? ' is-today' : ''}`} onClick={() => onPick(day)}>
              {i + 1}
            </button>
          );
        })}
      </div>
      <div className="cb-cal-foot">
        <button type="button" tabIndex={-1} onClick={() => onPick(today)}>{t.today}</button>
        <button type="button" tabIndex={-1} onClick={onClear}>{t.clear}</button>
      </div>
    </div>
  );
}
