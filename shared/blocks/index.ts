/**
 * The registry of structured blocks, imported by the web editor (which adds React node views) and by the
 * server (which reads Yjs documents without a DOM). Each block is declared once, in its own file, as a BlockDef
 * (./def.ts); everything that handles blocks loops over `blocks` below. Adding a block: its file here, one entry
 * in `blocks`, its view in web/editor/blocks/ (and its entry in that folder's `views`), and tests.
 */
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import { getSchema, type AnyExtension } from '@tiptap/core';
import { mention } from './mention.js';
import { BlockIds } from './blockIds.js';
import type { AnyBlockDef, ItemsFacet } from './def.js';
import { incident } from './incident.js';
import { kpiRow, kpiTable } from './kpiTable.js';
import { keyProject } from './keyProject.js';
import { objective } from './objective.js';
import { okrItem } from './okrItem.js';
import { risk } from './risk.js';

export { incident, kpiRow, kpiTable, keyProject, objective, okrItem, risk, BlockIds };
export * from './types.js';
export type { AnyBlockDef, BlockDef } from './def.js';

/** Every block, in the order search ranks their kinds and the `/` menu lists them. */
export const blocks = [keyProject, objective, okrItem, kpiTable, kpiRow, incident, risk] as const;

export type Block = (typeof blocks)[number];
export type BlockName = Block['name'];
export const blockTypes: string[] = blocks.map((b) => b.name);
const byName = new Map<string, AnyBlockDef>(blocks.map((b) => [b.name, b]));
/** The block of a node type, if it is one. */
export const blockOf = (type: string): AnyBlockDef | undefined => byName.get(type);

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type ItemsOf<D> = D extends { items?: infer F } ? (F extends ItemsFacet<infer I, infer K, string> ? { [P in K]: I[] } : never) : never;
type Flat<T> = { [K in keyof T]: T[K] };
/** Every structured item of one report, by list, as the server indexes it and GET /api/reports/:id/items returns it. */
export type ReportItems = Flat<UnionToIntersection<ItemsOf<Block>>>;
export type ItemKey = keyof ReportItems;
/** Kinds of item rows and of search results (besides `text`). */
export type ItemKind = NonNullable<Block['items']>['kind'];

/** The blocks that list items of their own, in registry order. */
export const itemBlocks = blocks.filter((b) => b.items) as unknown as (AnyBlockDef & { items: ItemsFacet<any, ItemKey, ItemKind> })[];
export const itemKinds = itemBlocks.map((b) => b.items.kind);
/** What search can be narrowed to: every item kind, and plain text. */
export type SearchKind = ItemKind | 'text';
export const searchKinds = [...itemKinds, 'text'] as unknown as [SearchKind, ...SearchKind[]];
/** Labels of the search kinds. */
export const searchKindLabel = Object.fromEntries([...itemBlocks.map((b) => [b.items.kind, b.items.label]), ['text', 'Text']]) as Record<SearchKind, string>;
export const itemBlockOfKind = (kind: string) => itemBlocks.find((b) => b.items.kind === kind);

/** A report with no items: every list empty. */
export const emptyItems = (): ReportItems => Object.fromEntries(itemBlocks.map((b) => [b.items.key, []])) as unknown as ReportItems;

/** The section a Markdown heading opens (its text, `【…】` optional), with what it read from the heading. */
export function sectionOf(headingText: string): { block: AnyBlockDef; attrs: Record<string, unknown> } | null {
  for (const b of blocks as readonly AnyBlockDef[]) {
    const attrs = b.markdown?.section?.match(headingText);
    if (attrs) return { block: b, attrs };
  }
  return null;
}

/** The document's extensions without any view: the same schema on server and client. */
export function headlessExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false }),
    // Checklists (next week's plan carried to the top of a new report); StarterKit v3 has no task list.
    TaskList,
    TaskItem.configure({ nested: true }),
    // GFM pipe tables read from imported reports (issue 12): table, rows, header and body cells.
    TableKit.configure({ table: { resizable: false } }),
    mention,
    ...blocks.map((b) => b.node),
    BlockIds.configure({ types: blockTypes }),
  ];
}

let schema: ReturnType<typeof getSchema> | null = null;
/** The ProseMirror schema of a report, built once. */
export const reportSchema = () => (schema ??= getSchema(headlessExtensions()));
