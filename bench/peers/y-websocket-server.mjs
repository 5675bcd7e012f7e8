// Peer: the reference y-websocket server (@y/websocket-server 0.1.1, the last on yjs 13), in memory. With STORE_DIR,
// a document named <name> starts from STORE_DIR/<name>.bin (a Yjs update) when it is loaded; nothing is written back.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { setupWSConnection, setPersistence } from '@y/websocket-server/utils';

const dir = process.env.STORE_DIR;
if (dir) {
  setPersistence({
    bindState: (name, doc) => {
      const file = path.join(dir, `${name}.bin`);
      if (fs.existsSync(file)) Y.applyUpdate(doc, fs.readFileSync(file));
    },
    writeState: async () => {},
  });
}
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => setupWSConnection(ws, req, { gc: true }));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
