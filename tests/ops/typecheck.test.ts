import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The whole project type-checks (server, shared, web, tests, bench): esbuild and Vite strip types without checking them. */
it('tsc --noEmit finds no error', async () => {
  const r = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { cwd: root, maxBuffer: 16 << 20 })
    .then(() => ({ code: 0, out: '' }), (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }));
  expect(r.out).toBe('');
  expect(r.code).toBe(0);
}, 300_000);
