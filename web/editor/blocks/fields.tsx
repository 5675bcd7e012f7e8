import { createElement, useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type CSSProperties, type FocusEvent, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { numOrNull } from '../../../shared/blocks/text.js';
import { splitTargetOp } from '../../../shared/kpiTarget.js';
import { useFieldPeers, type FieldPeer } from '../fieldPresence.js';
import i18n from '../../i18n/index.js';
import { fieldText } from './fieldText.js';
import { useFieldDraft } from './fieldDrafts.js';

/**
 * Inputs inside node views. Each keeps a local draft while focused, so the caret never jumps when the
 * node re-renders, and writes its attribute on every valid change, so collaborators see it live.
 * While someone else is in a field it wears their colour and name; when their change lands in the field you are
 * typing in, a notice says who changed it from what to what, and you keep your text or take theirs.
 * Keys (Tab between the block's fields, Enter to commit and go back) are the editor's: fieldKeys.ts.
 */

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** Where a small label goes beside a field: just above it, or just below it (positioned against the same box). */
function besideStyle(el: HTMLElement | null, where: 'above' | 'below'): CSSProperties {
  if (!el) return {};
  return where === 'above' ? { left: el.offsetLeft, top: el.offsetTop - 17 } : { left: el.offsetLeft, top: el.offsetTop + el.offsetHeight + 3 };
}

/** The outline in the colour of whoever else is in a field. */
export const peerOutline = (peers: readonly FieldPeer[]): CSSProperties | undefined =>
  peers.length ? { boxShadow: `0 0 0 2px ${peers[0].color}`, borderColor: peers[0].color } : undefined;

/** Names of the others in a field, above it in their colour. */
export function PeerTag({ anchor, peers }: { anchor: RefObject<HTMLElement | null>; peers: readonly FieldPeer[] }) {
  if (!peers.length) return null;
  const names = peers.map((p) => p.name).join(', ');
  return (
    <span className="cb-peer-tag" contentEditable={false} title={fieldText.presence.editing(names)}
      style={{ ...besideStyle(anchor.current, 'above'), background: peers[0].color }}>{names}</span>
  );
}

export interface RemoteChange { who: string; old: string; theirs: string }

/**
 * Notices a change of `value` that this person did not make while they edit the field (`editing`): who (the other
 * person last in the field), and the value before and after (several in a row, as someone types, are one change:
 * from the value before the first to the latest). `sent` records this person's own writes.
 */
export function useRemoteChange<T>(value: T, editing: boolean, show: (v: T) => string, lastIn: () => FieldPeer | null) {
  const seen = useRef(value);
  const sent = useRef<T[]>([]);
  /** What the field shows that this person did not type (the value at focus, or theirs once taken). */
  const untyped = useRef<string | null>(null);
  const [change, setChange] = useState<(RemoteChange & { value: T }) | null>(null);
  useEffect(() => {
    if (!editing) {
      seen.current = value;
      sent.current = [];
      setChange(null);
      return;
    }
    if (Object.is(value, seen.current)) return;
    const mine = sent.current.some((v) => Object.is(v, value));
    const old = seen.current;
    seen.current = value;
    if (mine) return;
    const who = lastIn()?.name ?? fieldText.conflict.someone;
    setChange((prev) => ({ who, old: prev ? prev.old : show(old), theirs: show(value), value }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, editing]);
  return {
    change,
    /** The value at the moment editing started (set on focus). */
    start: (v: T) => { seen.current = v; sent.current = []; untyped.current = show(v); setChange(null); },
    /**
     * Their value for the draft when this person has typed nothing since it came in (what they had is in the
     * notice as the old value); null when they have typed: their text stays.
     */
    take: (draft: string | null): string | null => {
      if (!change || draft === null || draft !== untyped.current) return null;
      untyped.current = change.theirs;
      return change.theirs;
    },
    /** This person wrote `v`. */
    wrote: (v: T) => { sent.current = [...sent.current.slice(-8), v]; },
    dismiss: () => setChange(null),
  };
}

/**
 * The notice under a field: who changed it, from what to what, and a choice when yours differs. Yours is what you
 * typed, or — when you had typed nothing since and the field took their value — what it was before.
 */
export function ChangeNotice({ anchor, change, mine: typed, onKeep, onTheirs }: {
  anchor: RefObject<HTMLElement | null>; change: RemoteChange; mine: string; onKeep: (mine: string) => void; onTheirs: () => void;
}) {
  const t = fieldText.conflict;
  const mine = typed !== change.theirs ? typed : change.old;
  const differs = mine !== change.theirs;
  const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault(); // clicking the notice leaves the caret in the field
  // Placed on the screen under the field, not inside the field's box: in a KPI table's narrow column, inside the
  // table's scrolling frame, it was squeezed to the column and cut off, and nobody saw the choice.
  const [at, setAt] = useState<CSSProperties>({});
  useLayoutEffect(() => {
    const place = () => {
      const r = anchor.current?.getBoundingClientRect();
      if (r) setAt({ position: 'fixed', top: r.bottom + 3, left: Math.max(8, Math.min(r.left, window.innerWidth - 328)) });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => { window.removeEventListener('scroll', place, true); window.removeEventListener('resize', place); };
  }, [anchor]);
  return (
    <span className="cb-change" role="status" contentEditable={false} style={at} onMouseDown={keepFocus}>
      <span className="cb-change-text"><b>{t.changed(change.who)}</b>: <s>{change.old || t.empty}</s> → <b>{change.theirs || t.empty}</b>
        {differs && <span className="cb-change-mine"> ({t.yours(mine || t.empty)})</span>}</span>
      {differs
        ? <><button type="button" className="cb-change-btn" onClick={() => onKeep(mine)}>{t.keepMine}</button>
          <button type="button" className="cb-change-btn" onClick={onTheirs}>{t.useTheirs}</button></>
        : <button type="button" className="cb-change-btn" onClick={onTheirs}>{i18n.t('editor.ok')}</button>}
    </span>
  );
}

/**
 * A text attribute, stored as it is typed. With `wrap` (an incident's impact and cause: a sentence or two), the text
 * wraps onto as many lines as it needs instead of being cut at the field's edge; it stays one line of text — Enter
 * still stores it and leaves the field, and a pasted line break becomes a space.
 */
export function TextField({ value, onCommit, wrap = false, ...rest }: { value: string; onCommit: (v: string) => void; wrap?: boolean } & InputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { peers, lastIn } = useFieldPeers(ref, rest['aria-label']);
  const remote = useRemoteChange(value, draft !== null, (v) => v, lastIn);
  const commit = (v: string) => { remote.wrote(v); onCommit(v); };
  useEffect(() => {
    // nothing typed since it came in: take their value (the notice still says what happened)
    const theirs = remote.take(draft);
    if (theirs !== null) setDraft(theirs);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remote.change]);
  return (
    <>
      {createElement(wrap ? 'textarea' : 'input', {
        ...rest,
        ...(wrap ? { rows: 1, type: undefined, className: `${rest.className ?? ''} cb-wrap`.trim() } : {}),
        ref,
        value: draft ?? value,
        style: { ...rest.style, ...peerOutline(peers) },
        'data-peers': peers.length ? peers.map((p) => p.name).join(', ') : undefined,
        onFocus: (e: FocusEvent<HTMLInputElement>) => { setDraft(value); remote.start(value); rest.onFocus?.(e); },
        onBlur: (e: FocusEvent<HTMLInputElement>) => { setDraft(null); rest.onBlur?.(e); },
        onChange: (e: ChangeEvent<HTMLInputElement>) => {
          const v = wrap ? e.target.value.replace(/\r?\n/g, ' ') : e.target.value;
          setDraft(v);
          if (v !== value) commit(v);
        },
        onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
          // Enter stores what the field shows, as in NumberField: a value that came in meanwhile does not win by it.
          if (e.key === 'Enter' && remote.change && draft !== null && draft !== value) commit(draft);
          if (e.key === 'Enter' || e.key === 'Escape') { remote.dismiss(); e.currentTarget.blur(); }
          rest.onKeyDown?.(e);
        },
      })}
      <PeerTag anchor={ref} peers={peers} />
      {remote.change && draft !== null && (
        <ChangeNotice anchor={ref} change={remote.change} mine={draft}
          onKeep={(mine) => { setDraft(mine); commit(mine); remote.dismiss(); }}
          onTheirs={() => { setDraft(value); remote.dismiss(); }} />
      )}
    </>
  );
}

/**
 * Parse a number the way people type it (`1,234`, ` 99.9 `); `invalid` when it is not one or out of range. With
 * `comparison` (a KPI's target) a leading `≥`/`≤` (or `>=`, `<=`…, shared/kpiTarget.ts) is allowed: `≥10000`.
 */
export function parseNumber(text: string, min?: number, max?: number, comparison = false): { value: number | null; error: string | null } {
  const number = comparison ? splitTargetOp(text).rest : text;
  if (number.trim() === '') return { value: null, error: null };
  const n = numOrNull(number.replace(/%$/, ''));
  if (n === null) return { value: null, error: i18n.t('fields.number.problem.notNumber', { text: text.trim() }) };
  if (min !== undefined && n < min) return { value: null, error: i18n.t('fields.number.problem.atLeast', { min }) };
  if (max !== undefined && n > max) return { value: null, error: i18n.t('fields.number.problem.atMost', { max }) };
  return { value: n, error: null };
}

const plainNumber = (v: number | null) => (v === null ? '' : String(v));

/**
 * A number attribute typed as text: invalid text shows an inline error and is not written;
 * clearing the field writes null. The input is as wide as its value (`21.95` shows whole).
 * With `typed` (issue 12: the text the number was typed as, such as `99.990`), the field shows that text while it is
 * still the value, and a change of the text alone (`99.99` → `99.990`) is written too: `onCommit` gets the text.
 * `comparison`: the text may start with `≥`/`≤` (a KPI's target; parseNumber).
 */
export function NumberField({ value, onCommit, min, max, typed, comparison = false, className = '', ...rest }: {
  value: number | null;
  onCommit: (v: number | null, text?: string) => void;
  min?: number;
  max?: number;
  typed?: string | null;
  comparison?: boolean;
} & InputProps) {
  const keepsText = typed !== undefined;
  const parse = (text: string) => parseNumber(text, min, max, comparison);
  const showNumber = (v: number | null) => (typed && v !== null && parseNumber(typed, undefined, undefined, comparison).value === v ? typed.trim() : plainNumber(v));
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const { peers, lastIn } = useFieldPeers(ref, rest['aria-label']);
  const remote = useRemoteChange(value, draft !== null, showNumber, lastIn);
  const commit = (v: number | null, text?: string) => { remote.wrote(v); onCommit(v, text); };
  const shown = draft ?? showNumber(value);
  const parsed = parse(shown);
  const { error } = parsed;
  // A number is written when it is finished (Enter, leaving the field), not at each keystroke: typing 120 into a
  // progress wrote 1, then 12 (both valid) for everyone before 120 was refused, and 12 stayed.
  const escaped = useRef(false);
  const store = (text: string | null, enter = false): boolean => {
    if (text === null || escaped.current) { escaped.current = false; return true; }
    const p = parse(text);
    if (p.error) return false;
    // Someone else wrote the field while this person typed (the notice shows both): Enter stores what the field shows
    // ("mine"); only leaving the field lets theirs stand, as the notice says.
    if (remote.change && !enter) return true;
    if (p.value !== value || (keepsText && text.trim() !== showNumber(value))) commit(p.value, text.trim());
    return true;
  };
  // The field goes away while its number is being typed (the block is deleted, the page left): it is still written.
  const pending = useRef<() => void>(() => {});
  pending.current = () => {
    try {
      if (draft !== null && !escaped.current) store(draft);
    } catch {
      // the editor went first (the page was left): nothing to write to
    }
  };
  useEffect(() => () => pending.current(), []);
  // Written too when the page is hidden or left with the number still being typed (fieldDrafts.ts).
  // Unwritten: what the field shows is not the stored number (or not a number yet); after such a write it is.
  const unwritten = draft !== null && (error !== null || parsed.value !== value || (keepsText && draft.trim() !== showNumber(value)));
  useFieldDraft(unwritten, () => pending.current());
  useEffect(() => {
    const theirs = remote.take(draft);
    if (theirs !== null) setDraft(theirs);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remote.change]);
  return (
    <span className={`cb-num ${error ? 'is-invalid' : ''}`}>
      <input
        {...rest}
        ref={ref}
        className={className}
        inputMode="decimal"
        value={shown}
        style={{ ...rest.style, ...peerOutline(peers) }}
        data-peers={peers.length ? peers.map((p) => p.name).join(', ') : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={() => { setDraft(showNumber(value)); remote.start(value); }}
        onBlur={() => { if (store(draft)) setDraft(null); }}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          // Escape leaves the stored value as it was: nothing typed has been written yet.
          if (e.key === 'Escape') { escaped.current = true; setDraft(null); e.currentTarget.blur(); }
          if (e.key === 'Enter' && store(e.currentTarget.value, true)) {
            remote.dismiss();
            e.currentTarget.blur();
          }
        }}
      />
      <PeerTag anchor={ref} peers={peers} />
      {error && <span className="cb-error" id={errorId} role="alert">{error}</span>}
      {remote.change && draft !== null && (
        <ChangeNotice anchor={ref} change={remote.change} mine={draft}
          onKeep={(mine) => { setDraft(mine); const p = parse(mine); if (!p.error) commit(p.value, mine.trim()); remote.dismiss(); }}
          onTheirs={() => { setDraft(showNumber(value)); remote.dismiss(); }} />
      )}
    </span>
  );
}

/**
 * A coloured chip that is a native select underneath: keyboard and screen readers work as usual. `placeholder` is
 * the choice of nothing; null when the field always has one of `options` (a risk's status: the list said 未解决 twice).
 */
export function ChipSelect<T extends string>({ value, options, onChange, label, placeholder, disabled, className = '' }: {
  value: T | null;
  options: { value: T; label: string; tone?: string }[];
  onChange: (v: T | null) => void;
  label: string;
  placeholder: string | null;
  disabled?: boolean;
  className?: string;
}) {
  const current = options.find((o) => o.value === value);
  const ref = useRef<HTMLSelectElement>(null);
  const { peers } = useFieldPeers(ref, label);
  return (
    <label className={`cb-chip ${current?.tone ? `tone-${current.tone}` : 'tone-empty'} ${className}`} title={label} style={peerOutline(peers)}
      data-peers={peers.length ? peers.map((p) => p.name).join(', ') : undefined}>
      <span className="cb-chip-dot" aria-hidden />
      <span className="cb-chip-text">{current?.label ?? placeholder ?? options[0]?.label}</span>
      <select ref={ref} aria-label={label} value={value ?? (placeholder === null ? options[0]?.value : '')} disabled={disabled} onChange={(e) => onChange((e.target.value || null) as T | null)}>
        {placeholder !== null && <option value="">{placeholder}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <PeerTag anchor={ref} peers={peers} />
    </label>
  );
}

/** The grip shown left of a block: drag to move it (ProseMirror moves the node), or use Alt+↑/↓. */
export function DragHandle() {
  return (
    <div className="cb-handle" contentEditable={false} draggable="true" data-drag-handle title={i18n.t('editor.dragHandle')} aria-hidden>
      <svg viewBox="0 0 10 16" width="10" height="16"><g fill="currentColor">
        <circle cx="2.5" cy="3" r="1.3" /><circle cx="7.5" cy="3" r="1.3" /><circle cx="2.5" cy="8" r="1.3" />
        <circle cx="7.5" cy="8" r="1.3" /><circle cx="2.5" cy="13" r="1.3" /><circle cx="7.5" cy="13" r="1.3" />
      </g></svg>
    </div>
  );
}

/** Small uppercase kind label at the top-right of a block. */
export const KindLabel = ({ children }: { children: ReactNode }) => <span className="cb-kind" contentEditable={false}>{children}</span>;
