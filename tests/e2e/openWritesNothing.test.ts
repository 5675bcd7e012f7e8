// Walkthrough: opening an imported report in the editor wrote to it. Its last block is a list, and TipTap keeps an
// empty paragraph after a last block that is not one (its trailing node), adding it as soon as the report is
// shown. So whoever opened a report first was its latest writer (the report list said it had just been updated),
// and two people opening it together left two empty lines. Reports the server writes now end in that paragraph.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, seen } from '../helpers/reportPage.js';
import { readSample, sampleNames } from '../helpers/samples.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('opening a report imported or started from last week changes nothing in it', async () => {
  const [ann, bo] = await signedUp(web.server.base, 'Ann', 'Bo');
  const spaceId = await spaceWith(ann, [[bo, 'editor']], '支付研发');
  const ids: string[] = [];
  for (const name of sampleNames) {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, readSample(name), { 'content-type': 'text/markdown' });
    expect(r.status, r.text).toBe(201);
    ids.push(r.json.report.id);
  }
  const next = await ann.call('POST', `/api/reports/${ids.at(-1)}/next`);
  expect(next.status, next.text).toBe(201);
  ids.push(next.json.id);

  // Two people open each report at once, in the editor, and only look.
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  const b = await browserAs(web.browser, web.server.base, bo, undefined, 'zh-CN');
  for (const id of ids) {
    const before = (await ann.call('GET', `/api/reports/${id}`)).json.updatedAt;
    await Promise.all([openReport(a.page, id), openReport(b.page, id)]);
    await Promise.all([seen(a.page.locator('.ProseMirror')), seen(b.page.locator('.ProseMirror'))]);
    // A stored edit touches the report's time 2 s later.
    await a.page.waitForTimeout(4000);
    expect((await ann.call('GET', `/api/reports/${id}`)).json.updatedAt).toBe(before);
  }
  await a.context.close();
  await b.context.close();
}, 180_000);
