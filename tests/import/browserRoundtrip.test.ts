// Issue 12: a report with every field of every block filled in the web.browser, exported and imported back: the same
// items, fields included; and import → export → import from there on gives identical items, text included.
import { beforeAll, expect, it } from 'vitest';
import { pageAs } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';

let owner: TestUser;
let zhang: TestUser;
const web = webApp();
beforeAll(async () => {
  [owner, zhang] = await signedUp(web.server.base, 'Owner', 'Zhang');
});

/** One block of each kind, with text only: the browser fills in every field. */
const base = [
  '# 2024-W12', '', 'Created: 2024年3月22日 14:52', '',
  '- 【贝易转】', '    C转联调完成', '',
  '## 【O1 业务服务】', '', '- 联调中，等银行排期', '',
  '## 【系统运行数据】', '', '- 年度可用性：100%', '',
  '## 【生产事件】', '', '3/21 15:43 出金超时告警', '',
  '## 【风险与求助】', '', '- 联调排期未定', '',
].join('\n');

const md = { 'content-type': 'text/markdown' };
const strip = (items: any, drop: string[]) => Object.fromEntries(Object.entries(items).map(([k, list]) =>
  [k, (list as any[]).map((i) => Object.fromEntries(Object.entries(i).filter(([f]) => !['blockId', 'projectKey', 'fromId', ...drop].includes(f))))]));

it('every field filled in the browser comes back from the export; then import → export → import is identical', async () => {
  const spaceId = await spaceWith(owner, [[zhang, 'editor']], 'Filled');
  const imported = await owner.call('POST', `/api/spaces/${spaceId}/import`, base, md);
  expect(imported.status, imported.text).toBe(201);
  const reportId = imported.json.report.id;
  const page = await pageAs(web.browser, web.server.base, owner);
  await page.goto(`/r/${reportId}`);

  const okr = page.locator('.cb-okr');
  await okr.waitFor({ timeout: 20_000 });
  await okr.getByLabel('Project', { exact: true }).fill('物保三期');
  await okr.getByLabel('Status').selectOption('at_risk');
  await okr.getByLabel('Owner').selectOption({ label: 'Zhang' });
  await okr.getByLabel('Progress', { exact: true }).fill('57');
  await okr.getByLabel('Progress', { exact: true }).press('Enter');
  await okr.getByLabel('Planned go-live').fill('4/2');
  await okr.getByLabel('Planned go-live').press('Enter');

  const kpi = page.locator('.cb-kpi-row').first();
  await kpi.getByLabel('Value', { exact: true }).fill('99.990');
  await kpi.getByLabel('Target', { exact: true }).fill('99.95');

  const inc = page.locator('.cb-incident');
  await inc.getByLabel('Recovered').fill('16:15');
  await inc.getByLabel('Recovered').press('Enter');
  await inc.getByLabel('Severity').selectOption('C');
  await inc.getByLabel('Review status').selectOption('review_pending');
  await inc.getByLabel('Impact').fill('约300笔出金延迟');
  await inc.getByLabel('Cause').fill('网关连接池耗尽');
  await inc.getByLabel('Link').fill('https://wiki.example.com/incident/42');

  const risk = page.locator('.cb-risk');
  await risk.getByLabel('Severity').selectOption('high');
  await risk.getByLabel('Need help from').fill('工行');
  await risk.getByLabel('Owner').fill('王五');
  await risk.getByLabel('Due').fill('3/28');
  await risk.getByLabel('Due').press('Enter');

  const filled = await eventually(async () => {
    const it = (await owner.call('GET', `/api/reports/${reportId}/items`)).json;
    const [o, k, i, r] = [it.okrs[0], it.kpis[0], it.incidents[0], it.risks[0]];
    return o?.due === '2024-04-02' && o.progress === 57 && o.owner === zhang.id && k?.target === 99.95 && k.display === '99.990%'
      && i?.link && i.cause && i.impact && i.severity === 'C' && i.end && r?.due === '2024-03-28' && r.owner === '王五' ? it : null;
  }, 'every field indexed', 20_000, 200);
  await page.context().close();
  expect(filled.okrs[0]).toMatchObject({ project: '物保三期', progress: 57, due: '2024-04-02', status: 'at_risk', owner: zhang.id });
  expect(filled.incidents[0]).toMatchObject({ start: '2024-03-21T15:43', end: '2024-03-21T16:15', durationMinutes: 32, severity: 'C', status: 'review_pending' });

  // Exported, imported into another space with the same people: every field again.
  const exported = (await owner.call('GET', `/api/reports/${reportId}/markdown`)).text;
  const other = await spaceWith(owner, [[zhang, 'viewer']], 'Other');
  const first = await owner.call('POST', `/api/spaces/${other}/import`, exported, md);
  expect(first.status, first.text).toBe(201);
  const a = (await owner.call('GET', `/api/reports/${first.json.report.id}/items`)).json;
  expect(strip(a, ['summary', 'text'])).toEqual(strip(filled, ['summary', 'text']));
  expect(a.okrs[0].text).toBe(filled.okrs[0].text); // the fields group is taken off the text again

  // From there on: import → export → import gives identical items, text included.
  const again = (await owner.call('GET', `/api/reports/${first.json.report.id}/markdown`)).text;
  expect(again).toBe(exported);
  const third = await spaceWith(owner, [[zhang, 'viewer']], 'Third');
  const second = await owner.call('POST', `/api/spaces/${third}/import`, again, md);
  const b = (await owner.call('GET', `/api/reports/${second.json.report.id}/items`)).json;
  expect(strip(b, [])).toEqual(strip(a, []));
});
