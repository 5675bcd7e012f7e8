/**
 * The registry of structured blocks, imported by the web editor (which adds React node views) and by the
 * server (which reads Yjs documents without a DOM). Each block is declared once, in its own file.
 */
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { mention } from './mention.js';
import { getSchema, type AnyExtension } from '@tiptap/core';
import { BlockIds } from './blockIds.js';
import { incident } from './incident.js';
import { kpiRow, kpiTable } from './kpiTable.js';
import { keyProject } from './keyProject.js';
import { objective } from './objective.js';
import { okrItem } from './okrItem.js';

export { incident, kpiRow, kpiTable, keyProject, objective, okrItem, BlockIds };
export * from './types.js';

export const blocks = [keyProject, objective, okrItem, kpiTable, kpiRow, incident] as const;
export const blockTypes = blocks.map((b) => b.name);

/** The document's extensions without any view: the same schema on server and client. */
export function headlessExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false }),
    // Checklists (next week's plan carried to the top of a new report); StarterKit v3 has no task list.
    TaskList,
    TaskItem.configure({ nested: true }),
    mention,
    ...blocks.map((b) => b.node),
    BlockIds.configure({ types: blockTypes }),
  ];
}

let schema: ReturnType<typeof getSchema> | null = null;
/** The ProseMirror schema of a report, built once. */
export const reportSchema = () => (schema ??= getSchema(headlessExtensions()));
