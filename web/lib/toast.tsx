import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { errorText } from '../i18n/errors.js';

/** Toasts from anywhere: `toast.error(error)` (translated by its code), `toast.info(text)`; <Toasts/> is mounted once in App. */
type Toast = { id: number; kind: 'error' | 'info'; message: string };
let seq = 0;
const subscribers = new Set<(t: Toast | 'clearErrors') => void>();
const push = (kind: Toast['kind'], message: string) => subscribers.forEach((s) => s({ id: ++seq, kind, message }));

export const toast = {
  error: (e: unknown) => push('error', errorText(e)),
  info: (message: string) => push('info', message),
  /** The action an error was about went through after all (tried again, corrected): its error no longer holds. */
  clearErrors: () => subscribers.forEach((s) => s('clearErrors')),
};

export function Toasts() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Toast[]>([]);
  useEffect(() => {
    const add = (x: Toast | 'clearErrors') => {
      if (x === 'clearErrors') return setItems((xs) => xs.filter((y) => y.kind !== 'error'));
      setItems((xs) => [...xs, x]);
      setTimeout(() => setItems((xs) => xs.filter((y) => y.id !== x.id)), 5000);
    };
    subscribers.add(add);
    return () => { subscribers.delete(add); };
  }, []);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {items.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`}>
          <span>{x.message}</span>
          <button className="icon-btn" aria-label={t('common.dismiss')} onClick={() => setItems((xs) => xs.filter((y) => y.id !== x.id))}><X size={14} /></button>
        </div>
      ))}
    </div>
  );
}
