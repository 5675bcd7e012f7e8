import type { Attribute } from '@tiptap/core';

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
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'[b & 63]).join('');
}
