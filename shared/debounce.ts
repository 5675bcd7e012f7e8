/**
 * Per-key debounce with a ceiling: runs `fn(key)` `wait` ms after the last call for that key,
 * and at least every `maxWait` ms while calls keep coming.
 */
export function debounceByKey(fn: (key: string) => unknown, wait: number, maxWait = wait * 5) {
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; first: number }>();
  const fire = (key: string) => {
    const t = timers.get(key);
    if (t) clearTimeout(t.timer);
    timers.delete(key);
    fn(key);
  };
  const call = (key: string) => {
    const now = Date.now();
    const t = timers.get(key);
    if (t) clearTimeout(t.timer);
    const first = t?.first ?? now;
    const delay = Math.max(0, Math.min(wait, first + maxWait - now));
    timers.set(key, { timer: setTimeout(() => fire(key), delay), first });
  };
  call.flush = () => { for (const key of [...timers.keys()]) fire(key); };
  call.cancel = () => { for (const t of timers.values()) clearTimeout(t.timer); timers.clear(); };
  return call;
}
