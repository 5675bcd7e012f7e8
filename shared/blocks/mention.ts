import Mention from '@tiptap/extension-mention';

/**
 * `@name` of a space member inside the document (attrs: id = userId, label = name, by = who wrote it, mentionId =
 * this mention, set when it is typed: each one typed is told, where one typed before it is kept).
 * Schema only: the web editor adds its own `@` suggestion menu (web/comments/mentionSuggest.ts), and the server
 * notifies people newly mentioned (server/domain/docMentions.ts).
 */
export const mention = Mention.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      by: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-by'), renderHTML: (a: Record<string, unknown>) => (a.by ? { 'data-by': a.by } : {}) },
      mentionId: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-mention-id'), renderHTML: (a: Record<string, unknown>) => (a.mentionId ? { 'data-mention-id': a.mentionId } : {}) },
    };
  },
  addProseMirrorPlugins: () => [],
}).configure({ HTMLAttributes: { class: 'mention' } });
