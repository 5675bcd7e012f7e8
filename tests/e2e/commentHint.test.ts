// Walkthrough: on a phone the comment box said "Ctrl+Enter 发送", a key a phone does not have. The hint now follows
// the device: Ctrl+Enter with a mouse and keyboard, ⌘+Enter on a Mac, none on a touch-only device (it sends with
// its button).
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { signInContext } from '../helpers/browser.js';
import { openReport, p, seedReport, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the comment box names the send keys a device has, and none on a phone', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [p('本周进展')]);
  const placeholder = async (device: { viewport: { width: number; height: number }; hasTouch?: boolean; isMobile?: boolean }) => {
    const context = await web.browser.newContext({ baseURL: web.server.base, locale: 'zh-CN', ...device });
    await signInContext(context, ann, web.server.base);
    const page = await context.newPage();
    await openReport(page, reportId);
    await page.getByRole('button', { name: '评论', exact: true }).click();
    const box = page.getByRole('textbox', { name: '新评论' });
    await seen(box);
    const text = await box.getAttribute('placeholder');
    await context.close();
    return text;
  };
  expect(await placeholder({ viewport: { width: 1280, height: 900 } })).toBe('添加评论…（@ 提及成员，Ctrl+Enter 发送）');
  expect(await placeholder({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).toBe('添加评论…（@ 提及成员）');
}, 120_000);
