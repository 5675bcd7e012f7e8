import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { comparable, readSample, sampleNames } from '../helpers/samples.js';

const md = { 'content-type': 'text/markdown' };

describe('Markdown import and export over HTTP', () => {
  let s: TestServer;
  let owner: TestUser, editor: TestUser, viewer: TestUser;
  let space: string;
  const reports = (sp = space) => owner.call('GET', `/api/spaces/${sp}/reports`).then((r) => r.json as { id: string; week: string }[]);
  const importText = (u: TestUser, body: string | Uint8Array, query = '', sp = space) => u.call('POST', `/api/spaces/${sp}/import${query}`, body, md);

  beforeAll(async () => {
    s = await startTestServer();
    [owner, editor, viewer] = await signedUp(s.base, 'Owner', 'Editor', 'Viewer');
    space = await spaceWith(owner, [[editor, 'editor'], [viewer, 'viewer']]);
  });
  afterAll(async () => { await s?.close(); });

  it('imports a sample: 201 with counts, and /items has the items at once', async () => {
    const r = await importText(owner, readSample('2024-W12'));
    expect(r.status).toBe(201);
    expect(r.json.report.week).toBe('2024-W12');
    expect(r.json.counts).toEqual({ okrs: 20, kpis: 3, incidents: 2, projects: 3, risks: 0 });
    expect(r.json.warnings).toEqual([]);
    const items = (await owner.call('GET', `/api/reports/${r.json.report.id}/items`)).json;
    expect(items.okrs).toHaveLength(20);
    const wb = items.okrs.find((o: any) => o.project === '物保三期');
    expect(wb).toMatchObject({ objective: 'O1', progress: 95, due: '2024-03-28' });
    expect(items.kpis.find((k: any) => k.name === '入金有效成功率')).toMatchObject({ value: 99.997, unit: '%' });
    expect(items.incidents[0]).toMatchObject({ start: '2024-03-21T15:43', durationMinutes: 32 });
  });

  it('refuses a week that exists with 409 week_exists and writes nothing', async () => {
    const before = await reports();
    const r = await importText(editor, readSample('2024-W12').replace('物保三期', '物保四期'));
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('week_exists');
    expect(await reports()).toEqual(before);
    const w12 = before.find((x) => x.week === '2024-W12')!;
    const items = (await owner.call('GET', `/api/reports/${w12.id}/items`)).json;
    expect(items.okrs.some((o: any) => o.project === '物保四期')).toBe(false);
  });

  it('answers 400 with a reason for empty, binary, non-UTF-8 and non-report bodies, writing nothing', async () => {
    const before = await reports();
    const cases: [string | Uint8Array, string][] = [
      ['', 'empty_file'],
      ['\n  \n', 'empty_file'],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'not_utf8'],
      [new Uint8Array([0x23, 0x20, 0, 0, 0, 1, 2, 3, 0x41]), 'binary_file'],
      [new Uint8Array([0x23, 0x20, 0xe4, 0xb8, 0x41, 0x0a]), 'not_utf8'],
      ['just a note\n\nwith two paragraphs\n', 'not_a_report'],
    ];
    for (const [body, code] of cases) {
      const r = await importText(owner, body);
      expect(r.status, `${code}: ${r.text}`).toBe(400);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.message.length).toBeGreaterThan(10);
    }
    // A week given, but nothing of a report in the text.
    const r = await importText(owner, 'just a note\n', '?week=2030-W01');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('not_a_report');
    expect((await importText(owner, readSample('2024-W25'), '?week=2024-W99')).status).toBe(400);
    expect(await reports()).toEqual(before);
  });

  it('refuses Markdown nested deeper than a report ever is with 400 too_deeply_nested, quickly and writing nothing', async () => {
    const before = await reports();
    const quotes = `# 2031-W20\n\n${'>'.repeat(10_000)} x\n`; // was a 500: stack overflow walking the Markdown tree
    const list = '# 2031-W21\n\n## 【O1 业务服务】\n\n' + Array.from({ length: 500 }, (_, i) => '  '.repeat(i) + '- x').join('\n'); // a 500 after ~8 s
    // Emphasis opened thousands of times before it closes: micromark took 37 s on the first, then overflowed the stack.
    const stars = `# 2031-W23\n\n${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n`;
    const openers = `# 2031-W24\n\n${'*a '.repeat(2000)}x${' b*'.repeat(2000)}\n`;
    // Images and links nested 2,000 deep: micromark took 5 s (160 s at 10,000), matching each `]` against every `[`.
    const images = `# 2031-W26\n\n${'!['.repeat(2000)}x${'](u)'.repeat(2000)}\n`;
    for (const body of [quotes, list, stars, openers, images]) {
      const r = await importText(owner, body);
      expect(r.status, r.text.slice(0, 200)).toBe(400);
      expect(r.json.error.code).toBe('too_deeply_nested');
      expect(r.json.error.message).toMatch(/[Ll]ine \d+/);
    }
    // Brackets by the thousand in one paragraph (a pasted log): 20,000 `[INFO]` lines took micromark 5 s.
    const log = `# 2031-W27\n\n## 【O1 业务服务】\n\n${'[INFO] started job\n'.repeat(20_000)}`;
    const many = await importText(owner, log);
    expect(many.status, many.text.slice(0, 200)).toBe(400);
    expect(many.json.error.code).toBe('too_many_brackets');
    expect(many.json.error.message).toMatch(/[Ll]ine 5\d\d\b/);
    // Nesting as deep as real reports go (and then some) still imports, bold and italics as reports write them too.
    const deepish = '# 2031-W22\n\n## 【O1 业务服务】\n\n' + Array.from({ length: 12 }, (_, i) => '  '.repeat(i) + `- 第${i}层`).join('\n') + '\n\n' + '> '.repeat(12) + 'quote\n\n'
      + Array.from({ length: 300 }, (_, i) => `**项目${i}**：进度50%，*注* 见 a*b*c、5*3、__x__`).join('\n') + '\n'
      // The same log in paragraphs of 100 lines, links nested a few deep.
      + Array.from({ length: 200 }, () => '[INFO] started job\n'.repeat(100)).join('\n') + '\n[[[a](u)](v)](w) ![![i](u)](v)\n';
    const ok = await importText(owner, deepish);
    expect(ok.status, ok.text.slice(0, 200)).toBe(201);
    expect((await reports()).filter((x) => !before.some((b) => b.id === x.id)).map((x) => x.week)).toEqual(['2031-W22']);
  });

  it('imports emphasis inside emphasis of the same kind (*a _b_ c*), which was a 500 (duplicate marks)', async () => {
    const r = await importText(owner, '# 2031-W25\n\n## 【O1 业务服务】\n\n- *斜体 _里面_ 斜体* **粗 __更粗__ 粗** ~~删 ~~再删~~ 删~~ 进度50%\n');
    expect(r.status, r.text.slice(0, 200)).toBe(201);
    const items = (await owner.call('GET', `/api/reports/${r.json.report.id}/items`)).json;
    expect(items.okrs[0].text).toBe('斜体 里面 斜体 粗 更粗 粗 删 再删 删 进度50%');
  });

  it('names a title week that does not exist with 400 invalid_week, not "no title line"', async () => {
    const before = await reports();
    for (const week of ['2024-W54', '2021-W53']) {
      const r = await importText(owner, `# ${week}\n\n## 【O1 业务服务】\n\n- 物保三期进度95%\n`);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('invalid_week');
      expect(r.json.error.message).toContain(week);
    }
    // ?week= given: the title is not the week, so a bad title is no error.
    const over = await importText(owner, '# 2024-W54\n\n## 【O1 业务服务】\n\n- 物保三期进度95%\n', '?week=2031-W30');
    expect(over.status, over.text).toBe(201);
    expect((await reports()).length).toBe(before.length + 1);
  });

  it('answers 413 past the size limit, by Content-Length and by bytes read', async () => {
    const before = await reports();
    const big = readSample('2024-W34').replace('2024-W34', '2031-W05') + '\n' + '填充内容 '.repeat(2 * 1024 * 1024 / 12);
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    const r = await importText(owner, big);
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('too_large');
    // Chunked, without a Content-Length: the server counts what it reads.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 60_000, (i + 1) * 60_000)));
        c.close();
      },
    });
    const res = await fetch(`${s.base}/api/spaces/${space}/import`, { method: 'POST', body: stream, duplex: 'half', headers: { ...md, origin: s.base, cookie: owner.cookie } } as RequestInit);
    expect(res.status).toBe(413);
    expect(await reports()).toEqual(before);
  });

  it('takes ?week over the title, and warns when the Created date is in another week', async () => {
    const over = await importText(owner, readSample('2024-W25'), '?week=2024-W26');
    expect(over.status).toBe(201);
    expect(over.json.report.week).toBe('2024-W26');
    expect(over.json.counts).toEqual({ okrs: 16, kpis: 3, incidents: 3, projects: 3, risks: 0 });

    const copied = readSample('2024-W34').replace('# 2024-W34', '#2024-w33');
    const r = await importText(owner, copied);
    expect(r.status).toBe(201);
    expect(r.json.report.week).toBe('2024-W33');
    expect(r.json.warnings.some((w: string) => w.includes('2024-W33') && w.includes('2024-W34'))).toBe(true);
    // The same warning as a code with parameters (issue 13), its English sentence the contract's string.
    const mismatch = r.json.notices.find((n: any) => n.code === 'import.weekMismatch');
    expect(mismatch).toMatchObject({ level: 'warning', params: { title: '2024-W33', createdWeek: '2024-W34', week: '2024-W33' } });
    expect(r.json.warnings).toContain(mismatch.message);
    expect(over.json.notices).toContainEqual(expect.objectContaining({ code: 'import.weekOverride', params: { week: '2024-W26', title: '2024-W25' } }));
  });

  it('lets only owners and editors import', async () => {
    const r = await importText(viewer, readSample('2024-W34').replace('2024-W34', '2032-W10'));
    expect(r.status).toBe(403);
    expect((await reports()).some((x) => x.week === '2032-W10')).toBe(false);
    const e = await importText(editor, readSample('2024-W34'));
    expect(e.status).toBe(201);
  });

  it('exports Markdown that imports into another space with identical items', async () => {
    const other = await spaceWith(owner, [], 'Round trip');
    for (const name of sampleNames) {
      const src = (await reports()).find((x) => x.week === name) ?? (await importText(owner, readSample(name)).then((r) => r.json.report));
      const exported = await owner.call('GET', `/api/reports/${src.id}/markdown`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(exported.text.startsWith(`# ${name}\n`)).toBe(true);
      const again = await importText(owner, exported.text, '', other);
      expect(again.status, again.text).toBe(201);
      const a = (await owner.call('GET', `/api/reports/${src.id}/items`)).json;
      const b = (await owner.call('GET', `/api/reports/${again.json.report.id}/items`)).json;
      expect(comparable(b)).toEqual(comparable(a));
      expect(a.okrs.length).toBeGreaterThan(10);
    }
    expect((await viewer.call('GET', `/api/reports/${(await reports())[0].id}/markdown`)).status).toBe(200);
  });
});
