import { addWeek, currentWeek, weekStart } from '../../shared/week.js';
import { defaultObjectives } from '../../shared/objectives.js';

/**
 * Invented weekly reports for the demo space, in the Markdown shape of the real exports: key projects,
 * four objectives of numbered items with progress and go-live dates, KPI lines, incidents. Nothing here is
 * taken from real reports; numbers come from a seeded generator, so the same week always reads the same.
 */

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Project { name: string; objective: 'O1' | 'O2' | 'O3' | 'O4'; start: number; speed: number; goLiveWeek: number; notes: string[] }

const PROJECTS: Project[] = [
  { name: '跨境收款', objective: 'O1', start: 10, speed: 8, goLiveWeek: 9, notes: ['完成外汇通道联调', '与合规确认申报流程', '灰度商户扩至12家'] },
  { name: '分期付款', objective: 'O1', start: 30, speed: 6, goLiveWeek: 11, notes: ['银行侧额度接口对接中', '风控策略评审通过', '收银台分期入口设计完成'] },
  { name: '商户结算提速', objective: 'O1', start: 55, speed: 5, goLiveWeek: 7, notes: ['T+0结算试点3城', '对账差异率降至0.01%', '结算日报上线'] },
  { name: '统一账户中心', objective: 'O2', start: 20, speed: 7, goLiveWeek: 10, notes: ['账户模型评审完成', '余额服务压测通过', '迁移脚本开发中'] },
  { name: '支付网关重构', objective: 'O2', start: 40, speed: 5, goLiveWeek: 12, notes: ['路由规则引擎提测', '新老网关双写验证', '连接池参数调优'] },
  { name: '清分引擎', objective: 'O2', start: 5, speed: 9, goLiveWeek: 8, notes: ['规则配置后台完成', '清分结果核对工具上线', '性能基线测试'] },
  { name: '多活容灾', objective: 'O3', start: 35, speed: 4, goLiveWeek: 13, notes: ['第二机房流量切换演练', '数据同步延迟监控', '故障注入演练完成'] },
  { name: '日志平台迁移', objective: 'O3', start: 60, speed: 6, goLiveWeek: 6, notes: ['核心应用接入完成', '旧集群下线评估', '告警规则迁移'] },
  { name: '密钥轮换', objective: 'O3', start: 15, speed: 8, goLiveWeek: 9, notes: ['HSM接口对接', '轮换流程演练', '审计报表开发'] },
  { name: '智能客服助手', objective: 'O4', start: 25, speed: 7, goLiveWeek: 10, notes: ['知识库新增80条', '回答准确率提升到83%', '工单自动分类试运行'] },
  { name: '发票识别', objective: 'O4', start: 45, speed: 5, goLiveWeek: 8, notes: ['识别准确率92.4%', '新增增值税专票模板', '人工复核占比下降'] },
];

const KEY_PROJECTS = [
  { name: '星桥收银台', lines: ['新版收银台完成%d家商户接入', '支付成功率较旧版提升0.%d个百分点', '下周启动小程序端适配'] },
  { name: '蓝鲸对账', lines: ['自动对账覆盖%d个渠道', '差错处理时效缩短到%d小时', '与财务确认月结口径'] },
  { name: '青禾风控', lines: ['新增%d条实时规则', '误拦率降至0.0%d%', '模型迭代方案评审'] },
];

const OBJECTIVES = defaultObjectives.map((o) => [o.code, o.title] as const);

