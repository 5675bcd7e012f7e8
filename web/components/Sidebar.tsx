import { Home, Users } from 'lucide-react';
import { NavLink } from 'react-router';
import { useCurrentSpace } from '../lib/currentSpace.js';
import { useSpaces } from '../lib/data.js';
import { SpaceSwitcher } from './SpaceSwitcher.js';
import { UserMenu } from './UserMenu.js';
import { WeekList } from './WeekList.js';
import { InboxButton } from '../comments/Inbox.js';
import { ImportButton } from '../import/ImportDialog.js';

/** Spaces, the current space's pages and weeks, and the user menu. */
export function Sidebar() {
  const spaces = useSpaces();
  const stored = useCurrentSpace();
  const space = spaces.data?.find((s) => s.id === stored) ?? spaces.data?.[0];
  return (
    <aside className="sidebar">
      <SpaceSwitcher spaces={spaces.data ?? []} current={space} />
      {space && (
        <>
          <nav className="side-nav">
            <NavLink end to={`/s/${space.id}`} className="side-link"><Home size={16} /> Overview</NavLink>
            <NavLink to={`/s/${space.id}/members`} className="side-link"><Users size={16} /> Members</NavLink>
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
