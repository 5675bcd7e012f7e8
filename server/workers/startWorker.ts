import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` of this folder (e.g. 'docWorker'). Bundled (npm start, the child-process tests,
 * the bench: scripts/serverBundle.mjs) it is a file of its own beside the server's, with the same extension; run
 * from source (vitest, tsx) it is the TypeScript file, loaded through tsx's module hooks registered in the thread.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}${path.extname(fileURLToPath(here))}`, here), options);
  const shim = `import { register } from ${JSON.stringify(tsxApi())}; register(); await import(${JSON.stringify(new URL(`./${name}.ts`, here).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(shim)}`), options);
}

/** tsx's ES module API (its CommonJS build cannot register ES hooks in a thread), by its package's exports. */
function tsxApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const entry = JSON.parse(fs.readFileSync(pkg, 'utf8')).exports['./esm/api'].import.default as string;
  return pathToFileURL(path.join(path.dirname(pkg), entry)).href;
}
