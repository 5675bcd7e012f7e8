// The import dialog in the browser: an editor drops .md files and sees the result of each.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { personContext, resultsDir, signInContext } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserLocale, text, type Lang } from '../helpers/i18n.js';
import { readSample, samplesDir } from '../helpers/samples.js';

const web = webApp();

it('an editor drops and picks .md files; each row shows its week and items, or why it was not imported', async () => {
  const [owner, editor] = await signedUp(web.server.base, 'Owner', 'Editor');
  const spaceId = await spaceWith(owner, [[editor, 'editor']], 'Imports');
  const { context, page } = await personContext(web.browser, web.server.base);
  await signInContext(context, editor, web.server.base);
  await page.goto(`/s/${spaceId}`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import weekly reports' });
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });

  // Dropped: a real sample, and a file that is not a report.
  const dropped = await page.evaluateHandle(([w25]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([w25], '2024-W25.md', { type: 'text/markdown' }));
    dt.items.add(new File(['just a note\n'], 'note.md', { type: 'text/markdown' }));
    return dt;
  }, [readSample('2024-W25')]);
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: dropped });
  // Picked: a sample straight from ../shared/samples, then a second copy of the week just dropped.
  const picker = dialog.locator('input[type=file]');
  await picker.setInputFiles(path.join(samplesDir, '2024-W12.md'));
  await picker.setInputFiles({ name: 'again.md', mimeType: 'text/markdown', buffer: Buffer.from(readSample('2024-W25')) });

  const row = (file: string) => dialog.locator(`.import-row[data-file="${file}"]`);
  await expect.poll(() => row('2024-W25.md').getAttribute('class'), { timeout: 15_000 }).toContain('is-imported');
  await expect.poll(() => row('2024-W12.md').getAttribute('class'), { timeout: 15_000 }).toContain('is-imported');
  await expect.poll(() => row('again.md').getAttribute('class'), { timeout: 15_000 }).toContain('is-failed');
  expect(await row('2024-W25.md').innerText()).toContain('Key project 3 · OKR 16 · KPI 3 · Incident 3');
  expect(await row('2024-W12.md').innerText()).toContain('Key project 3 · OKR 20 · KPI 3 · Incident 2');
  expect(await row('note.md').getAttribute('class')).toContain('is-failed');
  expect(await row('note.md').innerText()).toMatch(/does not look like a weekly report|week is unknown/);
  expect(await row('again.md').innerText()).toContain('already has a report for that week'); // translated by its code, week_exists
  expect(await dialog.locator('.import-total').innerText()).toContain('2 imported · 2 not imported · 4 in all');
  await page.screenshot({ path: path.join(resultsDir(), 'import-dialog.png') });

  // The sidebar lists the new weeks, and the week link opens the imported report.
  await page.locator('.week-link', { hasText: '2024-W12' }).first().waitFor({ timeout: 15_000 });
  await row('2024-W12.md').getByRole('link', { name: '2024-W12' }).click();
  await page.locator('.ProseMirror', { hasText: '物保三期进度95%' }).waitFor({ timeout: 15_000 });
  expect(await dialog.isVisible()).toBe(false);

  // The report bar offers it back as Markdown, in the shape it came in.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Markdown' }).click()]);
  expect(download.suggestedFilename()).toBe('2024-W12.md');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('# 2024-W12\n')).toBe(true);
  expect(text).toContain('## 【O1 业务服务】');
  expect(text).toContain('- 入金有效成功率：99.997%');
  await context.close();
});

it('a viewer has no Import action', async () => {
  const [owner, viewer] = await signedUp(web.server.base, 'Own2', 'View2');
  const spaceId = await spaceWith(owner, [[viewer, 'viewer']], 'Read only');
  const { context, page } = await personContext(web.browser, web.server.base);
  await signInContext(context, viewer, web.server.base);
  await page.goto(`/s/${spaceId}`);
  await page.getByRole('link', { name: 'Members' }).waitFor({ timeout: 15_000 });
  expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
  await context.close();
});

// Issue 13: import's warnings and notes come as codes with parameters and are worded by the catalogue of the
// interface's language (before, the server's English sentences showed in a Chinese interface).
it.each(['zh-CN', 'en'] as Lang[])('in %s, the warnings and notes of an import are in that language', async (l) => {
  const [owner] = await signedUp(web.server.base, l === "en" ? "NoticesEn" : "NoticesZh");
  const spaceId = await spaceWith(owner, [], `Notices ${l}`);
  const { context, page } = await personContext(web.browser, web.server.base, browserLocale(l));
  await signInContext(context, owner, web.server.base);
  await page.goto(`/s/${spaceId}`);
  await page.getByRole('button', { name: text(l, 'import.button'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: text(l, 'import.title') });
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });

  // W12, then W25 (whose 实时数仓项目 is linked to W12's 实时数仓: a note), then W34 titled as W33 (its Created date
  // is in W34: a warning). The samples are read from ../shared/samples, the last changed in memory only.
  const picker = dialog.locator('input[type=file]');
  const row = (file: string) => dialog.locator(`.import-row[data-file="${file}"]`);
  for (const [name, body] of [['2024-W12.md', readSample('2024-W12')], ['2024-W25.md', readSample('2024-W25')], ['w33.md', readSample('2024-W34').replace('# 2024-W34', '# 2024-W33')]]) {
    await picker.setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(body) });
    await expect.poll(() => row(name).getAttribute('class'), { timeout: 20_000 }).toContain('is-imported');
  }

  const linked = row('2024-W25.md').locator('.import-warning.is-note');
  expect(await linked.count()).toBeGreaterThan(0);
  expect(await linked.allInnerTexts()).toContainEqual(text(l, 'notices.import.projectLinked', { name: '实时数仓项目', linkedTo: '实时数仓', week: '2024-W12' }));
  const warning = row('w33.md').locator('.import-warning[data-code="import.weekMismatch"]');
  expect((await warning.innerText()).trim()).toBe(text(l, 'notices.import.weekMismatch', { title: '2024-W33', created: await createdOf('2024-W34'), createdWeek: '2024-W34', week: '2024-W33' }));
  if (l === 'zh-CN') {
    // No English sentence anywhere in the rows.
    const rows = await dialog.locator('.import-rows').innerText();
    expect(rows).not.toMatch(/Linked|project|title says|imported as|line\(s\)/i);
    expect(rows).toContain('关联到项目');
  }
  await page.screenshot({ path: path.join(resultsDir(), `import-notices-${l}.png`) });
  await context.close();
});

/** The Created date of a sample (YYYY-MM-DD), as the parser reads it. */
async function createdOf(week: string): Promise<string> {
  const { parseReport } = await import('../../shared/markdown/parse.js');
  const c = parseReport(readSample(week)).created!;
  return `${c.getFullYear()}-${String(c.getMonth() + 1).padStart(2, '0')}-${String(c.getDate()).padStart(2, '0')}`;
}
