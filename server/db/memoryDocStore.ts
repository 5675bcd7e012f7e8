import type { DocStore, StoredDoc } from './docStore.js';
import { foldUpdates } from './docLog.js';

/**
 * Documents kept in memory: the DocStore for tests and tools that need no database, and a way to make storage
 * fail on purpose (`failing = true`) to see that nothing unstored is ever sent.
 */
export class MemoryDocStore implements DocStore {
  private docs = new Map<string, { snapshot: Uint8Array | null; updates: Uint8Array[]; version: number }>();
  /** The last update's id, as a database's sequence. */
  private lastId = 0;
  /** While true, every call rejects as a broken disk or database would. */
  failing = false;

  private check() {
    if (this.failing) throw new Error('storage unavailable (MemoryDocStore.failing)');
  }

  async load(docId: string): Promise<StoredDoc> {
    this.check();
    const d = this.docs.get(docId);
    const updates = [...(d?.updates ?? [])];
    return { snapshot: d?.snapshot ?? null, updates, logBytes: updates.reduce((n, u) => n + u.length, 0), version: d?.version ?? 0 };
  }

  async append(docId: string, updates: Uint8Array[]) {
    this.check();
    if (updates.length === 0) return 0;
    const d = this.docs.get(docId) ?? { snapshot: null, updates: [], version: 0 };
    d.updates.push(...updates.map((u) => u.slice()));
    d.version = this.lastId += updates.length;
    this.docs.set(docId, d);
    return d.version;
  }

  async compact(docId: string) {
    this.check();
    const d = this.docs.get(docId);
    if (d) this.docs.set(docId, { snapshot: foldUpdates(d.snapshot, d.updates), updates: [], version: d.version });
  }

  replaceLog(docId: string, state: Uint8Array) {
    this.check();
    const d = this.docs.get(docId);
    if (d) this.docs.set(docId, { snapshot: state.slice(), updates: [], version: d.version });
  }

  async remove(docId: string) {
    this.check();
    this.docs.delete(docId);
  }
}
