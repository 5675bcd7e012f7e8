// Issue 13: a comment posted by one person shows for another without a reload, through the query layer: the
// report's event stream marks the comments query stale, TanStack Query refetches it, the panel and the toolbar's
// count follow. The page is never reloaded (a marker set on window survives), and the refetch is seen on the wire.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { personContext, signInContext } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { readSample } from '../helpers/samples.js';

const web = webApp();

async function open(user: TestUser, reportId: string, lang = 'en-US'): Promise<Page> {
  const { context, page } = await personContext(web.browser, web.server.base, lang);
  await signInContext(context, user, web.server.base);
  await page.goto(`/r/${reportId}`);
  await page.locator('.cb-okr').first().waitFor({ timeout: 30_000 });
  return page;
}

it("one person's comment appears for the other without a reload, refetched by the query layer when the event stream says so", async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']], 'Live');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/import`, readSample('2024-W12'), { 'content-type': 'text/markdown' })).json.report.id;
  const a = await open(ada, reportId);
  const b = await open(bo, reportId, 'zh-CN');

  // Bo has the panel open, in Chinese; a marker on window tells a reload apart.
  await b.evaluate(() => { (window as unknown as { marker: string }).marker = 'still here'; });
  await b.getByRole('button', { name: '评论' }).first().click();
  await b.getByText('没有未解决的讨论。').waitFor();
  const refetches: string[] = [];
  b.on('request', (r) => { if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/reports/${reportId}/comments`) refetches.push(r.url()); });

  // Ada comments on an OKR item through her panel.
  await a.locator('.cb-okr p').first().click();
  await a.getByRole('button', { name: 'Comments' }).click();
  await a.getByLabel('New comment').fill('上线时间确认了吗？');
  await a.getByRole('button', { name: 'Comment', exact: true }).click();

  // Bo sees it: the thread in the panel, the count on the toolbar's button, the badge on the block.
  const thread = b.locator('.thread', { hasText: '上线时间确认了吗？' });
  await thread.waitFor({ timeout: 30_000 });
  await expect.poll(() => b.locator('.count-badge').first().innerText()).toBe('1');
  await expect.poll(() => b.locator('.ProseMirror [data-comment-count="1"]').count()).toBe(1);
  expect(await thread.innerText()).toContain('Ada');
  expect(refetches.length, 'the comments query was refetched').toBeGreaterThanOrEqual(1);
  expect(await b.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');

  // And back: Bo replies, Ada's thread shows the reply, also without a reload.
  await a.evaluate(() => { (window as unknown as { marker: string }).marker = 'still here'; });
  await thread.getByRole('button', { name: '回复' }).click();
  await b.getByLabel('回复').fill('确认了，3/28');
  await thread.getByRole('button', { name: '回复', exact: true }).last().click();
  await a.locator('.thread .comment-body', { hasText: '确认了，3/28' }).waitFor({ timeout: 30_000 });
  expect(await a.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
  await a.context().close();
  await b.context().close();
});
