// A report on a phone (390×844, issue 11): the save state and History are in the report bar, on screen, and History
// opens; a KPI table scrolls sideways instead of being clipped; numeric fields show their whole value (21.95, not 21.9).
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resultsDir } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, p, poll, quarterSummary, seedReport, seen } from '../helpers/reportPage.js';

const web = webApp();

const PHONE = { width: 390, height: 844 };

/** Wholly inside the window (not off to the side of a bar that scrolls, not under something). */
async function onScreen(page: Page, l: Locator) {
  const box = await l.boundingBox();
  if (!box) return false;
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width + 0.5 && box.y + box.height <= PHONE.height;
  const hit = await l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!top && (el === top || el.contains(top));
  });
  return inside && hit;
}

/** The text of an input fits in it (nothing cut off). */
const showsWhole = (l: Locator) => l.evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth + 1);

it('on a phone the save state and History are in reach, KPI tables scroll sideways, numbers show whole', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'okrItem', attrs: { blockId: 'okr1', project: '实时数仓', progress: 21.95 }, content: [p('实时数仓，业务接入技术方案评审完毕。整体进度21.95%，预计4月底完成')] },
    { type: 'kpiTable', attrs: { blockId: 'kpi1', title: '系统运行数据' }, content: [
      { type: 'kpiRow', attrs: { blockId: 'r1', name: '入金有效成功率', value: 99.997, unit: '%', target: 99.99 } },
      { type: 'kpiRow', attrs: { blockId: 'r2', name: '出金有效成功率', value: 99.976, unit: '%', target: 99.95 } },
    ] },
    p('正文'),
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada, PHONE);
  await openReport(page, reportId);
  await seen(page.locator('[data-block-id="kpi1"]'));

  // The report bar: the save state and History on screen, without scrolling the bar; History opens its panel.
  const conn = page.getByTestId('connection');
  await poll(() => conn.getAttribute('data-saved')).toBe('yes');
  expect(await onScreen(page, conn)).toBe(true);
  const history = page.locator('.report-bar').getByRole('button', { name: 'History' });
  expect(await onScreen(page, history)).toBe(true);
  await page.screenshot({ path: path.join(resultsDir(), 'phone-report.png') });
  await history.click();
  await seen(page.getByRole('complementary', { name: 'Version history' }));
  expect(await onScreen(page, page.getByRole('button', { name: 'Close history' }))).toBe(true);
  await page.getByRole('button', { name: 'Close history' }).click();

  // Numbers show whole: 21.95 in the progress field, 99.997 in a KPI cell.
  const progress = page.locator('[data-block-id="okr1"]').getByLabel('Progress', { exact: true });
  expect(await progress.inputValue()).toBe('21.95');
  expect(await showsWhole(progress)).toBe(true);
  const value = page.locator('[data-block-id="r1"]').getByLabel('Value');
  expect(await showsWhole(value)).toBe(true);

  // The KPI table scrolls sideways: wider than the screen, its last columns reachable by scrolling it (not the page).
  const scroller = page.locator('[data-block-id="kpi1"] .cb-kpi-scroll');
  const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(['auto', 'scroll']).toContain(sizes.overflow);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width); // the page itself does not scroll sideways
  const target = page.locator('[data-block-id="r2"]').getByLabel('Target');
  await target.scrollIntoViewIfNeeded();
  await poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await onScreen(page, target)).toBe(true);
  await target.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('99.96');
  await page.keyboard.press('Enter');
  await poll(() => target.inputValue()).toBe('99.96');
  await page.screenshot({ path: path.join(resultsDir(), 'phone-kpi-scrolled.png') });
  await context.close();
}, 180_000);

