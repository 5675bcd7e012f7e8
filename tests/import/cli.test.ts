import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestUser, signedUp } from '../helpers/client.js';
import { repoRoot, samplesDir } from '../helpers/samples.js';

const run = promisify(execFile);
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

/** Runs a CLI as a child process; resolves with its exit code and output whatever the code. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(tsx, [path.join(repoRoot, script), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e: any) {
    return { code: e.code as number, out: String(e.stdout) + String(e.stderr) };
  }
}

describe('import and demo CLIs against a running server', () => {
  let s: TestServer;
  let user: TestUser;
  let tmp: string;
  beforeAll(async () => {
    s = await startTestServer();
    [user] = await signedUp(s.base, 'Cli');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-cli-'));
    fs.writeFileSync(path.join(tmp, 'broken.md'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    fs.writeFileSync(path.join(tmp, 'note.md'), 'just a note\n');
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a folder of samples and goes on past bad files, creating the space by name', async () => {
    const r = await cli('server/cli/import.ts', ['--url', s.base, '--space', 'Imported', samplesDir, tmp], { CADENCE_EMAIL: user.email, CADENCE_PASSWORD: 'correct horse battery 9' });
    expect(r.out).toContain('Created space "Imported"');
    expect(r.out).toContain('3 imported, 2 skipped, 5 in all.');
    expect(r.out).toMatch(/broken\.md.*skipped.*not_utf8/);
    expect(r.out).toMatch(/note\.md.*skipped.*not_a_report/);
    expect(r.code).toBe(1);
    const spaces = (await user.call('GET', '/api/spaces')).json as { id: string; name: string }[];
    const space = spaces.find((x) => x.name === 'Imported')!;
    const weeks = ((await user.call('GET', `/api/spaces/${space.id}/reports`)).json as { week: string }[]).map((x) => x.week);
    expect(weeks).toEqual(['2024-W34', '2024-W25', '2024-W12']);

    // Again: the same space is used and every week is skipped as existing.
    const again = await cli('server/cli/import.ts', ['--url', s.base, '--space', 'Imported', '--email', user.email, '--password', 'correct horse battery 9', samplesDir]);
    expect(again.out).toContain('Using space "Imported"');
    expect(again.out).toContain('0 imported, 3 skipped');
    expect(again.out).toContain('week_exists');
  });

  it('demo fills a space with invented weeks and skips them when run again', async () => {
    const first = await cli('server/cli/demo.ts', ['--url', s.base, '--weeks', '4']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('4 imported, 0 skipped');
    expect(first.out).toContain('demo@cadence.local / cadence-demo');
    const demo = new TestUser(s.base, 'demo');
    demo.email = 'demo@cadence.local';
    expect((await demo.call('POST', '/api/auth/sign-in/email', { email: demo.email, password: 'cadence-demo' })).status).toBe(200);
    const space = ((await demo.call('GET', '/api/spaces')).json as { id: string; name: string }[]).find((x) => x.name === 'Demo · 支付研发')!;
    const reports = (await demo.call('GET', `/api/spaces/${space.id}/reports`)).json as { id: string }[];
    expect(reports).toHaveLength(4);
    const items = (await demo.call('GET', `/api/reports/${reports[0].id}/items`)).json;
    expect(items.okrs.length).toBe(11);
    expect(items.okrs.every((o: any) => typeof o.progress === 'number')).toBe(true);
    expect(items.kpis.length).toBeGreaterThanOrEqual(4);
    expect(items.projects.map((p: any) => p.project)).toEqual(['星桥收银台', '蓝鲸对账', '青禾风控']);

    const second = await cli('server/cli/demo.ts', ['--url', s.base, '--weeks', '4']);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('0 imported, 4 skipped');
  });
});
