import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const BUILD_FAILED = path.join(root, 'dist/web-build-failed.txt');

/**
 * Browser tests need the built web app: build it once per run when web/ or shared/ changed.
 * A failed build does not stop the other tests; startTestServer({ serveWeb: true }) then refuses to start.
 */
export default function setup() {
  const built = path.join(root, 'dist/web/index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  const stale = !fs.existsSync(built) || fs.existsSync(BUILD_FAILED) || Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'shared'))) > fs.statSync(built).mtimeMs;
  if (!stale) return;
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    fs.rmSync(BUILD_FAILED, { force: true });
  } catch (e: any) {
    fs.mkdirSync(path.dirname(BUILD_FAILED), { recursive: true });
    fs.writeFileSync(BUILD_FAILED, String(e?.stderr ?? e));
    console.error('web build failed; browser tests will fail:\n' + String(e?.stderr ?? e).slice(0, 2000));
  }
}
