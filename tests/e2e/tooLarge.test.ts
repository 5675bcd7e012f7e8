import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { personContext, signInContext } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith } from '../helpers/client.js';

/**
 * A report has a size limit (server/sync/room.ts; here a small one). Someone who pastes past it is told, in their
 * language, that the edit is not saved, and what to do; once they remove it, the report saves again. Nothing they
 * typed before is lost.
 */
const web = webApp({ roomLimits: { maxDocBytes: 24 * 1024 } });
const editorOf = (page: Page) => page.locator('.ProseMirror');
const badge = (page: Page) => page.getByTestId('connection');

it('says in Chinese that a paste past the size limit is not saved, and saves again once it is removed', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada, []);
  const report = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W31' })).json;
  const { page } = await personContext(web.browser, web.server.base, 'zh-CN');
  await signInContext(page.context(), ada, web.server.base);
  await page.goto(`/r/${report.id}`);
  await editorOf(page).waitFor({ state: 'visible', timeout: 20_000 });
  await editorOf(page).click();
  await page.keyboard.type('本周进度正常');
  await expect.poll(() => badge(page).getAttribute('data-saved'), { timeout: 20_000 }).toBe('yes');

  await page.waitForTimeout(800); // a separate step in the undo history
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('贝'.repeat(12_000)); // 36 kB of UTF-8: past the limit
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('tooLarge');
  await expect.poll(() => badge(page).textContent()).toContain('内容过大，无法保存');
  expect(await badge(page).getAttribute('title')).toContain('请删除');

  // Undo the paste: the report saves again, with what was typed before it.
  await page.keyboard.press('Control+z');
  await expect.poll(() => badge(page).getAttribute('data-saved'), { timeout: 30_000 }).toBe('yes');
  expect(await badge(page).getAttribute('data-state')).toBe('connected');
  const md = await ada.call('GET', `/api/reports/${report.id}/markdown`);
  expect(md.text).toContain('本周进度正常');
  expect(md.text).not.toContain('贝贝贝');
  await page.context().close();
});
