// npm run dev: the API server (tsx watch, port 3000) and the Vite dev server (port 5173, proxying /api incl. websockets).
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: port,
  // The browser talks to Vite's origin; the server must trust it for cookies and writes.
  SERVE_WEB: '0', // Vite serves the app in dev
  TRUSTED_ORIGINS: process.env.TRUSTED_ORIGINS ?? `http://localhost:5173,http://localhost:${port}`,
};

const children = [
  spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'server/index.ts'], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js')], { cwd: root, env, stdio: 'inherit' }),
];
const stop = (sig) => children.forEach((c) => c.exitCode === null && c.kill(sig));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => stop(sig));
children.forEach((c) => c.on('exit', (code) => { stop('SIGTERM'); process.exitCode = code ?? 0; }));
