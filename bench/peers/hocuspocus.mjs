// Peer: Hocuspocus server, in memory. With STORE_DIR, a document named <name> starts from STORE_DIR/<name>.bin
// (a Yjs update) when it is loaded, so a cold open reads a stored report as Cadence does; nothing is written back.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { Server } from '@hocuspocus/server';

const dir = process.env.STORE_DIR;
const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  async onLoadDocument({ documentName, document }) {
    if (!dir) return;
    const file = path.join(dir, `${documentName}.bin`);
    if (fs.existsSync(file)) Y.applyUpdate(document, fs.readFileSync(file));
  },
});
await server.listen();
console.log('ready');
