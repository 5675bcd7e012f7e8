import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What to ask: the question, and the words of the button that does it (`恢复这个版本`, `从空间移除`). */
export interface ConfirmRequest { message: string; confirmLabel: string; danger?: boolean }

/**
 * A question before an action that cannot simply be undone (restore a version, merge projects, remove a member), as a
 * modal `<dialog>` of the app's own: the browser's `confirm()` was English-framed, blocked the page, and a browser
 * driven by a test or an extension dismissed it without a word. Escape or 取消 says no; the action's button has focus
 * (取消 has it for a destructive one), and focus returns to what asked when the dialog closes.
 */
function ConfirmDialog({ request, onDone }: { request: ConfirmRequest; onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const messageId = useId();
  useEffect(() => {
    // Focus goes back where it was (the button that asked) when the dialog closes.
    const opener = document.activeElement as HTMLElement | null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // A destructive action is not the default: Enter on an open dialog must not remove someone.
    (request.danger ? cancelButton : confirmButton).current?.focus();
    return () => { if (opener?.isConnected) opener.focus(); };
  }, [request.danger]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-label={request.confirmLabel} aria-describedby={messageId} onCancel={(e) => { e.preventDefault(); onDone(false); }}>
      <p className="confirm-message" id={messageId}>{request.message}</p>
      <div className="confirm-actions">
        <button type="button" ref={cancelButton} className="btn" onClick={() => onDone(false)}>{t('common.cancel')}</button>
        <button type="button" ref={confirmButton} className={`btn ${request.danger ? 'btn-danger' : 'btn-primary'}`} onClick={() => onDone(true)}>{request.confirmLabel}</button>
      </div>
    </dialog>
  );
}

/** `const [confirm, dialog] = useConfirm()`: `await confirm({…})` is true when the person said yes; render `dialog`. */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const [asking, setAsking] = useState<{ request: ConfirmRequest; resolve: (ok: boolean) => void } | null>(null);
  const confirm = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => setAsking({ request, resolve })), []);
  const dialog = asking ? <ConfirmDialog request={asking.request} onDone={(ok) => { asking.resolve(ok); setAsking(null); }} /> : null;
  return [confirm, dialog];
}
