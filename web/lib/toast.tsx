import { useEffect, useState } from 'react';
import { X } from 'lucide-react';

/** Toasts from anywhere: `toast.error(message)`; <Toasts/> is mounted once in App. */
type Toast = { id: number; kind: 'error' | 'info'; message: string };
let seq = 0;
const subscribers = new Set<(t: Toast) => void>();
const push = (kind: Toast['kind'], message: string) => subscribers.forEach((s) => s({ id: ++seq, kind, message }));

export const toast = {
  error: (e: unknown) => push('error', e instanceof Error ? e.message : String(e)),
  info: (message: string) => push('info', message),
};

export function Toasts() {
  const [items, setItems] = useState<Toast[]>([]);
  useEffect(() => {
    const add = (t: Toast) => {
      setItems((xs) => [...xs, t]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== t.id)), 5000);
    };
    subscribers.add(add);
    return () => { subscribers.delete(add); };
  }, []);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {items.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <span>{t.message}</span>
          <button className="icon-btn" aria-label="Dismiss" onClick={() => setItems((xs) => xs.filter((x) => x.id !== t.id))}><X size={14} /></button>
        </div>
      ))}
    </div>
  );
}
