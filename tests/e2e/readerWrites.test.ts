// A reader's page wrote to the report: plugins append changes to the ones that come from Yjs (TipTap's trailing
// paragraph after a last block that is not a paragraph, a new blockId for a block whose id another block has), and
// the server closes a reader's socket that writes (4405). Every viewer opening a report that ends in an OKR item was
// thrown out and reopened the report once.
import { expect, it } from 'vitest';
import { WRITE_REFUSED_CLOSE } from '../../shared/doc/accessCloses.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';
import { okr } from '../search/docs.js';

const web = webApp({ config: { metricsToken: 'metrics-token' } });
/** Sockets the server closed with this code so far (its Prometheus counter). */
async function closedWith(code: number): Promise<number> {
  const r = await fetch(web.server.base + '/metrics', { headers: { authorization: 'Bearer metrics-token' } });
  const line = (await r.text()).split('\n').find((l) => l.startsWith(`cadence_socket_closes_total{code="${code}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

it('a viewer opens a report that ends in an OKR item, two of them with one blockId, and reads it without being thrown out', async () => {
  const [ann, vi] = await signedUp(web.server.base, 'Ann', 'Vi');
  const spaceId = await spaceWith(ann, [[vi, 'viewer']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W15' })).json.id as string;
  await seedReport(ann, reportId, [okr('dup', '物保三期 进度 30%', { project: '物保三期' }), okr('dup', '贝易转 进度 50%', { project: '贝易转' })]);
  const { context, page } = await browserAs(web.browser, web.server.base, vi, { width: 1280, height: 900 }, 'zh-CN');
  const refusedBefore = await closedWith(WRITE_REFUSED_CLOSE);
  await openReport(page, reportId);
  await seen(page.locator('.ProseMirror').getByText('贝易转 进度 50%'));
  await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('connected');
  await page.waitForTimeout(3000);
  expect(await closedWith(WRITE_REFUSED_CLOSE)).toBe(refusedBefore);
  expect(await page.getByRole('alert').count()).toBe(0);
  // Empty date fields give a reader no example of what to type (walkthrough: 如 3/28 read as fillable).
  const dates = page.locator('.cb-date-input');
  expect(await dates.count()).toBeGreaterThan(0);
  expect(await dates.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).placeholder).filter(Boolean))).toEqual([]);
  await context.close();
}, 120_000);
