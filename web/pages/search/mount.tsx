import { lazy, Suspense, useEffect, useState } from 'react';

const SearchPalette = lazy(() => import('./SearchPalette.js').then((m) => ({ default: m.SearchPalette })));

/**
 * Ctrl/Cmd+K on every signed-in page (AppLayout mounts this): opens the search palette, whose code loads the
 * first time it is opened. Pages open it with openSearchPalette().
 */
export function SearchPaletteHost() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('cadence:search', onOpen);
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener('cadence:search', onOpen); };
  }, []);
  if (!open) return null;
  return <Suspense fallback={null}><SearchPalette onClose={() => setOpen(false)} /></Suspense>;
}

/** Opens the palette from a button (e.g. a search box on a page). */
export const openSearchPalette = () => window.dispatchEvent(new Event('cadence:search'));
