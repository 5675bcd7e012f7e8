import * as Y from 'yjs';

/** A decoded Yjs update (Y.decodeUpdate), as far as the size check reads it. */
export type DecodedUpdate = { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };

/**
 * Bytes an update adds to `doc`, roughly and from above: for each struct the document lacks, its bookkeeping, and
 * the content of those the update does not delete itself (deleted content is dropped as it is applied: gc).
 */
export function addedBytes(doc: Y.Doc, { structs, ds }: DecodedUpdate): number {
  // Each client's deleted ranges by clock, for a binary search (a hostile update may list many, in any order).
  const ranges = new Map<number, { clock: number; len: number }[]>();
  for (const [client, list] of ds.clients) ranges.set(client, [...list].sort((a, b) => a.clock - b.clock));
  const deleted = (client: number, clock: number, end: number) => {
    const list = ranges.get(client);
    if (!list) return false;
    let lo = 0, hi = list.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].clock <= clock) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at >= 0 && list[at].clock + list[at].len >= end;
  };
  let bytes = 0;
  for (const s of structs) {
    const end = s.id.clock + s.length;
    if (end <= Y.getState(doc.store, s.id.client)) continue; // already there
    bytes += STRUCT_BYTES;
    if (s instanceof Y.Item && !deleted(s.id.client, s.id.clock, end)) bytes += contentBytes(s.content);
  }
  return bytes;
}
/** What a struct costs in the encoding besides its content (ids, origins, parent), about. */
const STRUCT_BYTES = 16;

/** What an item's content costs, roughly as encoded. */
function contentBytes(c: Y.Item['content']): number {
  if (c instanceof Y.ContentString) return Buffer.byteLength(c.str);
  if (c instanceof Y.ContentBinary) return c.content.length;
  if (c instanceof Y.ContentFormat) return c.key.length + JSON.stringify(c.value ?? null).length;
  if (c instanceof Y.ContentAny) return JSON.stringify(c.arr).length;
  if (c instanceof Y.ContentEmbed) return JSON.stringify(c.embed ?? null).length;
  if (c instanceof Y.ContentJSON) return JSON.stringify(c.arr).length;
  return 8; // a type, a deleted run, a subdocument
}
