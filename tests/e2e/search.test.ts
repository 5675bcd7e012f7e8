// Search in the browser: Ctrl+K opens the palette, results come as you type grouped by week, Enter lands on
// the block in its report, scrolled into view and flashed. Also renders the dashboard and a project timeline.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { resultsDir } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { browserAs } from '../helpers/reportPage.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { samplesDir } from '../helpers/samples.js';

const SAMPLES = samplesDir;
let ann: TestUser;
let spaceId: string;
const ids: Record<string, string> = {};
const web = webApp();
beforeAll(async () => {
  [ann] = await signedUp(web.server.base, 'Ann');
  spaceId = await spaceWith(ann);
  for (const week of ['2024-W12', '2024-W25', '2024-W34']) {
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, fs.readFileSync(path.join(SAMPLES, `${week}.md`), 'utf8'), { 'content-type': 'text/markdown' });
    if (r.status !== 201) throw new Error(`import ${week}: ${r.text}`);
    ids[week] = r.json.report.id;
  }
});

const pageAs = async (user: TestUser) => (await browserAs(web.browser, web.server.base, user, { width: 1360, height: 900 })).page;

it('searches from the palette and lands on the block', async () => {
  const page = await pageAs(ann);
  await page.goto(`/s/${spaceId}`); // opening the space makes it the one the palette searches
  await page.locator('h1', { hasText: 'Payments' }).waitFor();
  await page.keyboard.press('Control+k');
  const input = page.getByRole('dialog', { name: 'Search reports' }).getByLabel('Search', { exact: true });
  await input.waitFor();
  await input.fill('物保三期');
  const first = page.locator('.sr-hit').first();
  await first.waitFor();
  await expect.poll(() => page.locator('.sr-week').allInnerTexts()).toEqual([expect.stringContaining('2024-W12')]);
  expect(await first.locator('mark').first().innerText()).toBe('物保三期');
  await page.screenshot({ path: path.join(resultsDir(), 'search-palette.png') });

  // Two-character Chinese and Latin in any case, grouped newest week first.
  await input.fill('docai');
  await expect.poll(() => page.locator('.sr-week').allInnerTexts()).toEqual([expect.stringContaining('2024-W34'), expect.stringContaining('2024-W25')]);
  await input.fill('物保三期');
  await expect.poll(() => page.locator('.sr-hit.is-active .sr-project').innerText()).toBe('物保三期');

  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/r/${ids['2024-W12']}`);
  // Landed: the place is highlighted (data-search-hit) and in view; the URL's block parameter is spent once there.
  const landed = page.locator('[data-search-hit]');
  await landed.waitFor();
  const blockId = await landed.evaluate((el) => (el.matches('[data-block-id]') ? el : el.querySelector('[data-block-id]'))?.getAttribute('data-block-id'));
  const items = (await ann.call('GET', `/api/reports/${ids['2024-W12']}/items`)).json;
  expect(items.okrs.find((o: any) => o.project === '物保三期').blockId).toBe(blockId);
  const inView = (l: typeof landed) => l.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; });
  await expect.poll(() => inView(landed)).toBe(true);
  expect(await landed.innerText()).toContain('物保三期');
  await expect.poll(() => new URL(page.url()).searchParams.has('block')).toBe(false);

  // A text hit (a line outside any block, here under 【其他】) lands on that very line, not on the block above it
  // (the incident); with the report already open, straight away.
  await page.keyboard.press('Control+k');
  await input.fill('支付中心立项');
  await expect.poll(() => page.locator('.sr-hit.is-active').getAttribute('data-kind')).toBe('text');
  await page.keyboard.press('Enter');
  await expect.poll(() => landed.innerText()).toContain('金融&支付中心立项评审');
  expect(await landed.locator('.cb').count()).toBe(0); // a line, no block
  expect(await page.locator('.cb-incident[data-search-hit], [data-search-hit] .cb-incident').count()).toBe(0);
  await expect.poll(() => inView(landed)).toBe(true);
  // and another in a report not open yet: the week opens at that line
  await page.keyboard.press('Control+k');
  await input.fill('事故数AB级');
  await expect.poll(() => page.locator('.sr-hit').count()).toBeGreaterThan(1);
  const w25 = page.locator('.sr-group', { hasText: '2024-W25' }).locator('.sr-hit[data-kind="text"]').first();
  await w25.click();
  await page.waitForURL((u) => u.pathname === `/r/${ids['2024-W25']}`);
  await expect.poll(() => landed.innerText()).toContain('事故数AB级');
  await expect.poll(() => inView(landed)).toBe(true);
  await page.screenshot({ path: path.join(resultsDir(), 'search-landed.png') });
  await page.context().close();
});

it('shows the full results page, the dashboard and a project timeline', async () => {
  const page = await pageAs(ann);
  await page.goto(`/s/${spaceId}/search?q=${encodeURIComponent('贝易转')}`);
  await expect.poll(() => page.locator('.sr-page-week a').allInnerTexts()).toEqual(['2024-W34', '2024-W25', '2024-W12']);
  // A query longer than the server takes (a pasted paragraph): searched for its first 200 characters, and the field
  // stops there; it showed only "invalid input".
  await page.goto(`/s/${spaceId}/search?q=${encodeURIComponent('贝易转' + ' '.repeat(300) + 'x'.repeat(300))}`);
  await expect.poll(() => page.locator('.sr-page-week a').allInnerTexts()).toEqual(['2024-W34', '2024-W25', '2024-W12']);
  expect(await page.locator('.sr-error').count()).toBe(0);
  const field = page.getByLabel('Search', { exact: true });
  await field.fill('贝'.repeat(500));
  expect((await field.inputValue()).length).toBe(200);

  await page.goto(`/s/${spaceId}/dashboard`);
  await page.locator('.db-card h3', { hasText: 'OKRs of 2024-W34' }).waitFor(); // the space's last week, not this one
  expect(await page.locator('.section-title').first().innerText()).toContain('2024-W34');
  await expect.poll(() => page.locator('.db-kpi-name').allInnerTexts()).toContain('入金有效成功率');
  await page.locator('.recharts-surface').first().waitFor();
  await page.setViewportSize({ width: 1360, height: 2000 }); // the app's main pane scrolls itself: a tall window shows it all
  await page.screenshot({ path: path.join(resultsDir(), 'dashboard.png') });

  await page.goto(`/s/${spaceId}/projects/${encodeURIComponent('贝易转')}`);
  await expect.poll(() => page.locator('.db-tl-week').allInnerTexts()).toEqual(['2024-W34', '2024-W25', '2024-W12']);
  await page.screenshot({ path: path.join(resultsDir(), 'project-timeline.png') });
  await page.context().close();
});
