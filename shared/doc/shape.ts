/**
 * What a report's Yjs document may hold, in Yjs terms: the one XmlFragment the editor binds to, the element
 * names and mark names its schema knows. A document outside this shape is one the editor cannot show (and
 * y-prosemirror "repairs" by deleting), so the server refuses updates that leave it and sets aside what an
 * older log already holds.
 */
import * as Y from 'yjs';

export interface DocShape {
  /** The editor's fragment (TipTap's `default`). */
  fragment: string;
  /** Element names that may appear anywhere below the fragment. */
  nodes: ReadonlySet<string>;
  /** Element names that may appear directly in the fragment (the schema's blocks). */
  topNodes: ReadonlySet<string>;
  marks: ReadonlySet<string>;
  /** Element names each element may hold (from its content expression); absent: it holds no elements. */
  children: ReadonlyMap<string, ReadonlySet<string>>;
  /** Elements whose content is inline: only they hold text. */
  textIn: ReadonlySet<string>;
}

/** Element attributes are plain values; a long string is still an attribute, a megabyte is not. */
export const MAX_ATTRIBUTE_CHARS = 20_000;
export function isPlainAttribute(v: unknown): boolean {
  return v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_ATTRIBUTE_CHARS);
}

/**
 * How deeply elements may nest below the fragment. A report nests a handful of levels (a key project's list of lists:
 * about ten); import refuses Markdown past 40 levels, at most ~85 elements deep. Past a few thousand, every reader of
 * the document that recurses (export, the indexer, history, Yjs's own delete) overflows the stack.
 */
export const MAX_DEPTH = 100;
/** How many attributes one element may have (the schema's largest block has about a dozen). */
export const MAX_ATTRIBUTES = 64;

/** A mark's value (link: href and target…): a plain attribute, or a small object of them. */
export function isPlainMarkValue(v: unknown): boolean {
  if (isPlainAttribute(v)) return true;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_ATTRIBUTES && entries.every(([k, x]) => k.length <= 100 && isPlainAttribute(x))
    && JSON.stringify(v).length <= MAX_ATTRIBUTE_CHARS;
}

/** May an element named `child` sit in `parent` (the fragment when parent is null)? */
export function mayHold(shape: DocShape, parent: string | null, child: string): boolean {
  return parent === null ? shape.topNodes.has(child) : shape.children.get(parent)?.has(child) ?? false;
}

/** y-prosemirror writes overlapping marks of one type as `<mark>--<hash>` format keys. */
export const isKnownMark = (shape: DocShape, key: string) => shape.marks.has(key.split('--')[0]);

export interface Misfit { path: string; what: string }

/**
 * Removes, in one transaction with `origin`, whatever under the fragment the shape does not allow: unknown or
 * misplaced elements, non-XML children, embeds and unknown marks in text. Returns what was removed, for the log.
 */
export function removeMisfits(doc: Y.Doc, shape: DocShape, origin: unknown = null): Misfit[] {
  const found: Misfit[] = [];
  const fix: (() => void)[] = [];
  const walk = (parent: Y.XmlFragment, path: string, name: string | null) => {
    let index = 0;
    for (const child of parent.toArray() as unknown[]) {
      const here = `${path}/${index}`;
      const ok = child instanceof Y.XmlElement
        // Below the top, any known element is kept: a misplaced one (only our own older server code could have
        // written it; peers' updates are checked) still shows, and removing it could lose someone's text.
        ? (name === null ? shape.topNodes.has(child.nodeName) : shape.nodes.has(child.nodeName)) && Object.values(child.getAttributes()).every(isPlainAttribute)
        : child instanceof Y.XmlText && name !== null;
      if (!ok) {
        const at = index;
        found.push({ path: here, what: describe(child) });
        fix.push(() => parent.delete(at, 1));
      } else if (child instanceof Y.XmlElement) walk(child, `${here}:${child.nodeName}`, child.nodeName);
      else checkText(child as Y.XmlText, here);
      index++;
    }
  };
  const checkText = (text: Y.XmlText, path: string) => {
    if (plainText(text, shape)) return; // the usual case, without building the delta
    let at = 0;
    for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      const start = at;
      if (typeof op.insert !== 'string') {
        found.push({ path, what: `embed ${describe(op.insert)}` });
        fix.push(() => text.delete(start, len));
      } else {
        const bad = Object.keys(op.attributes ?? {}).filter((k) => !isKnownMark(shape, k));
        if (bad.length) {
          found.push({ path, what: `marks ${bad.join(',')}` });
          fix.push(() => text.format(start, len, Object.fromEntries(bad.map((k) => [k, null]))));
        }
      }
      at += len;
    }
  };
  walk(doc.getXmlFragment(shape.fragment), shape.fragment, null);
  // Back to front, so earlier indexes stay valid.
  if (fix.length) doc.transact(() => fix.reverse().forEach((f) => f()), origin);
  return found;
}

/**
 * Whether a text holds only strings and known marks, read from its items directly (toDelta builds an object per run
 * with its attributes: most of the time of a 2,000-block report's load check, issue 17). False sends it the long way.
 */
function plainText(text: Y.XmlText, shape: DocShape): boolean {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const c = item.content;
    if (c instanceof Y.ContentString) continue;
    if (c instanceof Y.ContentFormat && isKnownMark(shape, c.key)) continue;
    return false;
  }
  return true;
}

function describe(v: unknown): string {
  if (v instanceof Y.XmlElement) return `<${v.nodeName}>`;
  if (v instanceof Y.AbstractType) return v.constructor.name;
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return typeof v;
  }
}
