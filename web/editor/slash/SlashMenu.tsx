import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slashHint, slashTitle } from '../../i18n/blocks.js';
import type { SlashItem } from './items.js';
import '../blocks.css';

export interface SlashMenuHandle { onKeyDown: (event: KeyboardEvent) => boolean }
interface Props { items: SlashItem[]; command: (item: SlashItem) => void; query: string }

/** The `/` menu list: ↑/↓ (or Tab) moves, Enter inserts, Esc closes (the suggestion plugin handles Esc). */
export const SlashMenu = forwardRef<SlashMenuHandle, Props>(function SlashMenu({ items, command, query }, ref) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => setActive(0), [query, items.length]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  useImperativeHandle(ref, () => ({
    onKeyDown: (event) => {
      if (items.length === 0) return false;
      if (event.key === 'ArrowDown' || (event.key === 'Tab' && !event.shiftKey)) {
        setActive((i) => (i + 1) % items.length);
        return true;
      }
      if (event.key === 'ArrowUp' || (event.key === 'Tab' && event.shiftKey)) {
        setActive((i) => (i - 1 + items.length) % items.length);
        return true;
      }
      if (event.key === 'Enter') {
        const item = items[Math.min(active, items.length - 1)];
        if (item) command(item);
        return true;
      }
      return false;
    },
  }), [items, active, command]);

  let lastGroup = '';
  return (
    <div className="slash-menu" role="listbox" aria-label={t('slash.label')} ref={listRef}
      aria-activedescendant={items[active] ? `slash-${items[active].id}` : undefined}>
      {items.length === 0 && <div className="slash-empty">{t('slash.empty', { query })}</div>}
      {items.map((item, i) => {
        const header = item.group !== lastGroup ? (lastGroup = item.group) : null;
        return (
          <div key={item.id} role="none">
            {header && <div className="slash-group" role="presentation">{t(`slash.groups.${header}`)}</div>}
            <div
              id={`slash-${item.id}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={`slash-item ${i === active ? 'is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => { e.preventDefault(); command(item); }}
            >
              <span className={`slash-icon slash-icon-${item.group.toLowerCase()}`} aria-hidden>{item.icon}</span>
              <span className="slash-text">
                <span className="slash-title">{slashTitle(item.id)}</span>
                <span className="slash-hint">{slashHint(item.id)}</span>
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
});