const INCIDENTS = [
  { what: '网关节点CPU飙高，部分请求超时', cause: '定时任务与大促流量叠加' },
  { what: '某银行通道返回码异常，代扣失败率升高', cause: '银行侧证书更新未同步' },
  { what: '对账文件延迟生成', cause: '上游文件服务磁盘写满' },
  { what: '退款回调重复通知商户', cause: '消息重试策略配置错误' },
  { what: '收银台页面白屏', cause: 'CDN节点缓存了错误版本' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The demo report of one week: `n` is its index among the demo weeks (0 = oldest). */
export function demoReport(week: string, n: number): string {
  const r = rng(n * 7919 + 17);
  const monday = weekStart(week);
  const friday = new Date(monday.getTime() + 4 * 86_400_000);
  const lines: string[] = [`# ${week}`, '', `Created: ${friday.getFullYear()}年${friday.getMonth() + 1}月${friday.getDate()}日 17:${pad(10 + Math.floor(r() * 40))}`, ''];

  for (const kp of KEY_PROJECTS) {
    lines.push(`- 【${kp.name}】`);
    kp.lines.forEach((l, i) => lines.push(`    ${i + 1}. ${l.replace(/%d/g, () => String(2 + n + Math.floor(r() * 25)))}`));
  }
  lines.push('');

  for (const [code, title] of OBJECTIVES) {
    lines.push(`## 【${code} ${title}】`, '');
    PROJECTS.filter((p) => p.objective === code).forEach((p, i) => {
      const progress = Math.min(100, p.start + p.speed * n + Math.floor(r() * 3));
      // Some go-live dates slip by a week now and then.
      const slip = n > 6 && r() < 0.3 ? 1 : 0;
      const goLive = weekStart(addWeek(week, Math.max(1, p.goLiveWeek - n + slip)));
      const goLiveDay = new Date(goLive.getTime() + 3 * 86_400_000);
      const note = p.notes[n % p.notes.length];
      const status = progress >= 100 ? '进度100%，已上线' : `进度${progress}%，计划${goLiveDay.getMonth() + 1}/${goLiveDay.getDate()}上线`;
      lines.push(`${i + 1}. ${p.name}：${note}，${status}`);
    });
    lines.push('');
  }

  const kpi = (base: number, spread: number) => String(Math.min(100, Number((base + (r() - 0.5) * spread).toFixed(3))));
  lines.push('## 【系统运行数据】', '', '支付成功率：', '', `- 入金有效成功率：${kpi(99.99, 0.012)}%`, `- 出金有效成功率：${kpi(99.975, 0.03)}%`, '',
    '系统可用性：', '', `- 年度可用性：${kpi(99.996, 0.004)}%`, `- 平均响应时间：${Math.round(110 + r() * 40)}ms`, `- 事故数AB级0次，C级${n % 5 === 3 ? 1 : 0}次，D级${n % 3}次`, '');

  lines.push('## 【生产事件】', '');
  const count = n % 4 === 1 ? 0 : 1 + (n % 2);
  if (count === 0) lines.push('本周无生产事件。', '');
  for (let i = 0; i < count; i++) {
    const inc = INCIDENTS[(n + i * 2) % INCIDENTS.length];
    const day = new Date(monday.getTime() + Math.floor(r() * 5) * 86_400_000);
    const h = 9 + Math.floor(r() * 9);
    const m = Math.floor(r() * 50);
    const minutes = 5 + Math.floor(r() * 50);
    const pending = r() < 0.5 ? '【待复盘】' : '';
    lines.push(`${pad(day.getMonth() + 1)}/${pad(day.getDate())} ${pad(h)}:${pad(m)} ${inc.what}，原因：${inc.cause}，共持续${minutes}min，已恢复。${pending}`, '');
  }

  lines.push('## 【其他】', '', '1. 团队技术分享：支付链路压测实践', `2. 季度规划第${1 + (n % 3)}轮讨论`, '');
  lines.push('## 收获与反思', '', ['稳定性靠日常的每一次变更评审。', '小步快跑，比一次性大改更可控。', '把数据看板用起来，问题会更早暴露。'][n % 3], '');
  lines.push('# 下周工作及目标', '', '1. 跨境收款灰度扩量', '2. 统一账户中心迁移演练', '3. 多活容灾季度演练复盘', '');
  return lines.join('\n');
}

/** The `count` most recent weeks, oldest first, with their reports. */
export function demoWeeks(count = 12, now = currentWeek()): { week: string; markdown: string }[] {
  return Array.from({ length: count }, (_, i) => addWeek(now, i - count + 1)).map((week, i) => ({ week, markdown: demoReport(week, i) }));
}
