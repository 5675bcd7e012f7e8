/**
 * Per-key debounce with a ceiling: runs `fn(key)` `wait` ms after the last call for that key,
 * and at least every `maxWait` ms while calls keep coming.
 *
 * A call while one is pending only notes its time; the pending timer, when it fires, waits on from the last call
 * if there was one since. One timer per quiet period, not a clearTimeout and setTimeout per call: the server calls
 * this for every stored edit (report timestamp, search index).
 */
export function debounceByKey(fn: (key: string) => unknown, wait: number, maxWait = wait * 5) {
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; first: number; last: number }>();
  /** Forgets the pending call for `key` without running it. */
  const drop = (key: string) => {
    const p = pending.get(key);
    if (p) clearTimeout(p.timer);
    pending.delete(key);
  };
  const fire = (key: string) => {
    drop(key);
    fn(key);
  };
  const check = (key: string) => {
    const p = pending.get(key);
    if (!p) return;
    const left = Math.min(p.last + wait, p.first + maxWait) - Date.now();
    if (left > 0) p.timer = setTimeout(check, left, key);
    else fire(key);
  };
  const call = (key: string) => {
    const now = Date.now();
    const p = pending.get(key);
    if (p) p.last = now;
    else pending.set(key, { first: now, last: now, timer: setTimeout(check, Math.min(wait, maxWait), key) });
  };
  call.flush = () => { for (const key of [...pending.keys()]) fire(key); };
  call.drop = drop; // what it was for was done another way
  call.cancel = () => { for (const p of pending.values()) clearTimeout(p.timer); pending.clear(); };
  return call;
}
