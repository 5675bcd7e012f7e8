import { updateYFragment } from '@tiptap/y-tiptap';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import type { Conn } from '../helpers/client.js';

/** Replaces a connected client's document with `json`, as an editor would (one Yjs transaction). */
export function writeDoc(conn: Conn, json: DocNode) {
  conn.doc.transact(() => updateYFragment(conn.doc, conn.frag, reportSchema().nodeFromJSON(json), { mapping: new Map(), isOMark: new Map() }));
}

const p = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** A small report: a key project, an objective with two OKR items (one owned), a KPI table, an incident. */
export function sampleDoc(ownerId: string | null = null): DocNode {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '2024-W12' }] },
      { type: 'keyProject', attrs: { blockId: 'kp1', project: '贝易转' }, content: [p('立项完成')] },
      { type: 'objective', attrs: { blockId: 'ob1', code: 'O1', title: '业务服务' } },
      { type: 'okrItem', attrs: { blockId: 'okr1', project: '物保三期', progress: 95, due: '2024-03-28', status: 'on_track', owner: ownerId }, content: [p('物保三期进度95%，计划3/28上线')] },
      { type: 'okrItem', attrs: { blockId: 'okr2', project: '聚合支付' }, content: [p('聚合支付：试点沟通')] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '【系统运行数据】' }] },
      { type: 'kpiTable', attrs: { blockId: 'kpi1', title: '' }, content: [
        { type: 'kpiRow', attrs: { blockId: 'row1', name: '入金有效成功率', value: 99.997, unit: '%', target: 99.99 } },
        { type: 'kpiRow', attrs: { blockId: 'row2', name: '出金成功率', value: 99.9, unit: '%', target: null } },
      ] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '【生产事件】' }] },
      { type: 'incident', attrs: { blockId: 'inc1', start: '2024-03-21T15:43', end: '2024-03-21T16:15', durationMinutes: 32, severity: 'C', status: 'review_pending' }, content: [p('3/21 15:43 入金失败')] },
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '下周工作及目标' }] },
      { type: 'orderedList', content: [
        { type: 'listItem', content: [p('高P人员盘点与沟通')] },
        { type: 'listItem', content: [p('贝易转立项')] },
      ] },
    ],
  };
}
