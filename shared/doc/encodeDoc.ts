import * as Y from 'yjs';
import { prosemirrorToYDoc } from '@tiptap/y-tiptap';
import { reportSchema } from '../blocks/index.js';
import type { DocNode } from '../blocks/types.js';
import { DOC_FIELD } from './field.js';

/**
 * A report's ProseMirror JSON → the Yjs update of a new document holding it, checked against the schema first (a
 * RangeError names what does not fit). Import and "next week" write new reports this way.
 */
export function encodeDocJson(json: DocNode): Uint8Array {
  const node = reportSchema().nodeFromJSON(json);
  node.check();
  const ydoc = prosemirrorToYDoc(node, DOC_FIELD); // prosemirrorJSONToYDoc without building the node again
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}
