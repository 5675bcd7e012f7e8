import { FolderKanban, Home, LayoutDashboard, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useCurrentSpace } from '../lib/currentSpace.js';
import { useSpaces } from '../lib/data.js';
import { SpaceSwitcher } from './SpaceSwitcher.js';
import { UserMenu } from './UserMenu.js';
import { WeekList } from './WeekList.js';
import { InboxButton } from '../comments/Inbox.js';
import { useEventStream } from '../comments/useEventStream.js';
import { ImportButton } from '../import/ImportButton.js';

/** Spaces, the current space's pages and weeks, and the user menu. */
export function Sidebar() {
  const { t } = useTranslation();
  const spaces = useSpaces();
  // The user's event stream on every page, with or without a space: being added to a space (or removed from one)
  // shows at once, also on the first-space screen of someone who has none yet.
  useEventStream(null);
  const stored = useCurrentSpace();
  const space = spaces.data?.find((s) => s.id === stored) ?? spaces.data?.[0];
  return (
    <aside className="sidebar" aria-label={t('nav.sidebar')}>
      <SpaceSwitcher spaces={spaces.data ?? []} current={space} />
      {space && (
        <>
          <nav className="side-nav" aria-label={t('nav.main')}>
            <NavLink end to={`/s/${space.id}`} className="side-link"><Home size={16} aria-hidden /> {t('nav.overview')}</NavLink>
            {/* The dashboard with its week ranges, stuck items and period summaries: it was reachable only through links on other pages. */}
            <NavLink end to={`/s/${space.id}/dashboard`} className="side-link"><LayoutDashboard size={16} aria-hidden /> {t('nav.dashboard')}</NavLink>
            <NavLink to={`/s/${space.id}/members`} className="side-link"><Users size={16} aria-hidden /> {t('nav.members')}</NavLink>
            <NavLink end to={`/s/${space.id}/projects`} className="side-link"><FolderKanban size={16} aria-hidden /> {t('projects.title')}</NavLink>
            <InboxButton />
            <ImportButton space={space} />
          </nav>
          <WeekList space={space} />
        </>
      )}
      <div className="sidebar-foot"><UserMenu /></div>
    </aside>
  );
}
