import { useEffect, useRef } from 'react';

/**
 * Listens to a Server-Sent Events endpoint (`/api/reports/:id/events`, `/api/notifications/events`) while mounted.
 * EventSource reconnects by itself; `onOpen` runs on every (re)connect so callers can refetch what they missed.
 */
export function useEventStream(url: string | null, handlers: Record<string, (data: any) => void>, onOpen?: () => void) {
  const ref = useRef({ handlers, onOpen });
  ref.current = { handlers, onOpen };
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    const types = Object.keys(ref.current.handlers);
    const listeners = types.map((type) => {
      const l = (e: MessageEvent) => {
        let data: unknown = null;
        try { data = JSON.parse(e.data); } catch { return; }
        ref.current.handlers[type]?.(data);
      };
      source.addEventListener(type, l as EventListener);
      return [type, l] as const;
    });
    const ready = () => ref.current.onOpen?.();
    source.addEventListener('ready', ready);
    return () => {
      for (const [type, l] of listeners) source.removeEventListener(type, l as EventListener);
      source.removeEventListener('ready', ready);
      source.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
}
