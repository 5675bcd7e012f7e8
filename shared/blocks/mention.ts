import Mention from '@tiptap/extension-mention';

/**
 * `@name` of a space member inside the document (attrs: id = userId, label = name, by = who wrote it).
 * Schema only: the web editor adds its own `@` suggestion menu (web/comments/mentionSuggest.ts), and the server
 * notifies people newly mentioned (server/domain/docMentions.ts).
 */
export const mention = Mention.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      by: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-by'), renderHTML: (a: Record<string, unknown>) => (a.by ? { 'data-by': a.by } : {}) },
    };
  },
  addProseMirrorPlugins: () => [],
}).configure({ HTMLAttributes: { class: 'mention' } });
