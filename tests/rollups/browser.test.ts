// Issue 12 in the browser: the Projects page (names, last progress, merge and split by an owner) and the dashboard over
// a range of imported weeks, whose projects link to their timelines.
import { beforeAll, expect, it } from 'vitest';
import { pageAs } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { readSample, sampleNames } from '../helpers/samples.js';

let owner: TestUser;
let viewer: TestUser;
let spaceId: string;
const web = webApp();
beforeAll(async () => {
  [owner, viewer] = await signedUp(web.server.base, 'Owner', 'Viewer');
  spaceId = await spaceWith(owner, [[viewer, 'viewer']], 'Projects');
  for (const w of sampleNames) {
    const r = await owner.call('POST', `/api/spaces/${spaceId}/import`, readSample(w), { 'content-type': 'text/markdown' });
    if (r.status !== 201) throw new Error(r.text);
  }
});

const rowOf = (page: Awaited<ReturnType<typeof pageAs>>, name: string) => page.locator('tr[data-project-key]', { has: page.getByRole('link', { name, exact: true }) });

it('the Projects page lists every project with its names and last progress; an owner merges and splits', async () => {
  const page = await pageAs(web.browser, web.server.base, owner);
  await page.goto(`/s/${spaceId}`);
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.waitForURL(`**/s/${spaceId}/projects`, { waitUntil: 'commit' }); // a client-side navigation
  const ssc = rowOf(page, '实时数仓');
  await ssc.waitFor({ timeout: 15_000 });
  await expect.poll(() => ssc.innerText()).toContain('实时数仓项目');
  expect(await ssc.innerText()).toContain('98%');
  expect(await rowOf(page, 'POS收单系统建设').innerText()).toContain('not stated');

  // Merge 银企金融M6v机房迁移 into 银企M6V机房迁移.
  await rowOf(page, '银企金融M6v机房迁移').getByRole('combobox', { name: /Merge 银企金融M6v机房迁移/ }).selectOption({ label: '银企M6V机房迁移' });
  await page.getByRole('dialog', { name: 'Merge' }).getByRole('button', { name: 'Merge' }).click();
  const merged = rowOf(page, '银企M6V机房迁移');
  await expect.poll(() => merged.innerText(), { timeout: 10_000 }).toContain('银企金融M6v机房迁移');
  await expect.poll(() => rowOf(page, '银企金融M6v机房迁移').count(), { timeout: 10_000 }).toBe(0);

  // Split it off again.
  await merged.getByRole('button', { name: 'Split “银企金融M6v机房迁移” off into a project of its own' }).click();
  await page.getByRole('dialog', { name: 'Split this name off' }).getByRole('button', { name: 'Split this name off' }).click();
  await expect.poll(() => rowOf(page, '银企金融M6v机房迁移').count(), { timeout: 10_000 }).toBe(1);

  // Splitting off the name a project goes by asks about the names that stay (it said "split 实时数仓 off 实时数仓").
  await ssc.getByRole('button', { name: 'Split “实时数仓” off into a project of its own' }).click();
  const ask = page.getByRole('dialog', { name: 'Split this name off' });
  await expect.poll(() => ask.locator('.confirm-message').innerText(), { timeout: 10_000 })
    .toBe('Split the name “实时数仓” off into a project of its own? The other names (实时数仓项目) stay one project.');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => ask.count()).toBe(0);
  await page.context().close();
});

it('a viewer sees the projects but no merge or split', async () => {
  const page = await pageAs(web.browser, web.server.base, viewer);
  await page.goto(`/s/${spaceId}/projects`);
  await rowOf(page, '实时数仓').waitFor({ timeout: 15_000 });
  expect(await page.getByRole('combobox', { name: /^Merge / }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Split / }).count()).toBe(0);
  await page.context().close();
});

