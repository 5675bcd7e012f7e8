import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { pageAs } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, sleep, spaceWith } from '../helpers/client.js';
import { docJson } from '../../server/domain/docJson.js';
import { nodeText } from '../../shared/blocks/text.js';

const web = webApp();
const editorOf = (page: Page) => page.locator('.ProseMirror');

/** The report's text as the server holds it now (its open room). */
async function serverText(reportId: string): Promise<string> {
  const room = await web.server.rooms.peek(reportId);
  return room ? nodeText(docJson(room.doc)) : '';
}

it('what an input method is still composing (pinyin letters) never reaches the server; the chosen characters do', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann);
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W30' })).json.id as string;
  const page = await pageAs(web.browser, web.server.base, ann);
  await page.goto(`/r/${reportId}`);
  await editorOf(page).waitFor({ state: 'visible', timeout: 30_000 });
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 30_000 }).toBe('connected');
  await editorOf(page).click();
  await page.keyboard.type('进度：');
  await expect.poll(() => serverText(reportId), { timeout: 30_000 }).toContain('进度：');

  // An input method composes `zhi` (as Chrome reports a pinyin IME's preedit text), and the person takes their time.
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['z', 'zh', 'zhi']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await expect.poll(() => editorOf(page).innerText(), { timeout: 10_000 }).toContain('进度：zhi');
  await sleep(1500); // past the save probe and the server's stores
  expect(await serverText(reportId)).not.toContain('zhi');
  expect(await page.getByTestId('connection').getAttribute('data-saved')).not.toBe('yes');

  // The candidate is chosen: the characters, and only they, reach the server.
  await cdp.send('Input.insertText', { text: '知' });
  await expect.poll(() => serverText(reportId), { timeout: 30_000 }).toContain('进度：知');
  expect(await serverText(reportId)).not.toContain('zhi');
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-saved'), { timeout: 30_000 }).toBe('yes');
  await page.context().close();
});

// Walkthrough: the search box searched what an input method was still composing: typing 好店 by pinyin showed
// "nothing found for haodian" on the way. Only the chosen characters are searched.
it('search waits for the input method: pinyin being composed is not searched, the chosen characters are', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann);
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W31' })).json.id as string;
  const seed = await ann.call('POST', `/api/spaces/${spaceId}/import?week=2024-W32`, '# 2024-W32\n\n## 【重点工作】\n\n- 【好店】\n  - 商户入驻联调中\n', { 'content-type': 'text/markdown' });
  expect(seed.status).toBe(201);
  const page = await pageAs(web.browser, web.server.base, ann);
  const searched: string[] = [];
  page.on('request', (r) => { const q = new URL(r.url()).searchParams.get('q'); if (r.url().includes('/search') && q) searched.push(q); });
  await page.goto(`/r/${reportId}`);
  await editorOf(page).waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+K');
  const box = page.locator('.sr-input');
  await box.waitFor({ timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['h', 'ha', 'hao', 'haod', 'haodian']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe('haodian');
  await sleep(800); // past the box's wait before it searches
  expect(searched).toEqual([]);
  expect(await page.locator('.sr-empty', { hasText: 'haodian' }).count()).toBe(0);
  await cdp.send('Input.insertText', { text: '好店' });
  await expect.poll(() => page.locator('.sr-hit').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(searched.every((q) => q === '好店')).toBe(true);
  await page.context().close();
});
