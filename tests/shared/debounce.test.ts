import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { debounceByKey } from '../../shared/debounce.js';

/** The debounce behind report timestamps and the search index (issue 17: one timer per quiet period, same timing). */
beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

it('runs once, `wait` after the last call, per key', () => {
  const ran: string[] = [];
  const d = debounceByKey((k) => ran.push(`${k}@${Date.now() % 100_000}`), 500);
  vi.setSystemTime(1_000_000);
  d('a');
  vi.advanceTimersByTime(300);
  d('a'); // at 300: due at 800
  d('b');
  vi.advanceTimersByTime(499);
  expect(ran).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(ran.sort()).toEqual(['a@800', 'b@800']);
  vi.advanceTimersByTime(5000);
  expect(ran).toHaveLength(2);
});

it('runs at least every maxWait while calls keep coming, then once after they stop', () => {
  const ran: number[] = [];
  vi.setSystemTime(2_000_000);
  const d = debounceByKey(() => ran.push(Date.now() - 2_000_000), 100, 400);
  for (let t = 0; t < 1000; t += 50) {
    d('r');
    vi.advanceTimersByTime(50);
  }
  expect(ran).toEqual([400, 800]);
  vi.advanceTimersByTime(100);
  expect(ran).toEqual([400, 800, 1050]); // last call at 950
});

it('flush runs what is pending now; cancel drops it', () => {
  const ran: string[] = [];
  const d = debounceByKey((k) => ran.push(k), 500);
  d('a');
  d('b');
  d.flush();
  expect(ran).toEqual(['a', 'b']);
  d('c');
  d.cancel();
  vi.advanceTimersByTime(5000);
  expect(ran).toEqual(['a', 'b']);
});
