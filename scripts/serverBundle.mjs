// How the server is bundled, for `npm start` (scripts/build.mjs) and for tests and the bench that run it as a
// process of its own (tests/helpers/childServer.ts): one place, so they run what production runs.
//
// Our TypeScript and the JavaScript dependencies go into one file: measured, an idle server took 134 MB with every
// package loaded from node_modules (hundreds of small ES modules, each kept with its source) and 102 MB bundled.
// What cannot or need not be bundled stays in node_modules: native addons (better-sqlite3), what loads files or
// threads by path (pino's transports), and the PostgreSQL and Redis clients (loaded only when configured).
// Whitespace and syntax are minified (the source V8 keeps is 3.2 MB instead of 4.7; names stay, for stack traces).
export const EXTERNAL = ['better-sqlite3', 'pino', 'thread-stream', 'pg', 'pg-native', 'ioredis', 'bufferutil', 'utf-8-validate'];

// Worker threads started by the server (server/workers/startWorker.ts): each bundled into a file of its own beside
// the server's, under this name.
export const WORKER_ENTRIES = { docWorker: 'server/workers/docWorker.ts' };

export const serverBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  minifyWhitespace: true,
  minifySyntax: true,
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none of its own.
  banner: { js: "import { createRequire as __cadenceRequire } from 'node:module'; const require = __cadenceRequire(import.meta.url);" },
};
