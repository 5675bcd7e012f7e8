import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { setCurrentSpace } from '../../lib/currentSpace.js';
import { useSpaces } from '../../lib/data.js';
import { useTitle } from '../../lib/useTitle.js';
import { RangeDashboard, useRange } from './RangeDashboard.js';
import { SpaceDashboard } from './SpaceDashboard.js';
import { StuckList } from './StuckList.js';
import { SummarySection } from './Summary.js';

/**
 * `/s/:spaceId/dashboard`: the space over a week or a range of weeks (`?from=…&to=…`, issue 12) — projects with their
 * last-known progress, KPIs against target, incidents, open risks — then the range's last week at a glance.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const space = useSpaces().data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle(t('dashboard.title'), space?.name);
  const range = useRange();
  return (
    <div className="page db-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}`}>{space?.name ?? t('common.space')}</Link></div>
          <h1>{t('dashboard.title')}</h1>
        </div>
      </header>
      {/* Issue 15: the period on one page, saved documents, stuck items. */}
      <SummarySection spaceId={spaceId} role={space?.role ?? null} />
      <StuckList spaceId={spaceId} />
      <RangeDashboard spaceId={spaceId} />
      <SpaceDashboard spaceId={spaceId} week={range.to} withOpen={false} />
    </div>
  );
}
