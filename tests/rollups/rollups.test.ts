import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { accepted, doc, h, incident, kpis, objective, okr, writeReport } from '../search/docs.js';
import { addWeek, currentWeek } from '../../shared/week.js';

let s: TestServer;
let ann: TestUser;
let spaceId: string;
const ids: Record<string, string> = {};

/** Five weeks of one space: 收银台改版 moves and slips once; 风控平台 stays at 20%; a KPI dips below target twice. */
const weeks = [
  { week: '2024-W10', cashier: '收银台改版：进度40%，计划4/10上线', risk: '风控平台：进度20%', kpi: 99.95, inc: { start: '2024-03-05T10:00', severity: 'B', status: 'reviewed' } },
  { week: '2024-W11', cashier: '收银台改版：进度50%，计划4/10上线', risk: '风控平台（二期）：进度20%', kpi: 99.995, inc: { start: '2024-03-12T09:00', durationMinutes: 45, severity: 'A', status: 'review_pending' } },
  { week: '2024-W12', cashier: '收银台改版：进度60%，计划4/20上线', risk: '风控平台：进度20%', kpi: 99.98 },
  { week: '2024-W13', cashier: '收银台改版：进度70%，计划4/20上线', risk: '风控平台：进度20%', kpi: 99.992 },
  { week: '2024-W14', cashier: '收银台改版：进度80%，计划4/18上线', risk: '风控平台：进度20%', kpi: 99.993 },
];

beforeAll(async () => {
  s = await startTestServer();
  [ann] = await signedUp(s.base, 'Ann');
  spaceId = await spaceWith(ann);
  for (const w of weeks) {
    const extra = w.week === '2024-W14'
      ? [okr('loose', '杂项：整理文档'), objective('o2', 'O2', '能力升级'), okr('acct', '账户系统：计划4/12上线', { ...accepted('账户系统：计划4/12上线'), status: 'at_risk' })]
      : [];
    ids[w.week] = await writeReport(ann, spaceId, w.week, doc(
      ...(w.week === '2024-W14' ? [extra[0]] : []),
      objective('o1', 'O1', '业务服务'),
      okr(`c-${w.week}`, w.cashier, { ...accepted(w.cashier), ...(w.week === '2024-W14' ? { status: 'on_track' } : {}) }),
      okr(`r-${w.week}`, w.risk, accepted(w.risk)),
      ...extra.slice(1),
      h(2, '【系统运行数据】'),
      kpis(`t-${w.week}`, [{ blockId: `k-${w.week}`, name: '成功率', value: w.kpi, unit: '%', target: 99.99 }]),
      ...(w.inc ? [h(2, '【生产事件】'), incident(`i-${w.week}`, `${w.inc.start} 支付超时`, w.inc)] : []),
    ));
  }
});
afterAll(async () => { await s.close(); });

const get = (p: string) => ann.call('GET', `/api/spaces/${spaceId}${p}`);

describe('project timeline', () => {
  it('lists the weeks oldest first, with progress, due, objective and slips', async () => {
    const r = await get(`/projects/${encodeURIComponent('收银台改版')}/timeline`);
    expect(r.status).toBe(200);
    expect(r.json.project).toBe('收银台改版');
    expect(r.json.points.map((p: any) => [p.week, p.progress, p.due, p.objective, !!p.slipped])).toEqual([
      ['2024-W10', 40, '2024-04-10', 'O1', false],
      ['2024-W11', 50, '2024-04-10', 'O1', false],
      ['2024-W12', 60, '2024-04-20', 'O1', true],
      ['2024-W13', 70, '2024-04-20', 'O1', false],
      ['2024-W14', 80, '2024-04-18', 'O1', false],
    ]);
    expect(r.json.points[0]).toMatchObject({ reportId: ids['2024-W10'], text: weeks[0].cashier, blockId: 'c-2024-W10' });
  });

  it('matches decorated names by their bare name', async () => {
    const r = await get(`/projects/${encodeURIComponent('风控平台')}/timeline`);
    expect(r.json.points.map((p: any) => p.week)).toEqual(weeks.map((w) => w.week));
    expect(r.json.points[1].project).toBe('风控平台（二期）');
    expect((await get(`/projects/${encodeURIComponent('不存在')}/timeline`)).json.points).toEqual([]);
  });
});

