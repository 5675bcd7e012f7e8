import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionQuery } from './mentionTrigger.js';

export interface Mentionable { userId: string; name: string; email?: string }

/**
 * A textarea that suggests space members after `@` (arrow keys + Enter/Tab pick one, inserting `@name `).
 * Ctrl/Cmd+Enter submits.
 */
export function MentionTextarea({ value, onChange, onSubmit, members, placeholder, autoFocus, label }: {
  value: string; onChange: (v: string) => void; onSubmit: () => void; members: Mentionable[];
  placeholder?: string; autoFocus?: boolean; label: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [pick, setPick] = useState(0);
  const before = value.slice(0, caret);
  // after a space, CJK text or full-width punctuation alike (`好的@李`, `请确认，@`): mentionTrigger.ts
  const query = mentionQuery(before)?.toLowerCase() ?? null;
  // Escape closes the suggestions for the `@` being typed (a second Escape then reaches the panel, which closes).
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const at = query === null ? null : caret - query.length;
  const matches = query === null || at === dismissedAt ? [] : members
    .filter((u) => u.name.toLowerCase().includes(query) || u.email?.toLowerCase().startsWith(query)).slice(0, 6);

  const insert = (u: Mentionable) => {
    const start = caret - (query?.length ?? 0) - 1;
    const next = `${value.slice(0, start)}@${u.name} ${value.slice(caret)}`;
    onChange(next);
    const at = start + u.name.length + 2;
    requestAnimationFrame(() => { ref.current?.setSelectionRange(at, at); setCaret(at); ref.current?.focus(); });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length > 0) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setPick((p) => (p + 1) % matches.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setPick((p) => (p - 1 + matches.length) % matches.length); return; }
      if ((e.key === 'Enter' && !e.metaKey && !e.ctrlKey) || e.key === 'Tab') { e.preventDefault(); insert(matches[Math.min(pick, matches.length - 1)]); return; }
      if (e.key === 'Escape') { e.preventDefault(); setDismissedAt(at); return; }
    }
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) { e.preventDefault(); onSubmit(); }
  };
  return (
    <div className="mention-box">
      <textarea ref={ref} className="input comment-input" aria-label={label} placeholder={placeholder} autoFocus={autoFocus} rows={2}
        value={value}
        onChange={(e) => { onChange(e.target.value); setCaret(e.target.selectionStart); setPick(0); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown} />
      {matches.length > 0 && (
        <div className="mention-list" role="listbox" aria-label={t('comments.mentionMember')}>
          {matches.map((u, i) => (
            <button type="button" key={u.userId} role="option" aria-selected={i === pick} className={`mention-option${i === pick ? ' is-picked' : ''}`}
              onMouseDown={(e) => { e.preventDefault(); insert(u); }}>
              <span>@{u.name}</span>{u.email && <span className="muted small">{u.email}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
