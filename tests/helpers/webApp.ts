import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * A browser test file's set-up: a real server serving the built web app, and Chromium, started before the file's
 * tests and closed after them. `server` and `browser` are there from the first test on (a test that restarts the
 * server puts the new one in `server`, and that one is closed at the end).
 */
export function webApp(opts: Omit<Parameters<typeof startTestServer>[0] & {}, 'serveWeb'> = {}): WebApp {
  const app = {} as WebApp;
  beforeAll(async () => {
    app.server = await startTestServer({ ...opts, serveWeb: true });
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export interface WebApp {
  server: TestServer;
  browser: Browser;
}
