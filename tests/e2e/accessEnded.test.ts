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
  const bar = page.locator('.report-bar');
  await seen(bar.getByRole('button', { name: '历史' }));
  await seen(page.getByTestId('rhythm-status'));

  expect((await ann.call('DELETE', `/api/spaces/${spaceId}/members/${li.id}`)).status).toBe(200);

  const alert = page.getByRole('alert').filter({ hasText: '你已不在这个空间中' });
  await seen(alert);
  await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('removed');
  expect(await page.getByTestId('connection').innerText()).toContain('已无权访问');
  await poll(() => editor.getAttribute('contenteditable')).toBe('false');
  // Nothing that can no longer work is offered (walkthrough: history, next week and export stayed, and failed).
  await poll(() => bar.getByRole('button').count()).toBe(0);
  expect(await bar.getByRole('link', { name: /Markdown/ }).count()).toBe(0);
  // Nor the weekly rhythm's cards and their 提醒 buttons (walkthrough: they stayed under the banner).
  await poll(() => page.getByTestId('rhythm-status').count()).toBe(0);
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

// Walkthrough and probe: an editor made a viewer while the report was open went on typing into an editable page
// that said 已保存, while the server dropped every edit; after a reload the page showed those edits as the report,
// and when the owner made them an editor again the stale text landed unseen.
it('a member demoted while their report is open is told, stops editing, and edits the server never took are dropped from the page', async () => {
  const [ann, li] = await signedUp(web.server.base, 'Ann', 'Li');
  const spaceId = await spaceWith(ann, [[li, 'editor']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W14' })).json.id as string;
  await seedReport(ann, reportId, [p('本周进展')]);
  const { context, page } = await browserAs(web.browser, web.server.base, li, { width: 1280, height: 900 }, 'zh-CN');
  await openReport(page, reportId);
  const editor = page.locator('.ProseMirror');
  await seen(editor);
  await poll(() => page.getByTestId('connection').getAttribute('data-saved')).toBe('yes');
  const setRole = async (role: string) => expect((await ann.call('POST', `/api/spaces/${spaceId}/members`, { email: li.email, role })).status).toBe(201);
  const stored = async () => (await ann.call('GET', `/api/reports/${reportId}/markdown`)).text;

  // Demoted while reading: told at once, and the page takes no more edits.
  await setRole('viewer');
  await seen(page.getByTestId('role-changed').filter({ hasText: '你的角色已变为查看者' }));
  await poll(() => editor.getAttribute('contenteditable')).toBe('false');
  expect(await page.getByText('只读 · 查看者').count()).toBeGreaterThan(0);

  // Made an editor again: told, and editing works.
  await setRole('editor');
  await seen(page.getByTestId('role-changed').filter({ hasText: '可以编辑了' }));
  await poll(() => editor.getAttribute('contenteditable')).toBe('true');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('，恢复编辑后写的');
  await eventually(async () => (await stored()).includes('恢复编辑后写的'), 'the editor writes again', 15_000);

  // Offline, Li types; meanwhile Ann makes Li a viewer. Back online, the server refuses the edits (4405): the page
  // drops them and shows what the server has, and says so.
  await poll(() => page.getByTestId('connection').getAttribute('data-saved')).toBe('yes');
  await context.setOffline(true);
  await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('offline');
  await page.keyboard.type('，离线时写的');
  await setRole('viewer');
  await context.setOffline(false);
  await seen(page.getByTestId('role-changed').filter({ hasText: '还没保存的修改已无法保存' }));
  await poll(() => page.locator('.ProseMirror').innerText()).not.toContain('离线时写的');
  await poll(() => page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
  // After a reload too, and when Li may write again, the dropped text never lands.
  await page.reload();
  await seen(page.locator('.ProseMirror'));
  await page.waitForTimeout(1000);
  expect(await page.locator('.ProseMirror').innerText()).not.toContain('离线时写的');
  await setRole('editor');
  await page.waitForTimeout(2000);
  expect(await stored()).not.toContain('离线时写的');
  expect(await stored()).toContain('恢复编辑后写的');
  await context.close();
}, 180_000);

it('a viewer made commenter while the report is open is told and the page shows the new role, and back (it went on as before)', async () => {
  const [ann, li] = await signedUp(web.server.base, 'Ann', 'Li');
  const spaceId = await spaceWith(ann, [[li, 'viewer']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W15' })).json.id as string;
  await seedReport(ann, reportId, [p('本周进展')]);
  const { context, page } = await browserAs(web.browser, web.server.base, li, { width: 1280, height: 900 }, 'zh-CN');
  await openReport(page, reportId);
  await seen(page.getByText('只读 · 查看者'));
  const setRole = async (role: string) => expect((await ann.call('POST', `/api/spaces/${spaceId}/members`, { email: li.email, role })).status).toBe(201);

  await setRole('commenter');
  await seen(page.getByTestId('role-changed').filter({ hasText: '你的角色已变为评论者：可以阅读和评论' }));
  await seen(page.getByText('只读 · 评论者'));
  expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');

  await setRole('viewer');
  await seen(page.getByTestId('role-changed').filter({ hasText: '你的角色已变为查看者' }));
  await seen(page.getByText('只读 · 查看者'));
  await context.close();
}, 120_000);
