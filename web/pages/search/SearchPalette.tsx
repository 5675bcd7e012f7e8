import { Search, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentSpace } from '../../lib/currentSpace.js';
import { errorText } from '../../i18n/errors.js';
import { weekRangeText } from '../../lib/time.js';
import { byWeek, hitUrl, type SearchHit } from './api.js';
import { HitRow } from './HitRow.js';
import { useSearch } from './useSearch.js';
import './search.css';
import { MAX_QUERY_CHARS } from '../../../shared/api/search.js';
import { useComposedText } from './useComposedText.js';

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]):not([tabindex="-1"]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Ctrl/Cmd+K anywhere: search the current space's reports, results as you type, grouped by week. A modal dialog:
 * focus starts in the input, Tab stays inside, Esc or a click outside closes it and focus goes back where it was.
 * The results are a listbox driven from the input (↑/↓ move, Enter opens).
 */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // What is searched: the text as typed, except while an input method is still composing it.
  const box = useComposedText();
  const q = box.shown;
  const committed = box.committed;
  const [active, setActive] = useState(0);
  const spaceId = useCurrentSpace();
  const { hits, loading, error, q: answered } = useSearch(spaceId, committed);
  const groups = useMemo(() => byWeek(hits), [hits]);
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const uid = useId();
  const optionId = (i: number) => `${uid}-hit-${i}`;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => { before?.focus(); };
  }, []);
  useEffect(() => setActive(0), [hits]);
  useEffect(() => { list.current?.querySelector('.sr-hit.is-active')?.scrollIntoView({ block: 'nearest' }); }, [active]);

  const go = (url: string) => { onClose(); navigate(url); };
  const openHit = (h: SearchHit) => go(hitUrl(h));
  const allUrl = spaceId && q.trim() ? `/s/${spaceId}/search?q=${encodeURIComponent(q.trim())}` : null;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); onClose(); }
    else if (e.key === 'Tab') {
      // The focus trap: Tab and Shift+Tab cycle through the dialog's own controls.
      const items = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      if (items.length === 0) return;
      const i = items.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === items.length - 1 ? 0 : i + 1);
      e.preventDefault();
      items[next].focus();
    }
    else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(flat.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter' && e.target === input.current && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if ((e.metaKey || e.ctrlKey) && allUrl) go(allUrl);
      else if (flat[active]) openHit(flat[active]);
    }
  };
  let index = -1;
  const showList = flat.length > 0;
  return (
    <div className="sr-overlay" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div ref={dialog} className="sr-palette" role="dialog" aria-modal="true" aria-label={t('search.dialog')} onKeyDown={onKeyDown}>
        <div className="sr-input-row">
          <Search size={18} className="muted" aria-hidden />
          <input ref={input} className="sr-input" maxLength={MAX_QUERY_CHARS} aria-label={t('search.label')} {...box.inputProps}
            role="combobox" aria-expanded={showList} aria-controls={`${uid}-list`} aria-autocomplete="list"
            aria-activedescendant={showList && flat[active] ? optionId(active) : undefined}
            placeholder={spaceId ? t('search.placeholder') : t('search.openSpaceFirst')} disabled={!spaceId} />
          {loading && <span className="sr-spinner" aria-hidden />}
          <button type="button" className="sr-close" onClick={onClose} aria-label={t('common.close')}><X size={16} /></button>
        </div>
        <div className="sr-results" ref={list}>
          <div aria-live="polite" className="sr-status">
            {error && <div className="sr-empty sr-error">{errorText(error)}</div>}
            {!error && answered && !loading && flat.length === 0 && <div className="sr-empty">{t('search.noResults', { q: answered })}</div>}
            {!answered && <div className="sr-empty muted">{t('search.typeToSearch')}</div>}
          </div>
          <div id={`${uid}-list`} role="listbox" aria-label={t('search.results')} hidden={!showList}>
            {groups.map((g) => (
              <div key={g.week} className="sr-group" role="group" aria-label={`${g.week} ${weekRangeText(g.week)}`}>
                <div className="sr-week" role="presentation">{g.week} <span className="muted">{weekRangeText(g.week)}</span></div>
                {g.hits.map((h) => {
                  const i = ++index;
                  return <HitRow key={`${h.reportId}:${h.kind}:${h.blockId}:${i}`} id={optionId(i)} option hit={h} active={i === active} onOpen={() => openHit(h)} onHover={() => setActive(i)} />;
                })}
              </div>
            ))}
          </div>
        </div>
        <footer className="sr-foot">
          <span><Trans i18nKey="search.keys" components={{ kbd: <kbd /> }} /></span>
          {allUrl && (
            <a href={allUrl} onClick={(e) => { e.preventDefault(); go(allUrl); }}>
              {t('search.allResults')} <kbd>Ctrl</kbd><kbd>Enter</kbd>
            </a>
          )}
        </footer>
      </div>
    </div>
  );
}
