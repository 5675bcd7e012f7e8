import { useQuery } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api.js';
import { blockUrl } from './api.js';

/**
 * Stuck items (issue 15): items not done whose progress has not moved for three or more reports in a row, from the
 * space's dashboard (GET /api/spaces/:id/dashboard, `stuck`), longest stuck first, each linked to its block.
 */
const fetchStuck = async (spaceId: string) => {
  const d = await unwrap(api.api.spaces[':spaceId'].dashboard.$get({ param: { spaceId }, query: {} }));
  return 'stuck' in d && Array.isArray(d.stuck) ? d.stuck : [];
};

export function StuckList({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const stuck = useQuery({ queryKey: ['dashboard', spaceId, 'stuck'], queryFn: () => fetchStuck(spaceId), enabled: !!spaceId });
  const items = [...(stuck.data ?? [])].sort((a, b) => b.stuckFor - a.stuckFor);
  if (!stuck.data) return null;
  return (
    <section className="card db-card sum-stuck" aria-labelledby="sum-stuck-title" data-testid="stuck-items">
      <h3 id="sum-stuck-title"><Hourglass size={15} aria-hidden /> {t('rhythm.stuck.title')}</h3>
      {items.length === 0 && <p className="db-muted">{t('rhythm.stuck.none')}</p>}
      {items.length > 0 && (
        <ul className="sum-stuck-list">
          {items.map((i) => (
            <li key={`${i.reportId}:${i.blockId}`}>
              <Link to={blockUrl(i.reportId, i.blockId)}>{i.project || t('rhythm.status.untitled')}</Link>
              {i.progress !== null && i.progress !== undefined && <span className="db-pct"> {i.progress}%</span>}
              <span className="sum-stuck-for"> {t('rhythm.stuck.since', { count: i.stuckFor, since: i.since })}</span>
              <span className="muted small"> · {i.week}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
