import { Link } from 'react-router';
import { itemBlocks } from '../../../shared/blocks/index.js';
import { openLine, openTitle } from '../../i18n/blocks.js';
import { blockUrl, type FullDashboard } from './api.js';

/**
 * One panel per block whose items stay open across weeks (risks): the newest open copy of each, newest week first.
 * The week's dashboard and the range dashboard show the same panels.
 */
export function OpenItems({ open }: { open: FullDashboard['open'] }) {
  return (
    <>
      {itemBlocks.map((b) => {
        const rows = open[b.items.key] ?? [];
        if (!b.items.open || rows.length === 0) return null;
        const { line } = b.items.open;
        return (
          <section key={b.items.key} className="card db-card db-open" data-kind={b.items.kind}>
            <h3>{openTitle(b.items.kind, b.items.open.title)} <span className="db-muted">{rows.length}</span></h3>
            {rows.slice(0, 12).map((r) => {
              const l = openLine(b.items.kind, r, line);
              return (
                <Link key={r.blockId} className={`db-open-row ${l.tone ? `db-tone-${l.tone}` : ''}`} to={blockUrl(r.reportId, r.blockId)}>
                  <span className="db-due">{r.week}</span>
                  <span className="db-incident-text">{l.text.split('\n')[0]}</span>
                  {l.facts.map((f) => <span key={f} className="db-status">{f}</span>)}
                </Link>
              );
            })}
          </section>
        );
      })}
    </>
  );
}
