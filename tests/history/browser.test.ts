import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resultsDir, pageAs as signedInPage } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { samplesDir } from '../helpers/samples.js';
import { browserAs, openReport, p, seedReport } from '../helpers/reportPage.js';

const samples = samplesDir;

const web = webApp();

async function pageAs(user: TestUser): Promise<Page> {
  const page = await signedInPage(web.browser, web.server.base, user);
  return page;
}

it('views a version with its changes marked, restores it while another editor watches, and starts next week', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const md = fs.readFileSync(path.join(samples, '2024-W25.md'), 'utf8');
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/import`, md, { 'content-type': 'text/markdown' })).json.report.id;
  const saved = await ada.call('POST', `/api/reports/${reportId}/history`);
  expect(saved.status).toBe(201);

  const a = await pageAs(ada);
  const b = await pageAs(bo);
  await a.goto(`/r/${reportId}`);
  await b.goto(`/r/${reportId}`);
  const firstOkr = (p: Page) => p.locator('.cb-okr').first();
  await firstOkr(a).waitFor({ timeout: 15_000 });
  await firstOkr(b).waitFor({ timeout: 15_000 });
  const original = await firstOkr(b).locator('p').first().innerText();

  // Bo changes the first OKR item's text; Ada sees it.
  await firstOkr(b).locator('p').first().click();
  await b.keyboard.press('End');
  await b.keyboard.type(' 改动XYZ');
  await expect.poll(() => firstOkr(a).innerText(), { timeout: 10_000 }).toContain('改动XYZ');

  // Ada opens the history and the saved version: the changed item is marked.
  await a.getByRole('button', { name: 'History' }).click();
  const version = a.locator('.version', { hasText: 'Saved by hand' });
  await version.waitFor();
  await version.click();
  const preview = a.getByRole('region', { name: 'Version preview' });
  await preview.waitFor();
  await expect.poll(() => preview.locator('.hv-changed').count()).toBeGreaterThan(0);
  await expect.poll(() => preview.locator('.ProseMirror').innerText()).not.toContain('改动XYZ');
  await a.screenshot({ path: path.join(resultsDir(), 'history-preview.png') });

  // Restore: both editors follow without reloading.
  await preview.getByRole('button', { name: 'Restore this version' }).click();
  // The app asks in a dialog of its own (web/components/ConfirmDialog.tsx), the button's words again.
  await a.getByRole('dialog', { name: 'Restore this version' }).getByRole('button', { name: 'Restore this version' }).click();
  await expect.poll(() => firstOkr(a).innerText(), { timeout: 10_000 }).not.toContain('改动XYZ');
  await expect.poll(() => firstOkr(b).innerText(), { timeout: 10_000 }).not.toContain('改动XYZ');
  await expect.poll(() => firstOkr(b).locator('p').first().innerText()).toBe(original);
  await a.locator('.version', { hasText: 'Before a restore' }).waitFor();

  // Start next week from the bar: it opens W26 with last week's plan as a checklist on top.
  await a.getByRole('button', { name: 'Close history' }).click();
  await a.getByRole('button', { name: 'Start next week' }).click();
  await a.waitForURL((u) => u.pathname !== `/r/${reportId}`);
  await a.locator('.report-title', { hasText: '2024-W26' }).waitFor();
  await a.locator('ul[data-type="taskList"] li').first().waitFor({ timeout: 15_000 });
  expect(await a.locator('ul[data-type="taskList"] li').count()).toBeGreaterThan(0);
  expect(await a.locator('.cb-incident').count()).toBe(0);
  await a.screenshot({ path: path.join(resultsDir(), 'next-week.png') });
});

// Walkthrough: the preview's list of what was added since a version showed blocks without text by their internal
// type names (keyProject, objective, kpiTable, kpiRow, paragraph) — English words in the Chinese app, meaningless to anyone.
it('names blocks without text by their kind in the list of what was added since a version, in Chinese', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W27' })).json.id as string;
  await seedReport(ada, reportId, [p('第一段')]);
  expect((await ada.call('POST', `/api/reports/${reportId}/history`)).status).toBe(201);
  // After the version: an objective, a KPI table with an unnamed row and an empty paragraph, all without text.
  await seedReport(ada, reportId, [p('第一段'),
    { type: 'objective', attrs: { blockId: 'o9', code: null, title: '' } },
    { type: 'kpiTable', attrs: { blockId: 'k9', title: '' }, content: [{ type: 'kpiRow', attrs: { blockId: 'r9', name: '' } }] },
    p(),
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada, { width: 1280, height: 900 }, 'zh-CN');
  await openReport(page, reportId);
  await page.getByRole('button', { name: '历史' }).click();
  await page.locator('.version').last().click();
  const added = page.locator('.added-since .added-block');
  await expect.poll(() => added.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const names = await added.allInnerTexts();
  expect(names.filter((n) => /^[a-z]+[A-Z]?[A-Za-z]*$/.test(n.trim())), names.join(' | ')).toEqual([]);
  expect(names).toEqual(expect.arrayContaining(['目标分节', 'KPI 表']));
  await context.close();
}, 120_000);

// Walkthrough: a version's preview showed every owner as a former member: the preview was drawn outside the report's
// data (members, objectives), so no owner could be named.
it('a version\'s preview names the owners of its items', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W20' })).json.id as string;
  await seedReport(ada, reportId, [{ type: 'okrItem', attrs: { blockId: 'k1', owner: bo.id, owners: bo.id }, content: [p('物保三期进度95%')] }]);
  expect((await ada.call('POST', `/api/reports/${reportId}/history`)).status).toBe(201);
  const a = await browserAs(web.browser, web.server.base, ada);
  await openReport(a.page, reportId);
  await expect.poll(() => a.page.locator('.ProseMirror .cb-owner-name').first().innerText(), { timeout: 30_000 }).toBe('Bo');
  await a.page.getByRole('button', { name: 'History' }).click();
  await a.page.locator('.version', { hasText: 'Saved by hand' }).click();
  const preview = a.page.getByRole('region', { name: 'Version preview' });
  await expect.poll(() => preview.locator('.cb-owner-name').first().innerText(), { timeout: 30_000 }).toBe('Bo');
  await a.context.close();
}, 120_000);
