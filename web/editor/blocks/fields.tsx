import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { numOrNull } from '../../../shared/blocks/text.js';

/**
 * Inputs inside node views. Each keeps a local draft while focused, so the caret never jumps when the
 * node re-renders, and writes its attribute on every valid change, so collaborators see it live.
 */

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

export function TextField({ value, onCommit, ...rest }: { value: string; onCommit: (v: string) => void } & InputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...rest}
      value={draft ?? value}
      onFocus={(e) => { setDraft(value); rest.onFocus?.(e); }}
      onBlur={(e) => { setDraft(null); rest.onBlur?.(e); }}
      onChange={(e) => { setDraft(e.target.value); if (e.target.value !== value) onCommit(e.target.value); }}
      onKeyDown={(e) => { if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur(); rest.onKeyDown?.(e); }}
    />
  );
}

/** Parse a number the way people type it (`1,234`, ` 99.9 `); `invalid` when it is not one or out of range. */
export function parseNumber(text: string, min?: number, max?: number): { value: number | null; error: string | null } {
  if (text.trim() === '') return { value: null, error: null };
  const n = numOrNull(text.replace(/%$/, ''));
  if (n === null) return { value: null, error: `“${text.trim()}” is not a number` };
  if (min !== undefined && n < min) return { value: null, error: `must be at least ${min}` };
  if (max !== undefined && n > max) return { value: null, error: `must be at most ${max}` };
  return { value: n, error: null };
}

/**
 * A number attribute typed as text: invalid text shows an inline error and is not written;
 * clearing the field writes null.
 */
export function NumberField({ value, onCommit, min, max, className = '', ...rest }: {
  value: number | null;
  onCommit: (v: number | null) => void;
  min?: number;
  max?: number;
} & InputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();
  const shown = draft ?? (value === null ? '' : String(value));
  const { error } = parseNumber(shown, min, max);
  return (
    <span className={`cb-num ${error ? 'is-invalid' : ''}`}>
      <input
        {...rest}
        className={className}
        inputMode="decimal"
        value={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={() => setDraft(value === null ? '' : String(value))}
        onBlur={() => { if (!parseNumber(draft ?? '', min, max).error) setDraft(null); }}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const parsed = parseNumber(text, min, max);
          if (!parsed.error && parsed.value !== value) onCommit(parsed.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') { setDraft(null); e.currentTarget.blur(); }
          if (e.key === 'Enter' && !parseNumber(e.currentTarget.value, min, max).error) e.currentTarget.blur();
        }}
      />
      {error && <span className="cb-error" id={errorId} role="alert">{error}</span>}
    </span>
  );
}

/** A coloured chip that is a native select underneath: keyboard and screen readers work as usual. */
export function ChipSelect<T extends string>({ value, options, onChange, label, placeholder, disabled, className = '' }: {
  value: T | null;
  options: { value: T; label: string; tone?: string }[];
  onChange: (v: T | null) => void;
  label: string;
  placeholder: string;
  disabled?: boolean;
  className?: string;
}) {
  const current = options.find((o) => o.value === value);
  return (
    <label className={`cb-chip ${current?.tone ? `tone-${current.tone}` : 'tone-empty'} ${className}`} title={label}>
      <span className="cb-chip-dot" aria-hidden />
      <span className="cb-chip-text">{current?.label ?? placeholder}</span>
      <select aria-label={label} value={value ?? ''} disabled={disabled} onChange={(e) => onChange((e.target.value || null) as T | null)}>
        <option value="">{placeholder}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

/** The grip shown left of a block: drag to move it (ProseMirror moves the node), or use Alt+↑/↓. */
export function DragHandle() {
  return (
    <div className="cb-handle" contentEditable={false} draggable="true" data-drag-handle title="Drag to move · Alt+↑/↓" aria-hidden>
      <svg viewBox="0 0 10 16" width="10" height="16"><g fill="currentColor">
        <circle cx="2.5" cy="3" r="1.3" /><circle cx="7.5" cy="3" r="1.3" /><circle cx="2.5" cy="8" r="1.3" />
        <circle cx="7.5" cy="8" r="1.3" /><circle cx="2.5" cy="13" r="1.3" /><circle cx="7.5" cy="13" r="1.3" />
      </g></svg>
    </div>
  );
}

/** Small uppercase kind label at the top-right of a block. */
export const KindLabel = ({ children }: { children: ReactNode }) => <span className="cb-kind" contentEditable={false}>{children}</span>;
