// Walkthrough: after importing files from the sidebar's Import dialog, the space's overview behind the dialog kept
// showing the dashboard of the week it showed before; only a reload brought the imported week.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, poll, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the overview shows an imported week at once', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const week = (w: string) => `# ${w}\n\n## 【O1 业务服务】\n\n1. 【贝易转】进度60%，计划12/28上线\n`;
  expect((await ann.call('POST', `/api/spaces/${spaceId}/import`, week('2025-W10'), { 'content-type': 'text/markdown' })).status).toBe(201);
  const { context, page } = await browserAs(web.browser, web.server.base, ann);
  await page.goto(`/s/${spaceId}`);
  const heading = page.locator('.db-head h2');
  await poll(() => heading.innerText()).toContain('2025-W10');

  await page.locator('nav, aside').getByText('Import', { exact: true }).first().click();
  const dialog = page.locator('dialog.import-dialog');
  await seen(dialog);
  await dialog.locator('input[type=file]').setInputFiles({ name: 'w11.md', mimeType: 'text/markdown', buffer: Buffer.from(week('2025-W11')) });
  await seen(dialog.locator('.import-row.is-imported'));
  await poll(() => heading.innerText()).toContain('2025-W11');
  await context.close();
}, 120_000);