it('the dashboard over a range of imported weeks: last-known progress, incidents; a project opens its timeline', async () => {
  const page = await pageAs(web.browser, web.server.base, owner);
  await page.goto(`/s/${spaceId}/dashboard?from=2024-W12&to=2024-W34`);
  const projects = page.getByRole('region', { name: 'Projects in these weeks' });
  const ssc = projects.locator('tr', { has: page.getByRole('link', { name: '实时数仓', exact: true }) });
  await ssc.waitFor({ timeout: 15_000 });
  expect(await ssc.innerText()).toMatch(/98%[\s\S]*as of 2024-W25/);
  // 存管衍生 went live in W34 (全部上线): said so, not W12's planned date as if current (walkthrough).
  const deriv = projects.locator('tr', { has: page.getByRole('link', { name: '存管衍生', exact: true }) });
  expect(await deriv.innerText()).toContain('Live');
  expect(await deriv.innerText()).not.toContain('2024-04-16');
  const incidents = page.getByRole('region', { name: 'Incidents in these weeks' });
  await expect.poll(() => incidents.locator('a').count()).toBe(8);
  // The week's incident chart says which weeks it counts (it said "6 months" over the 12 weeks it counted).
  await expect.poll(async () => (await page.locator('h3', { hasText: /^\s*Incidents \(/ }).first().innerText()).trim()).toBe('Incidents (2024-W23 – 2024-W34)');
  // One week only, picked with the range's controls.
  await page.getByRole('combobox', { name: 'From' }).selectOption('2024-W25');
  await page.getByRole('combobox', { name: 'To' }).selectOption('2024-W25');
  await page.waitForURL(/from=2024-W25&to=2024-W25/, { waitUntil: 'commit' });
  await expect.poll(() => incidents.locator('a').count()).toBe(3);
  // In W25 alone the project goes by the name that week used; its link opens the same project's timeline.
  await projects.getByRole('link', { name: '实时数仓项目', exact: true }).click();
  await page.waitForURL(`**/s/${spaceId}/projects/**`, { waitUntil: 'commit' });
  const timeline = page.locator('.db-timeline');
  await timeline.waitFor({ timeout: 15_000 });
  const text = await timeline.innerText();
  expect(text).toMatch(/2024-W25[\s\S]*98%/);
  expect(text).toMatch(/2024-W25[\s\S]*O2[\s\S]*上线完成/); // the week's other item of the project, under O2
  expect(text).toMatch(/2024-W12[\s\S]*21\.95%/);
  await page.context().close();
});

it('the OKR item with sub-parts\' figures and no overall one offers each to pick; picked, it is the progress', async () => {
  const reports = (await owner.call('GET', `/api/spaces/${spaceId}/reports`)).json as { id: string; week: string }[];
  const w12 = reports.find((r) => r.week === '2024-W12')!.id;
  const pos = () => owner.call('GET', `/api/reports/${w12}/items`).then((r) => r.json.okrs.find((o: any) => o.project === 'POS收单系统建设'));
  expect((await pos()).progress).toBeNull();
  const page = await pageAs(web.browser, web.server.base, owner);
  await page.goto(`/r/${w12}`);
  const item = page.locator('.cb-okr', { hasText: 'POS收单系统建设' });
  await item.waitFor({ timeout: 20_000 });
  const picks = item.locator('.cb-suggest-part');
  await expect.poll(() => picks.allInnerTexts()).toEqual([expect.stringMatching(/POC融合 100%/), expect.stringMatching(/POS押金 40%/), expect.stringMatching(/加密机对接 80%/)]);
  await picks.nth(1).click();
  await expect.poll(async () => (await pos()).progress, { timeout: 10_000 }).toBe(40);
  await expect.poll(() => picks.count()).toBe(0);
  await page.context().close();
});

it('a KPI value typed as 99.990 keeps its precision: shown so, in /items (display) and in the export', async () => {
  const reports = (await owner.call('GET', `/api/spaces/${spaceId}/reports`)).json as { id: string; week: string }[];
  const w12 = reports.find((r) => r.week === '2024-W12')!.id;
  const page = await pageAs(web.browser, web.server.base, owner);
  await page.goto(`/r/${w12}`);
  const rows = page.locator('.cb-kpi-row');
  await rows.first().waitFor({ timeout: 20_000 });
  const names = await rows.evaluateAll((els) => els.map((el) => (el.querySelector('.cb-kpi-name') as HTMLInputElement | null)?.value ?? ''));
  const row = rows.nth(names.indexOf('年度可用性'));
  const value = row.getByLabel('Value', { exact: true });
  await value.fill('99.990');
  await value.press('Enter'); // a number is stored when it is finished
  const kpi = () => owner.call('GET', `/api/reports/${w12}/items`).then((r) => r.json.kpis.find((k: any) => k.name === '年度可用性'));
  await expect.poll(kpi, { timeout: 10_000 }).toMatchObject({ value: 99.99, display: '99.990%' });
  await page.reload();
  await expect.poll(() => rows.nth(names.indexOf('年度可用性')).getByLabel('Value', { exact: true }).inputValue(), { timeout: 20_000 }).toBe('99.990');
  expect((await owner.call('GET', `/api/reports/${w12}/markdown`)).text).toContain('- 年度可用性：99.990%\n');
  await page.context().close();
});
