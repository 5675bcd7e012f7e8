// npm run backup -- <file>: the built backup command (dist/server/backup.mjs), built first if needed like npm start.
import { pathToFileURL } from 'node:url';
import { backupEntry, ensureBuilt } from './build.mjs';

try {
  await ensureBuilt();
} catch (e) {
  console.error(`backup: ${e.message}`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(backupEntry).href);
