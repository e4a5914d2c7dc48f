/**
 * Support for the soak test (soak.test.ts): clients bound to a local address, and reading
 * what a killed server left in its store.
 *
 * - `bindTo(client, address)`: the helpers' `connect()` has no option for the client's local
 *   address, so a provider made with `connect: false` gets a WebSocket class that binds
 *   `address` (any 127.x.y.z on Linux) before it connects. The relay then counts it against
 *   that address's limits (with `--limit-loopback`).
 * - `storedDocs(dataDir, rooms)`: after a SIGKILL (nothing running on `dataDir`), the rooms as
 *   the store holds them, read with the server's own store code from a copy of the database
 *   files, so the data dir the next server opens is left exactly as the killed one left it.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { databaseFile, openSqliteStore } from '../../../server/store';
import type { Client } from '../../helpers/server';

/** Makes `client` (created with `connect: false`) connect from `address`, and connects it. */
export function bindTo(client: Client, address: string): void {
  class BoundWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { localAddress: address });
    }
  }
  client.provider._WS = BoundWebSocket as unknown as typeof globalThis.WebSocket;
  client.provider.connect();
}

/** Closes the client's socket without a close handshake (a dropped link); it reconnects. */
export function dropSocket(client: Client): boolean {
  const ws = client.provider.ws as unknown as WebSocket | null;
  if (!ws || !client.provider.wsconnected) return false;
  ws.terminate();
  return true;
}

/** The stored state of `rooms` in the (stopped) server's `dataDir`, one Y.Doc per room. */
export async function storedDocs(dataDir: string, rooms: string[]): Promise<Map<string, Y.Doc>> {
  const copy = mkdtempSync(join(tmpdir(), 'kernplein-soak-store-'));
  try {
    const file = databaseFile(dataDir);
    // Not the -shm file: without it SQLite rebuilds the WAL index from the WAL, as the next
    // server does after a crash.
    for (const suffix of ['', '-wal'])
      if (existsSync(file + suffix))
        copyFileSync(file + suffix, join(copy, basename(file) + suffix));
    const store = openSqliteStore(copy);
    try {
      const docs = new Map<string, Y.Doc>();
      for (const room of rooms) {
        const doc = new Y.Doc();
        const rows = await store.load(room);
        doc.transact(() => rows.forEach((row) => Y.applyUpdate(doc, row)));
        docs.set(room, doc);
      }
      return docs;
    } finally {
      store.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
