/** Percentiles of a list of durations (ms), nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Wall time and this process's CPU time (user + system) of each call, in ms. */
export interface Timings { wall: number[]; cpu: number[] }

/**
 * Runs fn over the inputs `rounds` times (after one warm-up pass). CPU time is kept beside wall time because
 * the machine is shared: wall time includes waiting for a core, CPU time is the work itself (SQLite runs
 * in-process and synchronously, so its work is counted; HTTP calls count both client and server sides).
 */
export async function timeEach<T>(inputs: T[], rounds: number, fn: (x: T) => unknown): Promise<Timings> {
  for (const x of inputs) await fn(x);
  const out: Timings = { wall: [], cpu: [] };
  for (let r = 0; r < rounds; r++) {
    for (const x of inputs) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fn(x);
      out.wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      out.cpu.push((c.user + c.system) / 1000);
    }
  }
  return out;
}

/** Times one call. */
export async function timeOne(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

export const fmt = (ms: number) => ms.toFixed(2);
