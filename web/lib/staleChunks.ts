/**
 * After a new version is deployed, a page opened before it asks for code chunks that are gone (their names carry the
 * build's hashes): opening another page failed with "Failed to fetch dynamically imported module". Vite reports
 * such a failure as `vite:preloadError`; the page then reloads once and gets the new version — but only when the
 * server answers: a chunk that failed because the server is down or the browser offline is not a new version, and
 * reloading then replaced the report being edited offline with the browser's error page. Not again within a minute,
 * so a chunk that is really missing shows its error instead of reloading for ever. Edits are safe across the reload:
 * the report editor keeps them in the browser until the server has them.
 */
const RELOADED_AT = 'cadence.staleChunkReloadAt';

export function reloadOnStaleChunks() {
  window.addEventListener('vite:preloadError', () => {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000 || !navigator.onLine) return;
    void serverAnswers().then((up) => {
      if (!up) return;
      sessionStorage.setItem(RELOADED_AT, String(Date.now()));
      window.location.reload();
    });
  });
}

/** Whether the server is there to serve a new version (a health check that bypasses every cache). */
async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}
