/**
 * Item fields that are dates, times and durations are real ones in /items, whether the text said them (import) or a
 * client wrote them over the sync socket: a valid YYYY-MM-DD / YYYY-MM-DDTHH:mm or null, a sane duration or null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { readSample } from '../helpers/samples.js';

const md = { 'content-type': 'text/markdown' };

describe('dates of items', () => {
  let s: TestServer;
  let owner: TestUser;
  let space: string;
  const items = (id: string) => owner.call('GET', `/api/reports/${id}/items`).then((r) => r.json);

  beforeAll(async () => {
    s = await startTestServer();
    [owner] = await signedUp(s.base, 'Owner');
    space = await spaceWith(owner);
  });
  afterAll(async () => { await s?.close(); });

  it('a go-live on a day that does not exist (计划2/30上线) gives no due date', async () => {
    const text = '# 2024-W31\n\n## 【O1 业务服务】\n\n- 物保进度50%，计划2/30上线\n- 收银台改版，计划2/29上线\n\n## 【风险与求助】\n\n- 资源不足，4/31前解决\n';
    const r = await owner.call('POST', `/api/spaces/${space}/import`, text, md);
    expect(r.status, r.text).toBe(201);
    const got = await items(r.json.report.id);
    expect(got.okrs.map((o: any) => o.due)).toEqual([null, '2024-02-29']);
    expect(got.risks.map((o: any) => o.due)).toEqual([null]);
  });

  it('fields written over the sync socket are checked: no due 2024-13-45, no incident start "yesterday", no negative duration', async () => {
    const r0 = await owner.call('POST', `/api/spaces/${space}/import`, readSample('2024-W12'), md);
    expect(r0.status).toBe(201);
    const id = r0.json.report.id;
    const c = connect(owner, id);
    await c.synced;
    const all = (name: string) => {
      const out: Y.XmlElement[] = [];
      const walk = (n: Y.XmlFragment | Y.XmlElement) => { for (const x of n.toArray()) if (x instanceof Y.XmlElement) { if (x.nodeName === name) out.push(x); walk(x); } };
      walk(c.frag);
      return out;
    };
    const [okr] = all('okrItem');
    const [first, second] = all('incident');
    c.doc.transact(() => {
      okr.setAttribute('due', '2024-13-45');
      first.setAttribute('start', 'yesterday');
      first.setAttribute('end', '2024-02-30T25:00');
      first.setAttribute('durationMinutes', -1e12 as never);
      second.setAttribute('durationMinutes', 1e12 as never);
    });
    const got = await eventually(async () => {
      const x = await items(id);
      return x.okrs[0].due !== '2024-03-28' ? x : null;
    }, 'edits indexed');
    c.close();
    expect(got.okrs[0].due).toBeNull();
    expect(got.incidents[0]).toMatchObject({ start: null, end: null, durationMinutes: null });
    expect(got.incidents[1].durationMinutes).toBeNull();
  });
});
