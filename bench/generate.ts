/**
 * A synthetic space for the bench: 5 years of weekly reports (260 by default, about 25,000 items) with invented
 * Chinese and Latin project names. Projects run for a few months, their progress climbs (or stalls), their
 * go-live dates sometimes slip; KPIs wander around their targets; incidents come now and then.
 * Deterministic (seeded), so two runs build the same space.
 */
import type { DocNode } from '../shared/blocks/types.js';
import { addDays, format } from 'date-fns';
import { addWeek, weekStart } from '../shared/week.js';

const PROJECT_NAMES = [
  '收银台改版', '风控平台', '对账中心', '清结算重构', '跨境收款', '账户体系', '积分商城', '会员支付', '数据中台', '监控告警',
  '支付路由', '聚合收单', '商户进件', '分账系统', '票据服务', '资金归集', '反欺诈引擎', '智能客服', '合规报送', '灰度发布',
  '银企直连', '代扣协议', '营销券', '退款中心', '发票平台', '额度管理', '存管升级', '电子合同', '扫码点餐', '线下收银',
  'Payment Gateway', 'DocAI', 'OCR Pipeline', 'Ledger v2', 'Risk Radar', 'Checkout SDK', 'Billing API', 'Open Banking',
  'POS Terminal', 'Fraud Shield', 'Data Lake', 'Smart Routing', 'KYC Portal', 'Settlement Engine', 'Wallet 3.0',
  'Merchant Hub', 'API Gateway', 'Chaos Drill', 'Alert Center', 'Token Vault', 'HarmonyOS App', 'Edge Cache',
];
const DECORATIONS = ['', '', '', '（二期）', '（一期）', ' v2', '（试点）'];
const VERBS = ['完成联调', '进入测试', '方案评审通过', '灰度放量', '上线稳定运行', '需求澄清中', '等待银行排期', '完成压测', '推进验收', '梳理接口'];
const CITIES = ['北京', '上海', '成都', '杭州', '武汉', '深圳', '青岛', '长春'];
const KPI_NAMES = [
  ['入金有效成功率', '%', 99.99], ['出金有效成功率', '%', 99.95], ['年度可用性', '%', 99.99], ['收单成功率', '%', 99.9],
  ['平均响应时间', 'ms', 200], ['日均交易笔数', '万笔', 120], ['退款时效', '小时', 24], ['对账差错率', '%', 0.01],
] as const;
const OBJECTIVES = [['O1', '业务服务'], ['O2', '能力升级'], ['O3', '平台治理'], ['O4', '支付 × AI']] as const;

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Project { name: string; objective: number; start: number; length: number; progress: number; dueWeek: number; stallUntil: number }

export interface SyntheticReport { week: string; doc: DocNode; items: number }

let ids = 0;
const bid = () => `b${(ids++).toString(36)}`;
const text = (t: string): DocNode => ({ type: 'text', text: t });
const para = (t: string): DocNode => ({ type: 'paragraph', content: [text(t)] });

