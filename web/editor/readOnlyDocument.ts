import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * A reader's editor changes nothing in the shared document. Plugins append changes of their own to the ones that
 * come from Yjs — TipTap's trailing paragraph after a report whose last block is not one, a new blockId for a copied
 * block — and in a reader's page those went to the server, which closes a reader's socket that writes (4405): every
 * viewer who opened a report ending in an OKR item was thrown out and reloaded once. While the editor is not
 * editable only y-sync's own transactions (the shared document as it is) change the page's document.
 */
export const ReadOnlyDocument = Extension.create({
  name: 'readOnlyDocument',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [new Plugin({
      key: new PluginKey('readOnlyDocument'),
      filterTransaction: (tr) => !tr.docChanged || editor.isEditable || tr.getMeta(ySyncPluginKey) !== undefined,
    })];
  },
});
