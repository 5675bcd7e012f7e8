/**
 * Navigation from outside the router (the palette lives in its own React root): push the URL and tell
 * react-router's BrowserRouter, which listens for popstate.
 */
export function navigateTo(url: string) {
  window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