/** 260 weeks from 2020-W02 by default; about 96 items a report. */
export function generateSpace(opts: { weeks?: number; okrsPerWeek?: number; seed?: number; firstWeek?: string } = {}): SyntheticReport[] {
  const weeks = opts.weeks ?? 260;
  const okrsPerWeek = opts.okrsPerWeek ?? 72;
  const first = opts.firstWeek ?? '2020-W02';
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

  // Enough projects that each week has okrsPerWeek live ones: each lives 8–30 weeks.
  const projects: Project[] = [];
  let serial = 0;
  const spawn = (w: number) => {
    const base = PROJECT_NAMES[serial % PROJECT_NAMES.length];
    const round = Math.floor(serial / PROJECT_NAMES.length);
    serial++;
    const name = (round > 0 ? `${base}${round + 1}期` : base) + pick(DECORATIONS);
    const length = 8 + Math.floor(rand() * 23);
    projects.push({ name, objective: Math.floor(rand() * 4), start: w, length, progress: Math.floor(rand() * 20), dueWeek: w + length, stallUntil: -1 });
  };

  const out: SyntheticReport[] = [];
  for (let w = 0; w < weeks; w++) {
    const week = addWeek(first, w);
    const live = projects.filter((p) => p.start <= w && p.start + p.length > w);
    while (live.length < okrsPerWeek) { spawn(w); live.push(projects[projects.length - 1]); }
    const content: DocNode[] = [];
    let items = 0;

    // Key projects: the four biggest live projects.
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text('【重点工作】')] });
    for (const p of live.slice(0, 4)) {
      content.push({ type: 'keyProject', attrs: { blockId: bid(), project: p.name }, content: [
        para(`【${p.name}】`), para(`${pick(CITIES)}${pick(VERBS)}，${pick(VERBS)}。`), para(`下周计划：${pick(VERBS)}`),
      ] });
      items++;
    }

    for (let o = 0; o < 4; o++) {
      content.push({ type: 'objective', attrs: { blockId: bid(), code: OBJECTIVES[o][0], title: OBJECTIVES[o][1] } });
      for (const p of live.filter((x) => x.objective === o)) {
        if (w > p.stallUntil && rand() < 0.04) p.stallUntil = w + 3 + Math.floor(rand() * 4);
        if (w > p.stallUntil) p.progress = Math.min(100, p.progress + Math.floor(rand() * 9));
        if (rand() < 0.05) p.dueWeek += 1 + Math.floor(rand() * 3); // the go-live date slips
        const due = weekDay(addWeek(first, p.dueWeek), 3);
        const [, mm, dd] = due.split('-');
        const t = `${p.name}：${pick(CITIES)}${pick(VERBS)}，进度${p.progress}%，计划${Number(mm)}/${Number(dd)}上线`;
        content.push({ type: 'okrItem', attrs: { blockId: bid(), project: '', progress: null, due: null,
          status: p.progress >= 100 ? 'done' : rand() < 0.1 ? 'at_risk' : 'on_track', owner: null, fromId: null }, content: [para(t)] });
        items++;
      }
    }

    content.push({ type: 'heading', attrs: { level: 2 }, content: [text('【系统运行数据】')] });
    content.push({ type: 'kpiTable', attrs: { blockId: bid(), title: '系统运行数据' }, content: KPI_NAMES.map(([name, unit, target]) => {
      const noise = (rand() - 0.45) * (unit === '%' ? 0.02 : target * 0.2);
      return { type: 'kpiRow', attrs: { blockId: bid(), name, value: Math.round((target + noise) * 1000) / 1000, unit, target } };
    }) });
    items += KPI_NAMES.length;

    content.push({ type: 'heading', attrs: { level: 2 }, content: [text('【生产事件】')] });
    const incidents = Math.floor(rand() * 4);
    for (let i = 0; i < incidents; i++) {
      const day = weekDay(week, Math.floor(rand() * 5));
      const hh = String(8 + Math.floor(rand() * 12)).padStart(2, '0');
      const minutes = 1 + Math.floor(rand() * 240);
      content.push({ type: 'incident', attrs: { blockId: bid(), start: `${day}T${hh}:15`, end: null, durationMinutes: minutes, severity: pick(['A', 'B', 'C', 'D']),
        impact: '', cause: '', status: rand() < 0.3 ? 'review_pending' : 'reviewed', link: null },
      content: [para(`${day.slice(5).replace('-', '/')} ${hh}:15 ${pick(live).name} ${pick(['支付超时', '回调失败', 'POS终端掉线', '对账不平', 'API 5xx'])}，持续${minutes}min`)] });
      items++;
    }

    content.push({ type: 'heading', attrs: { level: 2 }, content: [text('收获与反思')] });
    for (let i = 0; i < 8; i++) content.push(para(`${pick(live).name}${pick(VERBS)}，${pick(CITIES)}团队${pick(['复盘', '沟通', '协作', '好店调研', '密评整改'])}。`));
    out.push({ week, doc: { type: 'doc', content }, items });
  }
  return out;
}

/** The date (YYYY-MM-DD) of the given weekday (0 = Monday) of an ISO week. */
const weekDay = (week: string, day: number) => format(addDays(weekStart(week), day), 'yyyy-MM-dd');
