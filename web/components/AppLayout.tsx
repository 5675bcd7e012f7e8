import { Menu } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Logo } from './Logo.js';
import { Sidebar } from './Sidebar.js';

/** The product frame: sidebar on the left, the page on the right (on phones the sidebar slides over). */
export function AppLayout() {
  const [navOpen, setNavOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setNavOpen(false), [pathname]);
  return (
    <div className={`app${navOpen ? ' nav-open' : ''}`}>
      <Sidebar />
      {navOpen && <div className="scrim" onClick={() => setNavOpen(false)} />}
      <main className="main">
        <div className="mobile-bar">
          <button className="icon-btn" aria-label="Open navigation" onClick={() => setNavOpen(true)}><Menu size={18} /></button>
          <Logo />
        </div>
        <Outlet />
      </main>
    </div>
  );
}
