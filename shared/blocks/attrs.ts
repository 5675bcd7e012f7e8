import { Node, mergeAttributes, type Attribute } from '@tiptap/core';

/** A node attribute kept in the Yjs document and round-tripped through HTML as data-<name>. */
export function attr(name: string, defaultValue: unknown = null, kind: 'string' | 'number' = 'string'): Record<string, Partial<Attribute>> {
  return {
    [name]: {
      default: defaultValue,
      parseHTML: (el: HTMLElement) => {
        const raw = el.getAttribute(`data-${name.toLowerCase()}`);
        if (raw === null || raw === '') return defaultValue;
        return kind === 'number' ? Number(raw) : raw;
      },
      renderHTML: (attrs: Record<string, unknown>) =>
        attrs[name] === null || attrs[name] === undefined ? {} : { [`data-${name.toLowerCase()}`]: String(attrs[name]) },
    },
  };
}

/** New block ids: short, random, URL-safe. */
export function newBlockId(): string {
  if (poolAt + ID_BYTES > pool.length) { globalThis.crypto.getRandomValues(pool); poolAt = 0; }
  let id = '';
  for (let i = 0; i < ID_BYTES; i++) id += ID_ALPHABET[pool[poolAt++] & 63];
  return id;
}
const ID_BYTES = 9;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
// Random bytes drawn 4 kB at a time: one getRandomValues call per id was ~120 ms of importing a 2 MB report.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/**
 * The TipTap node of a structured item that holds text (OKR item, risk, incident, key project): a block of its own
 * with a `blockId`, its other attributes, movable and kept whole when pasted into, shown as `<tag data-type=name>`.
 */
export function itemNode(name: string, content: string, attrs: Record<string, Partial<Attribute>>, tag = 'div') {
  return Node.create({
    name,
    group: 'block',
    content,
    defining: true,
    draggable: true,
    addAttributes: () => ({ ...attr('blockId'), ...attrs }),
    parseHTML: () => [{ tag: `${tag}[data-type="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => [tag, mergeAttributes(HTMLAttributes, { 'data-type': name }), 0],
  });
}
