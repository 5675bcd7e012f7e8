import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { setCurrentSpace } from '../../lib/currentSpace.js';
import { useSpaces } from '../../lib/data.js';
import { useTitle } from '../../lib/useTitle.js';
import { SpaceDashboard } from './SpaceDashboard.js';

/** `/s/:spaceId/dashboard`: the space dashboard on its own page. */
export function DashboardPage() {
  const { spaceId = '' } = useParams();
  const space = useSpaces().data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle('Dashboard', space?.name);
  return (
    <div className="page db-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}`}>{space?.name ?? 'Space'}</Link></div>
          <h1>Dashboard</h1>
        </div>
      </header>
      <SpaceDashboard spaceId={spaceId} />
    </div>
  );
}
