import type { JSONContent, Node } from '@tiptap/core';
import type { Heading, ListItem, RootContent } from 'mdast';
import type { DocNode, ExtractContext } from './types.js';

/**
 * What a structured block is, in one typed object: its node and attributes, how it becomes items, how those are
 * stored and searched, how it reads from and writes to Markdown, how it behaves in the editor and where it sits in
 * the `/` menu, and what "Start next week" does with it. Every module that handles blocks (extract, indexer,
 * search, Markdown, editor keys, `/` menu, carry-forward, dashboard) loops over the registry (./index.ts) of these.
 */
export interface BlockDef<Out = unknown, Key extends string = string, Kind extends string = string> {
  /** The node's name, in the schema and in the Yjs document. */
  name: string;
  /** The headless TipTap node (attributes, content, HTML); the web editor adds a React view to it. */
  node: Node;
  /** What the block holds, read from its attributes and text: its item (or items: a KPI table's rows). */
  extract(node: DocNode, ctx: ExtractContext): Out;
  /** Where its items are listed, stored and searched; blocks without it (an objective heading, a KPI row) list none of their own. */
  items?: ItemsFacet<ElementOf<Out>, Key, Kind>;
  /**
   * The block names a project (OKR items, key projects): the attribute that holds the project's stable key, which
   * "Start next week" keeps and import sets by linking names to nearby weeks' projects (issue 12). Its items carry
   * `project` and `projectKey`; the server resolves them to the space's project (merges and splits of names).
   */
  projectAttr?: 'projectKey';
  /** Extraction reads the blocks inside it too (a key project may hold OKR items). */
  container?: boolean;
  /** What the block sets for the blocks after it, up to the next heading of level 1–2 (an objective: their section). */
  enters?(node: DocNode): Partial<ExtractContext>;
  editor?: EditorTraits;
  /** Its entry in the `/` menu (id: the block's name). */
  slash?: SlashEntry;
  markdown?: MarkdownRules;
  /**
   * "Start next week": the block in next week's report. `copy` is a deep copy whose blockIds are already new
   * (`original` has the old ones); null leaves the block behind. Top-level blocks without `carry` stay with their week.
   */
  carry?(copy: DocNode, original: DocNode, ctx: ExtractContext): DocNode | null;
  /** The members (userIds) who own the block (issue 15), told of comments on it and asked for its weekly update. */
  ownerIds?(attrs: Record<string, unknown>): string[];
  /** A short human name for the block, where comments point at it ("OKR · 物保三期"). */
  label?(attrs: Record<string, unknown>, text: string): string;
}

/** Columns of an item row that rollups query (server/search/itemRows.ts maps them); the whole item is kept as JSON beside them. */
export interface ItemColumns {
  text: string;
  objective?: string | null; project?: string | null; progress?: number | null; due?: string | null;
  status?: string | null; owner?: string | null; fromId?: string | null; projectKey?: string | null;
  name?: string | null; value?: number | null; unit?: string | null; target?: number | null; targetOp?: string | null;
  start?: string | null; end?: string | null; durationMinutes?: number | null; severity?: string | null; review?: string | null;
}

/** One searchable piece of text of an item. */
export interface SearchFields { project: string | null; progress: number | null; text: string }

export interface ItemsFacet<Item, Key extends string, Kind extends string> {
  /** Its list in GET /api/reports/:id/items (`okrs`, `risks`…). */
  key: Key;
  /** Its item-row kind and search kind (`okr`, `risk`…). */
  kind: Kind;
  /** What people call the kind (search filters). */
  label: string;
  row(item: Item): ItemColumns;
  search(item: Item): SearchFields;
  /** Members who own the item (issue 15): its owners are asked for its weekly update. Items without it have none. */
  owners?(item: Item): string[];
  /**
   * Items listed on the dashboard across the space while open: the newest copy of each (a copy carried into a later
   * week names the one it continues in `fromId`, which is then no longer shown).
   */
  open?: {
    /** The dashboard panel's title. */
    title: string;
    isOpen(item: Item): boolean;
    /**
     * What makes copies in different weeks one item when neither names the other (weeks imported, or written by hand),
     * from the item's text: the newest copy stands for the older ones with the same key, open or not, and "changes
     * since last week" pairs them.
     */
    sameText?(text: string): string;
    /** How one shows in the panel: its text, short facts beside it, how alarming it is. */
    line(item: Item): { text: string; facts: string[]; tone?: 'danger' | 'warn' };
  };
}

export interface EditorTraits {
  /** Holds text only: a structured block inserted inside it goes right after it instead (OKR item, incident, risk). */
  leaf?: boolean;
  /**
   * Its fields, as one selector inside its view, matched in page order: Tab and Shift+Tab go round them and the
   * block's text, never out of the block (web/editor/blocks/fieldKeys.ts).
   */
  fields?: string;
  /** The field Tab goes to from the block's text (a selector inside its view; the first of `fields` when not given). */
  firstField?: string;
  /** Enter in one of its fields commits it and stays in the block: back to its text (the default), or the same field of the next row (a KPI table). */
  enterInField?: 'text' | 'nextRow';
  /** Enter at the end of its last line leaves the block (one-line items: OKR item, incident, risk). */
  exitAtEnd?: boolean;
  /** Enter on an empty last line of its text leaves the block (the line moves out, after it). */
  exitOnEmptyLine?: boolean;
}

