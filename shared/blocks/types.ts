import type { TargetOp } from '../kpiTarget.js';

/** Document JSON as TipTap/ProseMirror writes it (also what y-tiptap reads out of a Y.XmlFragment). */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** What extraction knows besides the node: the report's year, for dates written without one. */
export interface ExtractContext {
  year: number;
  /** Code of the objective section the node sits in (O1…), or null. */
  objective: string | null;
}

export const okrStatuses = ['on_track', 'at_risk', 'blocked', 'done'] as const;
export type OkrStatus = (typeof okrStatuses)[number];
/** What people call each OKR status (the editor's chip, the dashboard). */
export const okrStatusLabel: Record<OkrStatus, string> = { on_track: 'On track', at_risk: 'At risk', blocked: 'Blocked', done: 'Done' };
export const severities = ['A', 'B', 'C', 'D'] as const;
export type Severity = (typeof severities)[number];
export const reviewStatuses = ['review_pending', 'reviewed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export interface OkrItem {
  blockId: string;
  objective: string | null;
  project: string;
  text: string;
  progress: number | null;
  due: string | null;
  status: OkrStatus | null;
  /** The first of `owners` (older clients read this one). */
  owner: string | null;
  /** Members (user ids) who own the item (issue 15). */
  owners: string[];
  /** blockId of the item this one was carried forward from (its timeline continues). */
  fromId: string | null;
  /** The project's stable key (the block's attribute; /items gives the space's project it resolves to). */
  projectKey: string | null;
}
export interface KpiItem {
  blockId: string; name: string; value: number | null; unit: string; target: number | null;
  /** `≤`: the target is a ceiling (平均响应时间 ≤ 200ms); `≥` typed outright; absent: "at least", the default. */
  targetOp?: TargetOp;
  /** The value as it was typed, unit included, when that differs from how the number writes itself (`99.990%`). */
  display: string | null;
}
export interface IncidentItem {
  blockId: string;
  start: string | null;
  end: string | null;
  durationMinutes: number | null;
  severity: Severity | null;
  summary: string;
  impact: string;
  cause: string;
  status: ReviewStatus | null;
  link: string | null;
}
export interface ProjectItem { blockId: string; project: string; text: string; projectKey: string | null; owners: string[] }

/** Every structured item of one report, by list: derived from the registry (./index.ts). */
export type { ReportItems } from './index.js';
