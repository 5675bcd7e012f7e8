import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { ReactRenderer } from '@tiptap/react';
import Suggestion, { type SuggestionOptions } from '@tiptap/suggestion';
import { filterSlashItems, type SlashItem } from './items.js';
import { SlashMenu, type SlashMenuHandle } from './SlashMenu.js';

export const slashMenuKey = new PluginKey('slashMenu');

/** Typing `/` opens the block menu (fully keyboard-operable); not inside code blocks or structured-block fields. */
export const SlashCommand = Extension.create({
  name: 'slashCommand',
  // An open menu takes Enter, Tab and the arrows before the block keys (fieldKeys.ts: Enter leaves a block).
  priority: 200,
  addProseMirrorPlugins() {
    const options: SuggestionOptions<SlashItem, SlashItem> = {
      editor: this.editor,
      pluginKey: slashMenuKey,
      char: '/',
      // at the start of a line or after a space: `3/28` in the text never opens it
      allowedPrefixes: [' ', '\u00a0', '\u3000'],
      items: ({ query }) => filterSlashItems(query),
      allow: ({ state, range }) => {
        const $from = state.doc.resolve(range.from);
        return $from.parent.type.name !== 'codeBlock' && !$from.parent.type.spec.code;
      },
      command: ({ editor, range, props }) => props.run(editor, range),
      render: () => {
        let renderer: ReactRenderer<SlashMenuHandle, any> | null = null;
        let unmount: (() => void) | null = null;
        return {
          onStart: (props) => {
            renderer = new ReactRenderer(SlashMenu, { props, editor: props.editor });
            const el = renderer.element as HTMLElement;
            el.classList.add('slash-menu-root');
            unmount = props.mount(el);
          },
          onUpdate: (props) => renderer?.updateProps(props),
          onKeyDown: ({ event }) => (event.key === 'Escape' ? true : renderer?.ref?.onKeyDown(event) ?? false),
          onExit: () => {
            unmount?.();
            renderer?.destroy();
            renderer = null;
            unmount = null;
          },
        };
      },
    };
    return [Suggestion(options)];
  },
});