export interface SlashEntry {
  title: string;
  hint: string;
  icon: string;
  /** Words people may type after `/` (English, Chinese, the sample reports' words). */
  keywords: string[];
  /** What is inserted (fresh blockIds each time). */
  content(): JSONContent[];
  /** A field to focus instead of the text (a selector inside the inserted block's view). */
  focus?: string;
}

/** What a section reader may use while it reads a Markdown report. */
export interface ReadContext {
  year: number;
  month: number | undefined;
  /** The whole file (mdast nodes point into it). */
  source: string;
  /** The document being built, top-level blocks in order: readers push onto it. */
  out: DocNode[];
  /** The member a name written in the report stands for (`负责人：张三` → userId), when the import knows the space's people. */
  personId(name: string): string | null;
  /** Members for owners written by name (`张三、李四`): names that are no member are noted for the import's warnings. */
  personIds(names: string): string[];
  /**
   * A block written inside a key project (`- 【生产事件】…`, `- 【系统运行数据】…`, `- 【OKR】…`: a list item that starts with a
   * section's heading, as the block's `nested` rule writes it), read by that block's `fromNested`; null otherwise.
   */
  nestedBlock(item: ListItem): DocNode | null;
  /**
   * takeFields (../markdown/fields.ts), noting the group it took off the text (ParsedReport.fieldGroups) so that the
   * "no line lost" check knows that group went into fields.
   */
  takeFields(p: DocNode | undefined, labels: readonly string[]): Record<string, string> | null;
}

/** Reads the content of one section of a Markdown report (fresh state for each section). */
export interface SectionReader {
  /** Offered every node first: true when it belongs to something still open (the content under a `### 【project】`). */
  take?(node: RootContent): boolean;
  /** A heading inside the section that does not open another section: true when the reader made it a block itself. */
  heading?(node: Heading, block: DocNode, text: string): boolean;
  /** Any other node of the section. */
  read(node: RootContent): void;
}

/** How the exporter lends its writing to a block (so block files never import the exporter). */
export interface MarkdownWriter {
  /** The report's year and month (dates written without a year are read in it). */
  year: number;
  month: number;
  /** The node before this one (a KPI table's title paragraph). */
  prev: DocNode | undefined;
  /** Position in a run of consecutive blocks of this type (0 for the first): OKR items are numbered by it. */
  run: number;
  /** Any block as Markdown, structured blocks nested (`nested`, else `export`). */
  blockText(node: DocNode): string;
  /** A list item: the marker, the first block's text, the rest indented under it. */
  item(marker: string, content: DocNode[]): string;
  /** A member's name (owners are kept as userIds), or null when the export does not know them. */
  personName(userId: string): string | null;
}

/** One piece of exported Markdown; consecutive list pieces stay one list. */
export interface Chunk {
  text: string;
  list?: boolean;
  /** The list's marker kind (`-`, `*`, `.`, `)`): a piece of another kind starts a new list (a blank line before it). */
  marker?: string;
}

export interface MarkdownRules {
  /** The section of a report the block lives in. */
  section?: {
    /** What a heading opens: attributes read from it (`{code, title}` of `【O1 业务服务】`), or null when not this section. */
    match(headingText: string): Record<string, unknown> | null;
    /** The heading the exporter writes before the block when not in its section already; none when the block is its own heading. */
    heading?: string;
    /** The heading becomes this block (with the attributes `match` read) instead of a heading. */
    asBlock?: boolean;
    /** Also reads what comes before any section (key projects at the top of a report). */
    preamble?: boolean;
    /** Another block's section that reads this block too, where the exporter writes no heading (an OKR item in an objective's). */
    alsoIn?: string;
    reader(ctx: ReadContext, opts: { preamble: boolean }): SectionReader;
  };
  /** The block at the top level of the report: its Markdown, with every field the text alone would not give written into it. */
  export?(node: DocNode, w: MarkdownWriter): Chunk[];
  /** Inside another block (a key project): its Markdown there; `export`'s pieces when absent. */
  nested?(node: DocNode, w: MarkdownWriter): string;
  /**
   * Reads back what `nested` wrote: a list item inside a key project starting with the block's `section.heading`
   * (`- 【生产事件】3/21 15:43 …`); null when the item is not one (it stays the project's text).
   */
  fromNested?(item: ListItem, ctx: ReadContext): DocNode | null;
  /**
   * What the block shows beyond its text nodes (an objective its `【O1 业务服务】`), for the "no line lost" check;
   * `inner` is its content's text, `nested` whether it is inside another block (written after its section's heading).
   */
  shownText?(node: DocNode, inner: string, nested: boolean): string;
  /** Run on each top-level block of this type once the whole file is read (fields read from all of its text). */
  finish?(node: DocNode, ctx: ReadContext): void;
}

/** An item of what `extract` returns (a KPI table returns its rows). */
export type ElementOf<Out> = Out extends readonly (infer E)[] ? E : Out;

/** A block definition, typed: its items' type flows from `extract` into `row`, `search` and `open`; `extract` keeps its own signature. */
export function defineBlock<
  const Name extends string,
  E extends (node: DocNode, ctx: ExtractContext) => unknown,
  const Key extends string = never,
  const Kind extends string = never,
>(def: Omit<BlockDef<ReturnType<E>, Key, Kind>, 'extract' | 'name'> & { name: Name; extract: E }): BlockDef<ReturnType<E>, Key, Kind> & { name: Name; extract: E } {
  return def as BlockDef<ReturnType<E>, Key, Kind> & { name: Name; extract: E };
}

/** Any block of the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBlockDef = BlockDef<any, string, string>;
