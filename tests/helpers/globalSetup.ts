import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Browser tests need the built web app: build it once per run when web/ or shared/ changed. */
export default function setup() {
  const root = path.resolve(import.meta.dirname, '../..');
  const built = path.join(root, 'dist/web/index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  if (!fs.existsSync(built) || Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'shared'))) > fs.statSync(built).mtimeMs) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
}
