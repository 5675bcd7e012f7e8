// Walkthrough: an owner removed a member whose report was open. The server closed the member's socket at once, but
// the page went on as if nothing had happened — editable, the whole space in the sidebar, the badge saying
// "正在重新连接…" for good — and everything typed from then on was silently lost. Now the page says the person is
// no longer in the space, stops taking edits, and the sidebar drops the space.
import { expect, it } from 'vitest';
import { eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a member removed while their report is open is told so, and the page stops taking edits', async () => {
  const [ann, li] = await signedUp(web.server.base, 'Ann', 'Li');
  const spaceId = await spaceWith(ann, [[li, 'editor']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id as string;
  await seedReport(ann, reportId, [p('本周进展')]);
  const { context, page } = await browserAs(web.browser, web.server.base, li, { width: 1280, height: 900 }, 'zh-CN');
  await openReport(page, reportId);
  const editor = page.locator('.ProseMirror');
  await seen(editor);
  await poll(() => page.getByTestId('connection').getAttribute('data-saved')).toBe('yes');
  await seen(page.getByRole('link', { name: '支付研发' }));

  expect((await ann.call('DELETE', `/api/spaces/${spaceId}/members/${li.id}`)).status).toBe(200);

  const alert = page.getByRole('alert').filter({ hasText: '你已不在这个空间中' });
  await seen(alert);
  await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('removed');
  expect(await page.getByTestId('connection').innerText()).toContain('已无权访问');
  await poll(() => editor.getAttribute('contenteditable')).toBe('false');
  // Typing does nothing: the page does not pretend to keep it.
  await editor.click();
  await page.keyboard.type('移除后继续输入');
  expect(await editor.innerText()).not.toContain('移除后继续输入');
  // The sidebar no longer offers the space; the page stays as it is (no reconnecting).
  await poll(() => page.locator('nav').getByRole('link', { name: '支付研发' }).count()).toBe(0);
  await page.waitForTimeout(1500);
  expect(await page.getByTestId('connection').getAttribute('data-state')).toBe('removed');
  // Nothing of it reached the report.
  await eventually(async () => !(await ann.call('GET', `/api/reports/${reportId}/markdown`)).text.includes('移除后'), 'nothing stored');
  await context.close();
}, 120_000);
