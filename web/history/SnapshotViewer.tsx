import { Extension, type JSONContent } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import { editorExtensions } from '../editor/extensions.js';
import i18n from '../i18n/index.js';
import type { SnapshotView } from './api.js';

/** Marks, in the snapshot, the blocks that are gone or different in the current version. */
function changeHighlights(diff: SnapshotView['diff']) {
  const removedIds = new Set(diff.removed.map((b) => b.blockId).filter(Boolean));
  const changedIds = new Set(diff.changed.map((b) => b.blockId));
  const removedTop = new Set(diff.removed.filter((b) => !b.blockId && b.index !== null).map((b) => b.index));
  return Extension.create({
    name: 'historyHighlights',
    addProseMirrorPlugins: () => [
      new Plugin({
        key: new PluginKey('historyHighlights'),
        props: {
          decorations(state) {
            const decos: Decoration[] = [];
            state.doc.forEach((node, offset, index) => {
              if (removedTop.has(index)) decos.push(Decoration.node(offset, offset + node.nodeSize, { class: 'hv-removed', title: i18n.t('history.notInCurrent') }));
            });
            state.doc.descendants((node, pos) => {
              const id = node.attrs.blockId as string | undefined;
              if (id && removedIds.has(id)) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: 'hv-removed', title: i18n.t('history.deletedSince') }));
              else if (id && changedIds.has(id)) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: 'hv-changed', title: i18n.t('history.changedSince') }));
              return true;
            });
            return DecorationSet.create(state.doc, decos);
          },
        },
      }),
    ],
  });
}

/** The route's JSON typing cannot follow a document's recursion: check its shape instead of asserting it. */
const isContent = (v: unknown): v is JSONContent => typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string';

/** A snapshot's document, read-only, with what has changed since highlighted. */
export function SnapshotViewer({ snapshot }: { snapshot: SnapshotView }) {
  const editor = useEditor({
    extensions: [...editorExtensions(), changeHighlights(snapshot.diff)],
    content: isContent(snapshot.doc) ? snapshot.doc : null,
    editable: false,
    editorProps: { attributes: { class: 'prose', 'aria-label': i18n.t('history.snapshot') } },
  }, [snapshot.id]);
  return <EditorContent editor={editor} className="editor snapshot-editor" />;
}
