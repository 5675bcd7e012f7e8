import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { AnyExtension, Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useState } from 'react';
import { DOC_FIELD } from '../../shared/doc/field.js';
import i18n from '../i18n/index.js';
import { editorExtensions } from './extensions.js';
import { FieldPresence, FieldPresenceContext, fieldOf } from './fieldPresence.js';
import { ReadOnlyDocument } from './readOnlyDocument.js';
import { protectedNodes } from './undo.js';
import type { Collab } from './useCollab.js';

export interface CaretUser { id: string; name: string; color: string }

/**
 * True until the document has arrived and its block views are drawn (the main thread went idle after the first
 * sync). Meanwhile blocks off screen are not laid out (`.is-first-load`, web/styles.css): mounting ~30 block views
 * otherwise lays the whole report out again for each one (TipTap saves the selection as each view attaches), which
 * was 0.2–0.6 s of a report's first load on this machine. Afterwards the report is laid out once, as usual.
 */
function useFirstLoad(collab: Collab) {
  const [first, setFirst] = useState(true);
  useEffect(() => {
    setFirst(true);
    let idle = 0;
    const done = () => { if (!idle) idle = requestIdleCallback(() => setFirst(false), { timeout: 800 }); };
    const onSync = (synced: boolean) => { if (synced) done(); };
    if (collab.provider.synced) done(); else collab.provider.on('sync', onSync);
    const fallback = setTimeout(done, 4000); // offline: the local copy is all there is
    return () => { collab.provider.off('sync', onSync); clearTimeout(fallback); if (idle) cancelIdleCallback(idle); };
  }, [collab]);
  return first;
}

const editorAttributes = () => ({ role: 'textbox', class: 'prose', 'aria-label': i18n.t('editor.label'), spellcheck: 'false' });

/**
 * The report's rich-text editor: the shared block schema (editorExtensions) bound to the Yjs
 * document's `default` fragment, with everyone's caret and name shown live, and who is in which field of a block
 * (fieldPresence.ts: this person's field goes into their awareness state while it has focus).
 */
export function ReportEditor({ collab, user, editable, extensions = [], onEditor }: {
  collab: Collab; user: CaretUser; editable: boolean;
  /** Added by features around the editor (comment badges); read once per document. */
  extensions?: AnyExtension[];
  /** Receives the editor once it exists, and null when it goes. */
  onEditor?: (editor: Editor | null) => void;
}) {
  const editor = useEditor({
    extensions: [
      ...editorExtensions(),
      // Undo (Ctrl/Cmd+Z) is y-undo's: this person's own changes only, never an element someone else has typed into (undo.ts).
      Collaboration.configure({ document: collab.doc, field: DOC_FIELD, yUndoOptions: { protectedNodes } }),
      CollaborationCaret.configure({ provider: collab.provider, user }),
      ReadOnlyDocument,
      ...extensions,
      Placeholder.configure({
        placeholder: ({ editor: e, pos }) => (pos !== 0 ? '' : e.isEditable ? i18n.t('editor.placeholder') : i18n.t('editor.empty')),
      }),
    ],
    editable,
    editorProps: { attributes: editorAttributes() },
  }, [collab]);

  useEffect(() => { editor?.setEditable(editable); }, [editor, editable]);
  // The editor's accessible name follows the interface's language.
  useEffect(() => {
    if (!editor) return;
    const rename = () => { if (!editor.isDestroyed) editor.setOptions({ editorProps: { attributes: editorAttributes() } }); };
    i18n.on('languageChanged', rename);
    return () => { i18n.off('languageChanged', rename); };
  }, [editor]);
  const firstLoad = useFirstLoad(collab);
  const presence = useMemo(() => new FieldPresence(collab.provider.awareness), [collab]);
  useEffect(() => () => presence.destroy(), [presence]);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    const onIn = (e: FocusEvent) => presence.setMine(fieldOf(e.target as Element));
    const onOut = (e: FocusEvent) => { if (!fieldOf(e.relatedTarget as Element | null)) presence.setMine(null); };
    dom.addEventListener('focusin', onIn);
    dom.addEventListener('focusout', onOut);
    return () => { dom.removeEventListener('focusin', onIn); dom.removeEventListener('focusout', onOut); presence.setMine(null); };
  }, [editor, presence]);
  // What an input method is still composing stays on this page until it is characters (provider.ts).
  useEffect(() => {
    if (!editor) return;
    collab.provider.holdWhile(() => !editor.isDestroyed && editor.view.composing);
    return () => collab.provider.holdWhile(null);
  }, [editor, collab]);
  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);
  return (
    <FieldPresenceContext.Provider value={presence}>
      <EditorContent editor={editor} className={`editor${firstLoad ? ' is-first-load' : ''}`} />
    </FieldPresenceContext.Provider>
  );
}
