/**
 * Landing on a block: when the URL of a report carries `?block=<blockId>` (search results, the dashboard),
 * wait for the editor to render that block, scroll it to the middle of the screen and flash it.
 * Runs beside the app (it only reads the URL and the DOM), so no page has to know about it.
 */
const FLASH_MS = 2600;
const WAIT_MS = 10_000;
let lastHandled = '';

function check() {
  const url = new URL(window.location.href);
  const blockId = url.searchParams.get('block');
  const key = url.pathname + '?' + blockId;
  if (!blockId || !url.pathname.startsWith('/r/') || key === lastHandled) return;
  lastHandled = key;
  const t0 = Date.now();
  const tryFocus = () => {
    const el = document.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`);
    if (!el) {
      if (Date.now() - t0 < WAIT_MS) setTimeout(tryFocus, 100);
      return;
    }
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.add('search-flash');
    el.setAttribute('data-search-hit', '');
    setTimeout(() => el.classList.remove('search-flash'), FLASH_MS);
  };
  tryFocus();
}

/** Watches the URL (react-router changes it with pushState, which fires no event). */
export function watchBlockFocus() {
  window.addEventListener('popstate', check);
  setInterval(check, 200);
  check();
}
