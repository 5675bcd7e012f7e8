import { createRoot } from 'react-dom/client';
import { watchBlockFocus } from './blockFocus.js';
import { SearchPalette } from './SearchPalette.js';
import './search.css';

/**
 * The palette is app-wide (Ctrl/Cmd+K on every page), so it gets its own small React root beside the app
 * instead of a slot in the layout; it navigates through the URL (navigate.ts). Mounted once, on import.
 */
if (typeof document !== 'undefined' && !document.getElementById('search-palette-root')) {
  const host = document.createElement('div');
  host.id = 'search-palette-root';
  document.body.appendChild(host);
  createRoot(host).render(<SearchPalette />);
  watchBlockFocus();
}

/** Opens the palette from a button (e.g. a search box on a page). */
export const openSearchPalette = () => window.dispatchEvent(new Event('cadence:search'));
