import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * TipTap's autolink (StarterKit's Link) turns URLs into links as a person types them. For changes that come from the
 * shared document (others' typing, the first sync of a report) it must not: every open editor would add the same
 * link marks to someone else's text and write them back, and on a report's first load it tokenized the whole
 * document (plus linkify's one-time set-up, ~60 ms of the load). Transactions made from Yjs carry y-sync's
 * `isChangeOrigin`; they get Link's own `preventAutolink` meta before any plugin looks at them.
 */
export const RemoteNotAutolinked = Extension.create({
  name: 'remoteNotAutolinked',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('remoteNotAutolinked'),
      filterTransaction: (tr) => {
        if ((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) tr.setMeta('preventAutolink', true);
        return true;
      },
    })];
  },
});