describe('KPI series', () => {
  it('gives the values oldest first with target and the weeks below it', async () => {
    const r = await get(`/kpis/${encodeURIComponent('成功率')}/series`);
    expect(r.status).toBe(200);
    expect(r.json.points.map((p: any) => [p.week, p.value, p.unit])).toEqual(weeks.map((w) => [w.week, w.kpi, '%']));
    expect(r.json.target).toBe(99.99);
    expect(r.json.belowTarget).toEqual(['2024-W10', '2024-W12']);
    expect(r.json.points[1]).toMatchObject({ reportId: ids['2024-W11'], belowTarget: false, delta: 0.045 });
  });
});

describe('incidents', () => {
  it('filters by start date, whole days inclusive', async () => {
    const all = (await get('/incidents')).json.incidents;
    expect(all.map((i: any) => i.start)).toEqual(['2024-03-05T10:00', '2024-03-12T09:00']);
    const r = await get('/incidents?from=2024-03-06&to=2024-03-12');
    expect(r.json.incidents).toEqual([expect.objectContaining({
      reportId: ids['2024-W11'], week: '2024-W11', blockId: 'i-2024-W11', start: '2024-03-12T09:00', durationMinutes: 45, status: 'review_pending' })]);
    expect((await get('/incidents?to=2024-03-05')).json.incidents.map((i: any) => i.week)).toEqual(['2024-W10']);
  });

  it('summarises per month and severity, with the list pending review', async () => {
    const r = await get('/incidents/summary');
    expect(r.json.months).toEqual([{ month: '2024-03', total: 2, minutes: 45, bySeverity: { A: 1, B: 1, C: 0, D: 0, unknown: 0 } }]);
    expect(r.json.pending.map((i: any) => i.blockId)).toEqual(['i-2024-W11']);
  });

  it('an incident without a start counts in its report week\'s month (it made a month "2024-??")', async () => {
    const space = await spaceWith(ann);
    await writeReport(ann, space, '2024-W14', doc(h(2, '【生产事件】'), incident('nostart', '（时间待定）对账延迟', { severity: 'C' })));
    const r = await ann.call('GET', `/api/spaces/${space}/incidents/summary`);
    expect(r.json.months).toEqual([{ month: '2024-04', total: 1, minutes: 0, bySeverity: { A: 0, B: 0, C: 1, D: 0, unknown: 0 } }]);
  });

  it('has every month between, 0 where nothing happened (the chart put March beside June as if neighbours)', async () => {
    const space = await spaceWith(ann);
    await writeReport(ann, space, '2024-W10', doc(h(2, '【生产事件】'), incident('mar', '2024-03-05T10:00 支付超时', { start: '2024-03-05T10:00', severity: 'B' })));
    await writeReport(ann, space, '2024-W23', doc(h(2, '【生产事件】'), incident('jun', '2024-06-04T10:00 对账延迟', { start: '2024-06-04T10:00', severity: 'A' })));
    const zero = (month: string) => ({ month, total: 0, minutes: 0, bySeverity: { A: 0, B: 0, C: 0, D: 0, unknown: 0 } });
    const all = (await ann.call('GET', `/api/spaces/${space}/incidents/summary`)).json.months;
    expect(all.map((m: any) => [m.month, m.total])).toEqual([['2024-03', 1], ['2024-04', 0], ['2024-05', 0], ['2024-06', 1]]);
    expect(all[1]).toEqual(zero('2024-04'));
    const ranged = (await ann.call('GET', `/api/spaces/${space}/incidents/summary?from=2024-02-01&to=2024-07-31`)).json.months;
    expect(ranged.map((m: any) => [m.month, m.total])).toEqual([['2024-02', 0], ['2024-03', 1], ['2024-04', 0], ['2024-05', 0], ['2024-06', 1], ['2024-07', 0]]);
    // The dashboard's range (twelve weeks to 2024-W23) charts its months the same way.
    const d = (await ann.call('GET', `/api/spaces/${space}/dashboard?week=2024-W23`)).json;
    expect(d.incidents.months.map((m: any) => m.month)).toEqual(['2024-03', '2024-04', '2024-05', '2024-06']);
  });

  it('a date without a time opens an incident of its own; a time range at the opening gives its end and minutes; an incident without a start is in the range of its week (probe)', async () => {
    const space = await spaceWith(ann);
    const importMd = (week: string, lines: string[]) => ann.call('POST', `/api/spaces/${space}/import`, `# ${week}\n\n## 【生产事件】\n\n${lines.join('\n\n')}\n`, { 'content-type': 'text/markdown' });
    const w03 = await importMd('2025-W03', [
      '01/14 10:05 平安存管批量出金失败，影响约120笔出金，10:47 恢复。【待复盘】',
      '01/14 复盘会安排在周五', // the same day: a note of the incident above
      '01/16 收银台个别请求超时，持续约15分钟，未对业务产生影响',
    ]);
    expect(w03.status).toBe(201);
    await importMd('2025-W08', ['02/18 09:00 钱包首页访问个别响应504，持续5分钟', '（时间待定）好店支付回调丢失，排查中【待复盘】']);
    await importMd('2025-W11', ['03/11 11:00-11:25 统一收单报送对账超时，有重试，对业务无实际影响【已复盘】']);
    const list = async (q = '') => (await ann.call('GET', `/api/spaces/${space}/incidents${q}`)).json.incidents as any[];
    const all = await list();
    // Before: the 1/16 incident was part of the 1/14 one (15 minutes instead of 42), and 11:00-11:25 gave no minutes.
    expect(all.map((i) => [i.week, i.start, i.end, i.durationMinutes, i.status]).sort()).toEqual([
      ['2025-W03', '2025-01-14T10:05', '2025-01-14T10:47', 42, 'review_pending'],
      ['2025-W03', null, null, 15, null],
      ['2025-W08', '2025-02-18T09:00', '2025-02-18T09:05', 5, null],
      ['2025-W08', null, null, null, 'review_pending'],
      ['2025-W11', '2025-03-11T11:00', '2025-03-11T11:25', 25, 'reviewed'],
    ].sort());
    expect(all.find((i) => i.start === '2025-01-14T10:05').summary).toContain('复盘会安排在周五');
    // A dated range keeps the incident without a start of a week inside it (it was in no dated view).
    expect((await list('?from=2025-02-01&to=2025-02-28')).map((i) => i.week)).toEqual(['2025-W08', '2025-W08']);
    expect((await list('?from=2025-03-01&to=2025-03-31')).map((i) => i.week)).toEqual(['2025-W11']);
    const summary = (await ann.call('GET', `/api/spaces/${space}/incidents/summary?from=2025-01-01&to=2025-03-31`)).json;
    expect(summary.months.map((m: any) => [m.month, m.total, m.minutes])).toEqual([['2025-01', 2, 57], ['2025-02', 2, 5], ['2025-03', 1, 25]]);
    expect(summary.pending).toHaveLength(2);
    // Export → import gives the same incidents.
    const md = (await ann.call('GET', `/api/reports/${w03.json.report.id}/markdown`)).text;
    const again = await spaceWith(ann);
    await ann.call('POST', `/api/spaces/${again}/import`, md, { 'content-type': 'text/markdown' });
    const back = (await ann.call('GET', `/api/spaces/${again}/incidents`)).json.incidents as any[];
    expect(back.map((i) => [i.start, i.end, i.durationMinutes, i.status]).sort()).toEqual(all.filter((i) => i.week === '2025-W03').map((i) => [i.start, i.end, i.durationMinutes, i.status]).sort());
  });

  it('refuses bad dates with 400 and writes nothing', async () => {
    for (const q of ['from=2024-02-30', 'from=yesterday', 'to=2024-13-01', 'from=2024-04-01&to=2024-03-01']) {
      const r = await get(`/incidents?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code).toBe('invalid_input');
    }
  });
});

describe('dashboard', () => {
  it('shows this week by objective, stalled projects, items due soon, KPIs and incidents', async () => {
    const r = await get('/dashboard');
    expect(r.status).toBe(200);
    const d = r.json;
    expect(d).toMatchObject({ week: '2024-W14', reportId: ids['2024-W14'], asOf: '2024-04-05' });
    expect(d.objectives.map((o: any) => [o.code, o.items.map((i: any) => i.blockId)])).toEqual([
      ['O1', ['c-2024-W14', 'r-2024-W14']], ['O2', ['acct']], ['O3', []], ['O4', []], [null, ['loose']],
    ]);
    const byName = Object.fromEntries(d.projects.map((p: any) => [p.project, p]));
    expect(byName['风控平台']).toMatchObject({ progress: 20, stalled: true, unchangedReports: 5 });
    expect(byName['收银台改版']).toMatchObject({ progress: 80, stalled: false, unchangedReports: 1 });
    expect(byName['收银台改版'].series.map((x: any) => x.progress)).toEqual([40, 50, 60, 70, 80]);
    expect(d.dueSoon.map((i: any) => [i.blockId, i.due])).toEqual([['acct', '2024-04-12'], ['c-2024-W14', '2024-04-18']]);
    expect(d.kpis).toEqual([expect.objectContaining({ name: '成功率', value: 99.993, previous: 99.992, belowTarget: false })]);
    expect(d.kpis[0].series).toHaveLength(5);
    expect(d.incidents.total).toBe(2);
    expect(d.incidents.pending).toHaveLength(1);
  });

  it('a project the latest report no longer has is dropped, not stalled (the space home said "停滞 10 周" of projects gone for ten weeks)', async () => {
    const space = await spaceWith(ann);
    const week = (w: string, lines: string[]) => writeReport(ann, space, w, doc(objective('o1', 'O1', '业务服务'), ...lines.map((l, i) => okr(`${w}-${i}`, l, accepted(l)))));
    await week('2024-W10', ['装修存管：进度30%', '收银台改版：进度40%']);
    await week('2024-W11', ['装修存管：进度30%', '收银台改版：进度50%']);
    await week('2024-W20', ['收银台改版：进度50%']);
    await week('2024-W21', ['收银台改版：进度50%']);
    const d = (await ann.call('GET', `/api/spaces/${space}/dashboard?from=2024-W10&to=2024-W21`)).json;
    const byName = Object.fromEntries(d.projects.map((p: any) => [p.project, p]));
    expect(byName['装修存管']).toMatchObject({ progress: 30, stalled: false, lastWeek: '2024-W11' });
    expect(byName['收银台改版']).toMatchObject({ progress: 50, stalled: true, unchangedReports: 3 }); // still reported, unchanged since W11
  });

  it('by default shows this week\'s report, not one started ahead (a next week begun early turned 本周 OKR into an empty week)', async () => {
    const space = await spaceWith(ann);
    const thisWeek = currentWeek();
    await writeReport(ann, space, addWeek(thisWeek, -1), doc(objective('o1', 'O1', '业务服务'), okr('last', '上周的事：进度10%')));
    await writeReport(ann, space, thisWeek, doc(objective('o1', 'O1', '业务服务'), okr('now', '本周的事：进度20%')));
    const ahead = await ann.call('POST', `/api/spaces/${space}/reports`, { week: addWeek(thisWeek, 2) });
    expect(ahead.status).toBe(201);
    let d = (await ann.call('GET', `/api/spaces/${space}/dashboard`)).json;
    expect(d.week).toBe(thisWeek);
    expect(d.objectives[0].items.map((i: any) => i.blockId)).toEqual(['now']);
    // Asked for, the week ahead is shown; a space with only weeks ahead shows the first of them.
    expect((await ann.call('GET', `/api/spaces/${space}/dashboard?week=${addWeek(thisWeek, 2)}`)).json.week).toBe(addWeek(thisWeek, 2));
    const early = await spaceWith(ann);
    for (const w of [addWeek(thisWeek, 3), addWeek(thisWeek, 1)]) expect((await ann.call('POST', `/api/spaces/${early}/reports`, { week: w })).status).toBe(201);
    d = (await ann.call('GET', `/api/spaces/${early}/dashboard`)).json;
    expect(d.week).toBe(addWeek(thisWeek, 1));
  });

  it('stalled counts reports in a row, as the stuck list does (two reports two years apart said "停滞 141 周" beside an empty stuck list)', async () => {
    const space = await spaceWith(ann);
    const week = (w: string, lines: string[]) => writeReport(ann, space, w, doc(objective('o1', 'O1', '业务服务'), ...lines.map((l, i) => okr(`${w}-${i}`, l, accepted(l)))));
    await week('2024-W12', ['物保三期：进度60%']);
    await week('2026-W40', ['物保三期：进度60%']);
    let d = (await ann.call('GET', `/api/spaces/${space}/dashboard`)).json;
    expect(d.projects.find((p: any) => p.project === '物保三期')).toMatchObject({ progress: 60, stalled: false, unchangedReports: 2 });
    expect(d.stuck).toEqual([]);
    await week('2026-W41', ['物保三期：进度60%']);
    d = (await ann.call('GET', `/api/spaces/${space}/dashboard`)).json;
    expect(d.projects.find((p: any) => p.project === '物保三期')).toMatchObject({ stalled: true, unchangedReports: 3 });
    expect(d.stuck).toEqual([expect.objectContaining({ project: '物保三期', stuckFor: 3 })]);
  });

  it('shows an earlier week on request and refuses a malformed one', async () => {
    const r = await get('/dashboard?week=2024-W12');
    expect(r.json.week).toBe('2024-W12');
    expect(r.json.projects.find((p: any) => p.project === '收银台改版').series).toHaveLength(3);
    expect((await get('/dashboard?week=2024-12')).status).toBe(400);
  });

  it('issue 12: over a range — go-live slips, KPI breaches, incidents and reviews of the range only', async () => {
    const d = (await get('/dashboard?from=2024-W11&to=2024-W13')).json;
    expect(d).toMatchObject({ week: '2024-W13', range: { from: '2024-W11', to: '2024-W13' } });
    const cashier = d.projects.find((p: any) => p.project === '收银台改版');
    expect(cashier).toMatchObject({ progress: 70, due: '2024-04-20', slips: [{ week: '2024-W12', from: '2024-04-10', to: '2024-04-20' }] });
    expect(d.kpis[0]).toMatchObject({ name: '成功率', value: 99.992, target: 99.99, breaches: [{ week: '2024-W12', value: 99.98, target: 99.99 }] });
    expect(d.incidents.list.map((i: any) => i.blockId)).toEqual(['i-2024-W11']);
    expect(d.incidents.pending.map((i: any) => i.blockId)).toEqual(['i-2024-W11']);
    // A project reported only before the range is not in it; one reported in it keeps its earlier progress.
    const w14 = (await get('/dashboard?from=2024-W14&to=2024-W14')).json;
    expect(w14.projects.map((p: any) => p.project)).toContain('账户系统');
    expect(w14.incidents.total).toBe(0);
  });

  it('an item whose text says it went live is neither due nor overdue; a past go-live beside a planned one is not the plan (probe)', async () => {
    const space = await spaceWith(ann);
    const importWeek = async (week: string, lines: string[]) => (await ann.call('POST', `/api/spaces/${space}/import`,
      `# ${week}\n\n## 【O1 业务服务】\n\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}\n`, { 'content-type': 'text/markdown' })).json.report.id as string;
    const w09 = await importWeek('2025-W09', ['二手收银台：移动端已于2/25上线，PC端计划3/20上线', '清结算平台：进度60%，计划3/3上线']);
    await importWeek('2025-W14', ['二手收银台：PC端已于3/27上线', '清结算平台：进度90%，计划4/3上线', 'POS收单：POC融合进度100%，上线完成；POS押金进度40%，计划4/2上线']);
    const okrs = (await ann.call('GET', `/api/reports/${w09}/items`)).json.okrs as any[];
    expect(okrs.find((o) => o.project === '二手收银台').due).toBe('2025-03-20'); // was 2025-02-25, the date mobile went live
    const due = async (week: string) => (await ann.call('GET', `/api/spaces/${space}/dashboard?week=${week}`)).json.dueSoon.map((i: any) => [i.project, i.due, i.overdue]);
    expect(await due('2025-W09')).toEqual([['清结算平台', '2025-03-03', false]]);
    // 二手收银台 went live on 3/27: not overdue (it was, beside the summary's 已上线); POS收单 is only partly live.
    expect(await due('2025-W14')).toEqual([['POS收单', '2025-04-02', true], ['清结算平台', '2025-04-03', true]]);
    const summary = (await ann.call('GET', `/api/spaces/${space}/summary?from=2025-W09&to=2025-W14`)).text;
    expect(summary).not.toContain('2025-02-25');
    const live = summary.split('## 本期上线')[1].split('##')[0];
    expect(live).toContain('二手收银台');
    expect(live).not.toContain('POS收单');
  });

  it('lists open risks with a date among the items due soon; resolved ones and later ones not (walkthrough)', async () => {
    const space = await spaceWith(ann);
    await ann.call('POST', `/api/spaces/${space}/import`, [
      '# 2025-W20', '', '## 【O1 业务服务】', '', '1. 清结算平台：进度60%，计划5/20上线', '',
      '## 【风险与求助】', '', '- （高）工行联调排期未定，需要工行支持，截止5/22', '- （中）证书续期，截止5/16【已解决】', '- （低）文档评审，截止6/30', '',
    ].join('\n'), { 'content-type': 'text/markdown' });
    const d = (await ann.call('GET', `/api/spaces/${space}/dashboard?week=2025-W20`)).json;
    expect(d.dueSoon.map((i: any) => [i.kind, i.project ?? i.text.slice(0, 8), i.due])).toEqual([
      ['okr', '清结算平台', '2025-05-20'], ['risk', '（高）工行联调排', '2025-05-22'],
    ]);
  });

  it('is for members only', async () => {
    const [eve] = await signedUp(s.base, 'Eve');
    expect((await eve.call('GET', `/api/spaces/${spaceId}/dashboard`)).status).toBe(404);
    expect((await eve.call('GET', `/api/spaces/${spaceId}/incidents`)).status).toBe(404);
  });
});
