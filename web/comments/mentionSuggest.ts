import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from '@tiptap/suggestion';
import i18n from '../i18n/index.js';
import type { Mentionable } from './MentionTextarea.js';
import { mentionMayFollow } from './mentionTrigger.js';
import { newBlockId } from '../../shared/blocks/attrs.js';

export const mentionSuggestKey = new PluginKey('mentionSuggest');

/** The member list under the caret: plain DOM, keyboard-operable (↑ ↓ Enter/Tab, Esc). */
function popup() {
  const el = document.createElement('div');
  el.className = 'mention-list mention-popup';
  el.setAttribute('role', 'listbox');
  el.setAttribute('aria-label', i18n.t('comments.mentionMember'));
  let props: SuggestionProps<Mentionable, Mentionable> | null = null;
  let picked = 0;
  const draw = () => {
    if (!props) return;
    el.replaceChildren(...props.items.map((m, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `mention-option${i === picked ? ' is-picked' : ''}`;
      b.setAttribute('role', 'option');
      b.setAttribute('aria-selected', String(i === picked));
      b.textContent = `@${m.name}`;
      b.addEventListener('mousedown', (e) => { e.preventDefault(); props?.command(m); });
      return b;
    }));
    el.style.display = props.items.length ? '' : 'none';
    const r = props.clientRect?.();
    if (r) Object.assign(el.style, { position: 'fixed', left: `${r.left}px`, top: `${r.bottom + 4}px`, width: '240px', zIndex: '60' });
  };
  return {
    onStart(p: SuggestionProps<Mentionable, Mentionable>) { props = p; picked = 0; document.body.append(el); draw(); },
    onUpdate(p: SuggestionProps<Mentionable, Mentionable>) { props = p; picked = Math.min(picked, Math.max(0, p.items.length - 1)); draw(); },
    onKeyDown({ event }: SuggestionKeyDownProps) {
      if (!props || props.items.length === 0) return false;
      if (event.key === 'ArrowDown') { picked = (picked + 1) % props.items.length; draw(); return true; }
      if (event.key === 'ArrowUp') { picked = (picked - 1 + props.items.length) % props.items.length; draw(); return true; }
      if (event.key === 'Enter' || event.key === 'Tab') { props.command(props.items[picked]); return true; }
      if (event.key === 'Escape') { el.remove(); return true; }
      return false;
    },
    onExit() { el.remove(); props = null; },
  };
}

/**
 * Typing `@` in the report suggests space members and inserts a mention node (the schema's `mention`, with
 * `by` = the writer); the server notifies whoever is newly mentioned.
 */
export const MentionSuggest = Extension.create<{ members: () => Mentionable[]; me: () => string }>({
  name: 'mentionSuggest',
  // An open menu takes Enter, Tab and the arrows before the block keys (fieldKeys.ts: Enter leaves a block).
  priority: 200,
  addOptions: () => ({ members: () => [], me: () => '' }),
  addProseMirrorPlugins() {
    const { members, me } = this.options;
    return [
      Suggestion<Mentionable, Mentionable>({
        editor: this.editor,
        pluginKey: mentionSuggestKey,
        char: '@',
        allowedPrefixes: null, // Chinese text puts no space before @: `allow` decides (mentionTrigger.ts)
        items: ({ query }) => {
          const q = query.toLowerCase();
          return members().filter((m) => m.name.toLowerCase().includes(q) || m.email?.toLowerCase().startsWith(q)).slice(0, 6);
        },
        allow: ({ state, range }) => {
          const $from = state.doc.resolve(range.from);
          if ($from.parent.type.spec.code) return false;
          // not after a Latin letter or digit (an address such as bob@example.com)
          return mentionMayFollow($from.parentOffset > 0 ? state.doc.textBetween(range.from - 1, range.from, '', '\ufffc') : '');
        },
        command: ({ editor, range, props }) => {
          editor.chain().focus().insertContentAt(range, [
            { type: 'mention', attrs: { id: props.userId, label: props.name, by: me() || null, mentionId: newBlockId() } },
            { type: 'text', text: ' ' },
          ]).run();
        },
        render: popup,
      }),
    ];
  },
});
