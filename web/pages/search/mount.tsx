import { lazy, Suspense, useEffect, useState } from 'react';

const loadPalette = () => import('./SearchPalette.js');
const SearchPalette = lazy(() => loadPalette().then((m) => ({ default: m.SearchPalette })));

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
    // Fetched once the page is idle, so that what is typed right after Ctrl+K lands in the palette.
    const idle = setTimeout(() => void loadPalette(), 1500);
    return () => { clearTimeout(idle); window.removeEventListener('keydown', onKey); window.removeEventListener('cadence:search', onOpen); };
  }, []);
  if (!open) return null;
  return <Suspense fallback={null}><SearchPalette onClose={() => setOpen(false)} /></Suspense>;
}

/** Opens the palette from a button (e.g. a search box on a page). */
export const openSearchPalette = () => window.dispatchEvent(new Event('cadence:search'));
