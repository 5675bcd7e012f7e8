/**
 * What a heading of an exported report opens. Names as the department writes them; `【…】` optional.
 */
export type Section =
  | { kind: 'keyProjects' }
  | { kind: 'objective'; code: string; title: string }
  | { kind: 'kpis' }
  | { kind: 'incidents' }
  | { kind: 'other' };

const OBJECTIVE = /^[【\[]?\s*([Oo]\d{1,2})(?![\d])\s*[：:.、·\-—]?\s*(.*?)\s*[】\]]?\s*$/;

export function sectionOf(headingText: string): Section {
  const t = headingText.trim();
  const o = OBJECTIVE.exec(t);
  if (o) return { kind: 'objective', code: o[1].toUpperCase(), title: o[2].trim() };
  const bare = t.replace(/[【】\[\]\s]/g, '');
  if (/^(重点工作|重点项目|关键项目)$/.test(bare)) return { kind: 'keyProjects' };
  if (/(系统)?运行数据|^KPIs?$|^指标/i.test(bare)) return { kind: 'kpis' };
  if (/生产(事件|事故|故障)|线上(事件|事故|故障)|^事故$|^故障$/.test(bare)) return { kind: 'incidents' };
  return { kind: 'other' };
}

/** Headings the exporter writes, which import reads back as the same sections. */
export const KPI_HEADING = '【系统运行数据】';
export const INCIDENT_HEADING = '【生产事件】';
export const KEY_PROJECT_HEADING = '【重点工作】';
export const objectiveHeading = (code: string, title: string) => `【${[code, title].filter(Boolean).join(' ')}】`;

/** `【贝易转（C转）】…` at the start of a list item names a key project. */
export function keyProjectName(firstLine: string): string | null {
  return keyProjectTitle(firstLine)?.name ?? null;
}

/** The name and the length of the `【…】` title at the start of a line. */
export function keyProjectTitle(firstLine: string): { name: string; length: number } | null {
  const m = /^\s*【([^】]{1,40})】/.exec(firstLine);
  return m && m[1].trim() ? { name: m[1].trim(), length: m[0].length } : null;
}
