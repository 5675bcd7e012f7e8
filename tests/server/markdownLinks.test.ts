import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

/** Every link destination a CommonMark reader (the importer's own parser) finds in the text. */
function urls(markdown: string): string[] {
  const found: string[] = [];
  const walk = (n: any) => {
    if (n.type === 'link' || n.type === 'definition') found.push(n.url);
    n.children?.forEach(walk);
  };
  walk(fromMarkdown(markdown));
  return found;
}

it('exports javascript:, vbscript: and data: links as their text only, and keeps ordinary links', async () => {
  const [owner] = await signedUp(s.base, 'Exporter');
  const space = (await owner.call('POST', '/api/spaces', { name: 'Links' })).json.id;
  const md = [
    '# 2024-W20', '', '## 【O1 业务服务】', '',
    '1. 支付网关：[run](javascript:alert(1)) and [shout](JaVaScRiPt:alert(2))',
    '2. 清结算：[vb](vbscript:msgbox) and [blob](data:text/html;base64,PHNjcmlwdD4=)',
    // Written escaped, so the stored href keeps the entities; an export that let them through would read as javascript:.
    '3. 风控：[entity](\\&#x6A;avascript\\&#x3A;alert(3)) and [angle](\\<javascript:alert(4)\\>)',
    '4. 账务：[docs](https://example.com/a?x=1&y=2) and [wiki](/wiki/page) and [mail](mailto:ops@example.com)',
  ].join('\n');
  const imp = await owner.call('POST', `/api/spaces/${space}/import`, md, { 'content-type': 'text/markdown' });
  expect(imp.status).toBe(201);

  const r = await owner.call('GET', `/api/reports/${imp.json.report.id}/markdown`);
  expect(r.status).toBe(200);
  for (const word of ['run', 'shout', 'vb', 'blob', 'entity', 'angle', 'docs', 'wiki', 'mail']) expect(r.text).toContain(word);
  const found = urls(r.text);
  expect(found).toEqual(expect.arrayContaining(['https://example.com/a?x=1&y=2', '/wiki/page', 'mailto:ops@example.com']));
  // As a browser reads a URL: controls and spaces dropped, scheme in any case.
  const scheme = (u: string) => /^([a-z][a-z0-9+.-]*):/i.exec(u.replace(/[\u0000-\u0020]/g, ''))?.[1].toLowerCase() ?? null;
  expect(found.filter((u) => ['javascript', 'vbscript', 'data'].includes(scheme(u) ?? ''))).toEqual([]);
});
