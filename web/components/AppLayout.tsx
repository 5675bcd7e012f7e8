import { Menu } from 'lucide-react';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { SearchPaletteHost } from '../pages/search/mount.js';
import { useCurrentSpace } from '../lib/currentSpace.js';
import { useSpaces } from '../lib/data.js';
import { Logo } from './Logo.js';
import { Sidebar } from './Sidebar.js';
import { PageSpinner } from './Spinner.js';

/** The product frame: sidebar on the left, the page on the right (on phones the sidebar slides over); Ctrl/Cmd+K search everywhere. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpen, setNavOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setNavOpen(false), [pathname]);
  // On a phone the bar names the space the sidebar holds (it said only Cadence: walkthrough).
  const currentSpace = useCurrentSpace();
  const spaceName = useSpaces().data?.find((s) => s.id === currentSpace)?.name;
  return (
    <div className={`app${navOpen ? ' nav-open' : ''}`}>
      <Sidebar />
      {navOpen && <div className="scrim" onClick={() => setNavOpen(false)} />}
      <main className="main">
        <div className="mobile-bar">
          <button className="icon-btn" aria-label={t('nav.openNavigation')} onClick={() => setNavOpen(true)}><Menu size={18} /></button>
          <Logo />
          {spaceName && <span className="mobile-space" data-testid="mobile-space">{spaceName}</span>}
        </div>
        <Suspense fallback={<PageSpinner />}><Outlet /></Suspense>
      </main>
      <SearchPaletteHost />
    </div>
  );
}
