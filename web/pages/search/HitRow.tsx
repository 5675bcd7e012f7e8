import { kindLabel, type SearchHit } from './api.js';

/** One search hit: kind, project, highlighted excerpt and, for OKR items, progress. */
export function HitRow({ hit, active, onOpen, onHover, id, option }: {
  hit: SearchHit; active?: boolean; onOpen: () => void; onHover?: () => void;
  /** In the palette: an option of its listbox (the input keeps focus; arrows move the active one). */
  id?: string; option?: boolean;
}) {
  return (
    <button type="button" id={id} className={`sr-hit ${active ? 'is-active' : ''}`} onClick={onOpen} onMouseMove={onHover} data-kind={hit.kind}
      {...(option ? { role: 'option', 'aria-selected': !!active, tabIndex: -1 } : {})}>
      <span className={`sr-kind sr-kind-${hit.kind}`}>{kindLabel(hit.kind)}</span>
      <span className="sr-main">
        {hit.project && <span className="sr-project">{hit.project}</span>}
        {/* highlight is HTML-escaped by the server; only <mark> is added. */}
        <span className="sr-snippet" dangerouslySetInnerHTML={{ __html: hit.highlight }} />
      </span>
      {hit.progress !== null && (
        <span className="sr-progress" title={`${hit.progress}%`}>
          <span className="sr-bar"><span style={{ width: `${Math.max(0, Math.min(100, hit.progress))}%` }} /></span>
          <span className="sr-pct">{hit.progress}%</span>
        </span>
      )}
    </button>
  );
}
