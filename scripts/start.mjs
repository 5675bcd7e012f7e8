// npm start: build first when there is no build or the sources changed since (scripts/build.mjs), then run the
// built server in this process. After `npm run build`, this works with production dependencies only and from a
// read-only directory (only DATA_DIR is written).
import { pathToFileURL } from 'node:url';
import { ensureBuilt, serverEntry } from './build.mjs';

try {
  await ensureBuilt();
} catch (e) {
  console.error(`start: ${e.message}`);
  process.exit(1);
}
// Stack traces point into server/*.ts (dist/server/index.mjs.map).
process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(serverEntry).href);
await main();
