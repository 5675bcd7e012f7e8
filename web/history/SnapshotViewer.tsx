import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import { editorExtensions } from '../editor/extensions.js';
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
              if (removedTop.has(index)) decos.push(Decoration.node(offset, offset + node.nodeSize, { class: 'hv-removed', title: 'Not in the current version' }));
            });
            state.doc.descendants((node, pos) => {
              const id = node.attrs.blockId as string | undefined;
              if (id && removedIds.has(id)) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: 'hv-removed', title: 'Deleted since' }));
              else if (id && changedIds.has(id)) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: 'hv-changed', title: 'Changed since' }));
              return true;
            });
            return DecorationSet.create(state.doc, decos);
          },
        },
      }),
    ],
  });
}

/** A snapshot's document, read-only, with what has changed since highlighted. */
export function SnapshotViewer({ snapshot }: { snapshot: SnapshotView }) {
  const editor = useEditor({
    extensions: [...editorExtensions(), changeHighlights(snapshot.diff)],
    content: snapshot.doc,
    editable: false,
    editorProps: { attributes: { class: 'prose', 'aria-label': 'Snapshot (read only)' } },
  }, [snapshot.id]);
  return <EditorContent editor={editor} className="editor snapshot-editor" />;
}
