import { useEffect, useRef, type ReactNode } from 'react';

const ITEMS = '[role="menuitem"]:not([disabled]), [role="menuitemradio"]:not([disabled])';
const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A floating panel that closes on Escape (focus goes back to what opened it) or a click outside it.
 * As a `menu` (the default) its items are `role="menuitem"` buttons: the first is focused on opening, ↑/↓/Home/End
 * move between them, Tab closes it. As a `dialog` (the inbox, a form) focus goes to its first control.
 */
export function Popover({ onClose, className = '', children, role = 'menu', label }: {
  onClose: () => void; className?: string; children: ReactNode; role?: 'menu' | 'dialog'; label?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>(role === 'menu' ? ITEMS : FOCUSABLE);
    first?.focus();
    const onDown = (e: MouseEvent) => { if (ref.current && !ref.current.parentElement?.contains(e.target as Node)) close.current(); };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close.current();
      opener?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDown); document.removeEventListener('keydown', onKey); };
  }, [role]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (role !== 'menu') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    if (items.length === 0) return;
    const i = items.indexOf(document.activeElement as HTMLElement);
    const to = e.key === 'ArrowDown' ? (i + 1) % items.length
      : e.key === 'ArrowUp' ? (i <= 0 ? items.length - 1 : i - 1)
      : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to !== null) { e.preventDefault(); items[to].focus(); }
    else if (e.key === 'Tab') close.current();
  };
  return <div ref={ref} className={`popover ${className}`} role={role} aria-label={label} onKeyDown={onKeyDown}>{children}</div>;
}
