import type { EditorState } from '@tiptap/pm/state';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';

/**
 * Undo in a shared report: TipTap's collaboration undo (y-undo, a Yjs UndoManager) tracks only this client's own
 * changes (origin: the editor's binding), never what arrives from others. Two rules on top of it:
 *
 * - An element this person added is removed by their undo only once it holds nothing else: every node type is
 *   "protected" (y-undo's deleteFilter), so a paragraph or block someone else has typed into stays, with their text.
 * - A structural action (inserting, moving or leaving a block, adding a KPI row, pasting, dropping) is one undo
 *   step of its own: capture stops right before and right after it, so it never merges with the typing around it.
 */

export const undoManagerOf = (state: EditorState): UndoManager | null =>
  (yUndoPluginKey.getState(state) as { undoManager?: UndoManager } | undefined)?.undoManager ?? null;

/** Runs a structural action (one or several dispatches) as exactly one undo step. */
export function oneStep<T>(editor: { state: EditorState }, run: () => T): T {
  undoManagerOf(editor.state)?.stopCapturing();
  try {
    return run();
  } finally {
    undoManagerOf(editor.state)?.stopCapturing();
  }
}

/**
 * The node types y-undo may not delete while something is left in them: all of them, text and doc aside. y-undo only
 * asks `has`, so this answers it without listing the schema's types (building the schema for that list cost ~45 ms of
 * a report's first load).
 */
class AllNodesButTextAndDoc extends Set<string> {
  override has(nodeName: string) { return nodeName !== 'text' && nodeName !== 'doc'; }
}
export const protectedNodes: Set<string> = new AllNodesButTextAndDoc();

/** Pastes and drops are one undo step each. */
export const UndoSteps = Extension.create({
  name: 'undoSteps',
  addProseMirrorPlugins() {
    const around = (state: EditorState) => {
      const um = undoManagerOf(state);
      um?.stopCapturing();
      // the paste/drop is written to Yjs synchronously while it is dispatched; whatever comes next is a new step
      queueMicrotask(() => um?.stopCapturing());
      return false;
    };
    return [new Plugin({
      key: new PluginKey('undoSteps'),
      props: {
        handlePaste: (view) => around(view.state),
        handleDrop: (view) => around(view.state),
      },
    })];
  },
});
