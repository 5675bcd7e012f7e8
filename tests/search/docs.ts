import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { reportSchema } from '../../shared/blocks/index.js';
import { dueFrom, progressFrom } from '../../shared/parse/okrText.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { connect, eventually, type TestUser } from '../helpers/client.js';

/** Small builders of report documents for the search and rollup tests (the shape the editor and import write). */
export const text = (t: string): DocNode => ({ type: 'text', text: t });
export const p = (t: string): DocNode => ({ type: 'paragraph', content: t ? [text(t)] : [] });
export const h = (level: number, t: string): DocNode => ({ type: 'heading', attrs: { level }, content: [text(t)] });
export const objective = (blockId: string, code: string, title: string): DocNode => ({ type: 'objective', attrs: { blockId, code, title } });
export const okr = (blockId: string, t: string, attrs: Record<string, unknown> = {}): DocNode =>
  ({ type: 'okrItem', attrs: { blockId, ...attrs }, content: [p(t)] });
/** The fields an author accepted from an OKR item's text (what import sets): its progress and go-live. */
export const accepted = (t: string, year = 2024) => ({ progress: progressFrom(t), due: dueFrom(t, year) });
export const kpis = (blockId: string, rows: { blockId: string; name: string; value: number | null; unit: string; target?: number | null }[]): DocNode =>
  ({ type: 'kpiTable', attrs: { blockId, title: '系统运行数据' }, content: rows.map((r) => ({ type: 'kpiRow', attrs: { target: null, ...r } })) });
export const incident = (blockId: string, t: string, attrs: Record<string, unknown> = {}): DocNode =>
  ({ type: 'incident', attrs: { blockId, ...attrs }, content: [p(t)] });
export const keyProject = (blockId: string, project: string, t: string): DocNode =>
  ({ type: 'keyProject', attrs: { blockId, project }, content: [p(t)] });
export const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });

/** The document as a Yjs update, to apply to a connected client's doc (so it travels as a real edit). */
export function docUpdate(json: DocNode): Uint8Array {
  const ydoc = prosemirrorJSONToYDoc(reportSchema(), json, 'default');
  const u = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return u;
}

/** Depth-first search for the element whose blockId attribute is `blockId`. */
export function findBlock(node: Y.XmlFragment | Y.XmlElement, blockId: string): Y.XmlElement | null {
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.getAttribute('blockId') === blockId) return child;
    const found = findBlock(child, blockId);
    if (found) return found;
  }
  return null;
}

/** A new report of `week` whose content is written through a real client socket; resolves once the indexer has it. */
export async function writeReport(user: TestUser, spaceId: string, week: string, json: DocNode): Promise<string> {
  const r = await user.call('POST', `/api/spaces/${spaceId}/reports`, { week });
  if (r.status !== 201) throw new Error(`create ${week}: ${r.text}`);
  const c = connect(user, r.json.id);
  await c.synced;
  Y.applyUpdate(c.doc, docUpdate(json));
  await eventually(async () => {
    const items = (await user.call('GET', `/api/reports/${r.json.id}/items`)).json;
    return Object.values(items).some((list) => (list as unknown[]).length > 0);
  }, `${week} indexed`);
  c.close();
  return r.json.id;
}