// The space's pages on a phone, in Chinese: nothing makes the page itself scroll sideways (the projects table was
// 100 px wider than the screen); a table too wide for it scrolls inside its own frame.
it('on a phone no page of a space is wider than the screen; wide tables scroll in their own frame', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const weeks = ['2024-W24', '2024-W25'];
  let lastReport = '';
  for (const [i, week] of weeks.entries()) {
    lastReport = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
    await seedReport(ada, lastReport, [
      { type: 'objective', attrs: { blockId: `o${i}`, code: 'O1', title: '业务服务' } },
      { type: 'okrItem', attrs: { blockId: `a${i}`, project: '跨境收款通道二期建设与多币种清结算改造', progress: 40 + i * 10, due: '2024-07-31', status: 'on_track' }, content: [p('跨境收款通道二期：联调中')] },
      { type: 'okrItem', attrs: { blockId: `b${i}`, project: '商户结算', progress: null }, content: [p('商户结算：方案评审')] },
      { type: 'kpiTable', attrs: { blockId: `k${i}`, title: '系统运行数据' }, content: [
        { type: 'kpiRow', attrs: { blockId: `r${i}`, name: '入金有效成功率', value: [99.99, 99.98][i], unit: '%', target: 99.95 } },
      ] },
    ]);
  }
  await poll(async () => (await ada.call('GET', `/api/spaces/${spaceId}/projects`)).json?.projects?.length ?? 0).toBe(2);
  const { context, page } = await browserAs(web.browser, web.server.base, ada, PHONE, 'zh-CN');
  // How far the page scrolls sideways, and what is past the screen's right edge without a frame of its own that
  // scrolls (cut off by a container, or out of reach).
  const wider = () => page.evaluate(() => {
    const out: string[] = [];
    const by = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;
    if (by > 1) out.push(`the page is ${by}px wider than the screen`);
    // A frame of the page's own (a table's), not the app's content area scrolling the whole page sideways.
    const pageEl = document.querySelector('.page');
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== pageEl && e !== document.body; e = e.parentElement) {
        const x = getComputedStyle(e).overflowX;
        if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll<HTMLElement>('main *, .page *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= window.innerWidth + 1 || getComputedStyle(el).position === 'fixed') continue;
      if (!scrolls(el.parentElement)) { out.push(`${el.tagName.toLowerCase()}.${el.className} ends ${Math.round(r.right - window.innerWidth)}px past the screen`); break; }
    }
    // A table's cells squeezed to fit: a name chip one character wide, a line per character.
    for (const chip of document.querySelectorAll<HTMLElement>('.db-aliases .chip')) {
      if (chip.getBoundingClientRect().width < 3.5 * parseFloat(getComputedStyle(chip).fontSize)) { out.push(`the name chip "${chip.textContent}" is squeezed to ${Math.round(chip.getBoundingClientRect().width)}px wide`); break; }
    }
    return out;
  });
  const pages = [
    [`/s/${spaceId}`, '.page'],
    [`/s/${spaceId}/projects`, '.db-projects'],
    [`/s/${spaceId}/dashboard`, '.db-table'],
    [`/s/${spaceId}/projects/${encodeURIComponent('跨境收款通道二期建设与多币种清结算改造')}`, '.page'],
    [`/s/${spaceId}/kpis/${encodeURIComponent('入金有效成功率')}`, '.db-table'],
    [`/s/${spaceId}/members`, '.page'],
    [`/s/${spaceId}/search?q=${encodeURIComponent('结算')}`, '.page'],
  ] as const;
  const problems: string[] = [];
  for (const [url, ready] of pages) {
    await page.goto(url);
    await seen(page.locator(ready));
    await page.waitForTimeout(300);
    const found = await wider();
    if (url.endsWith('/projects') || url === `/s/${spaceId}`) await page.screenshot({ path: path.join(resultsDir(), `phone-${url.endsWith('/projects') ? 'projects' : 'space'}.png`), fullPage: true });
    if (found.length) {
      problems.push(`${url}: ${found.join('; ')}`);
      await page.screenshot({ path: path.join(resultsDir(), `phone-wide-${problems.length}.png`), fullPage: true });
    }
  }
  // A period summary generated on the dashboard (walkthrough: the page grew to 552 px, its tables and text cut off).
  await quarterSummary(page, spaceId, '2024', 2);
  await page.waitForTimeout(300);
  const found = await wider();
  if (found.length) {
    problems.push(`summary: ${found.join('; ')}`);
    await page.screenshot({ path: path.join(resultsDir(), 'phone-wide-summary.png'), fullPage: true });
  }
  expect(problems).toEqual([]);
  await context.close();
}, 180_000);

// Walkthrough: on a phone the ☰ button scrolled away with a long report, so leaving the report meant scrolling back
// to its top. It stays at the top of the screen, with the report bar under it.
it('on a phone the ☰ button and the report bar stay on screen at the end of a long report', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada, [], '支付研发');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id as string;
  await seedReport(ada, reportId, Array.from({ length: 80 }, (_, i) => p(`第${i + 1}段：收银台改版联调进展`)));
  const { context, page } = await browserAs(web.browser, web.server.base, ada, PHONE);
  await openReport(page, reportId);
  const last = page.locator('.ProseMirror p', { hasText: '第80段' });
  await last.scrollIntoViewIfNeeded();
  await poll(() => page.locator('main.main').evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  const menu = page.getByRole('button', { name: 'Open navigation' });
  expect(await onScreen(page, menu)).toBe(true);
  expect(await onScreen(page, page.getByTestId('connection'))).toBe(true);
  // The bar names the space (it said only Cadence: walkthrough).
  expect(await page.getByTestId('mobile-space').innerText()).toBe('支付研发');
  expect(await onScreen(page, page.getByTestId('mobile-space'))).toBe(true);
  const [bar, report] = [await page.locator('.mobile-bar').boundingBox(), await page.locator('.report-bar').boundingBox()];
  expect(report!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1); // under it, not beneath it
  await page.screenshot({ path: path.join(resultsDir(), 'phone-long-report.png') });
  await menu.click();
  await poll(() => onScreen(page, page.locator('.sidebar').getByText('2024-W13'))).toBe(true);
  await context.close();
}, 120_000);
