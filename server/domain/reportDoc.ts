import * as Y from 'yjs';
import { loadYDoc, type DocStore } from '../db/docStore.js';
import type { Rooms } from '../sync/rooms.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { docJsonInTurns, storedDocJson } from './docJson.js';

/** The editor's content lives in this fragment (TipTap's default field). */
export const FRAGMENT = DOC_FIELD;

/**
 * Runs `fn` on the report's current Y.Doc: the live room's when it is open here, else a fresh load from
 * storage (destroyed afterwards). Read-only: nothing is written.
 */
export async function withReportDoc<T>(d: { rooms: Rooms; store: DocStore }, reportId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
  const live = (await d.rooms.peek(reportId))?.doc;
  if (live) return fn(live);
  const doc = await loadYDoc(d.store, reportId);
  try {
    return await fn(doc);
  } finally {
    doc.destroy();
  }
}

/** The report's current content as ProseMirror JSON (a long one converted in turns: domain/docJson.ts). */
export async function readReportJson(d: { rooms: Rooms; store: DocStore }, reportId: string): Promise<DocNode> {
  const live = (await d.rooms.peek(reportId))?.doc;
  return live ? docJsonInTurns(live) : storedDocJson(d.store, reportId);
}

/** Every node with a blockId, by id (first occurrence wins, as in the BlockIds extension). */
export function blocksById(doc: DocNode): Map<string, DocNode> {
  const found = new Map<string, DocNode>();
  const walk = (n: DocNode) => {
    const id = n.attrs?.blockId;
    if (typeof id === 'string' && id && !found.has(id)) found.set(id, n);
    for (const c of n.content ?? []) walk(c);
  };
  walk(doc);
  return found;
}
