import { DOC_FIELD } from './field.js';

/**
 * What a person's presence (awareness state) may hold: the server relays only states that pass, and the app reads
 * them through the same rules. A state is `null` (gone) or an object whose known fields have their shapes:
 *   user   — { name: text, color?: text, id?: the sender's own user id }
 *   cursor — null or { anchor, head }, each a Yjs relative position in the report's text
 *   field  — null or { blockId, name } (fieldPresence.ts)
 * Other fields pass (clients may add their own) within the size cap the server keeps. Anything else reached every
 * open page of the report as it was: a `name` that was not text blanked them (the app rendered it), and a cursor
 * that was no position made the editor's caret plugin throw.
 */
export function presenceProblem(state: unknown, senderId?: string): string | null {
  if (state === null) return null;
  if (!isObject(state)) return 'not an object';
  if ('user' in state) {
    const u = state.user;
    if (!isObject(u)) return 'user is not an object';
    if (!isText(u.name, MAX_NAME, 0)) return 'user.name is not a short text';
    if (u.color !== undefined && u.color !== null && !isText(u.color, 64, 0)) return 'user.color is not a short text';
    if (u.id !== undefined && (!isText(u.id, 200) || (senderId !== undefined && u.id !== senderId))) return "user.id is not the sender's";
  }
  if ('cursor' in state && state.cursor !== null) {
    const c = state.cursor;
    if (!isObject(c) || !isPosition(c.anchor) || !isPosition(c.head)) return 'cursor is not a pair of positions';
  }
  if ('field' in state && state.field !== null) {
    const f = state.field;
    if (!isObject(f) || !isText(f.blockId, 200) || !isText(f.name, 200)) return 'field is not { blockId, name }';
  }
  return null;
}

/** The person a state names, if it is a well-formed presence with a name (for the app's readers). */
export function presentUser(state: unknown): { id?: string; name: string; color?: string } | null {
  if (presenceProblem(state) !== null || !isObject(state) || !isObject(state.user)) return null;
  return state.user as { id?: string; name: string; color?: string };
}

const MAX_NAME = 200;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number, min = 1): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isId = (v: unknown) => isObject(v) && isCount(v.client) && isCount(v.clock);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Y.relativePositionToJSON's shape: `item` (the character it sticks to), else a type by `tname` (only the report's
 * own text) or by `type` id; `assoc` a small integer. One with none of the three makes Yjs throw when it is read.
 */
function isPosition(p: unknown): boolean {
  if (!isObject(p)) return false;
  const { item, type, tname, assoc } = p;
  if (item != null && !isId(item)) return false;
  if (type != null && !isId(type)) return false;
  if (tname != null && tname !== DOC_FIELD) return false;
  if (assoc != null && !(Number.isInteger(assoc) && Math.abs(assoc as number) <= 1)) return false;
  return item != null || type != null || tname != null;
}
