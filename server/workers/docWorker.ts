/**
 * A worker thread's side of docWorkers.ts: the CPU-bound work on a long stored document (a 2 MB report: a second
 * or more of applying, encoding and converting) away from the thread that serves every socket and request.
 * Requests come one at a time; each answer names its request.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { applyLog, foldLog } from '../db/applyLog.js';
import { encodeDocJson } from '../../shared/doc/encodeDoc.js';
import { removeMisfits, type DocShape } from '../../shared/doc/shape.js';
import type { DocNode } from '../../shared/blocks/types.js';
import type { DocWorkerRequest, DocWorkerAnswer } from './docWorkerProtocol.js';

/** A converted document's blocks, handed over a piece at a time (each piece is one message for the main thread to read). */
const converted = new Map<number, DocNode[]>();

const answer = (a: DocWorkerAnswer, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(a, transfer);

parentPort!.on('message', (r: DocWorkerRequest) => {
  try {
    if (r.op === 'fold') {
      const { update, problems } = foldLog(r.snapshot, r.updates);
      answer({ id: r.id, update, problems }, [update.buffer as ArrayBuffer]);
    } else if (r.op === 'json') {
      const doc = new Y.Doc();
      const problems = applyLog(doc, r.snapshot, r.updates);
      const misfits = removeMisfits(doc, r.shape as DocShape);
      const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(r.field)) as DocNode;
      doc.destroy();
      const blocks = json.content ?? [];
      converted.set(r.id, blocks);
      answer({ id: r.id, problems, misfits, blocks: blocks.length });
    } else if (r.op === 'encode') {
      const update = encodeDocJson(r.json);
      answer({ id: r.id, update, problems: [] }, [update.buffer as ArrayBuffer]);
    } else if (r.op === 'take') {
      const blocks = converted.get(r.of) ?? [];
      const piece = blocks.slice(r.from, r.from + r.count);
      if (r.from + r.count >= blocks.length) converted.delete(r.of);
      answer({ id: r.id, piece });
    }
  } catch (e) {
    answer({ id: r.id, error: String((e as Error)?.stack ?? e) });
  }
});
answer({ id: 0, ready: true });
