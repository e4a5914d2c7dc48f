/**
 * A full store: the server refuses new edits without losing any, keeps serving reads, says
 * why on /healthz, and takes the edits once there is room again.
 *
 * What is simulated, honestly: the machine's disk does not fill up. The server runs with
 * `--max-store-bytes` (SQLite's `max_page_count`) just above the size of a database that a
 * filler table has grown, so SQLite itself fails the writes with SQLITE_FULL ("database or
 * disk is full"), the same error a full disk gives. "Freeing disk space" is this test
 * dropping the filler table through its own connection. (Making the file read-only with
 * chmod does not work as root, which ignores file modes; a write lock held by another
 * process is the other fault, tested in http.test.ts.)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store';
import {
  cleanup,
  connect,
  makeToken,
  startServer,
  tempDir,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';

const room = 'kern/beesd/agenda';

afterAll(cleanup);

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

async function health(server: ServerHandle) {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function metric(server: ServerHandle, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** A data dir whose database a filler table has grown; returns the size in bytes. */
function filledDataDir(): { dataDir: string; bytes: number } {
  const dataDir = tempDir();
  openSqliteStore(dataDir).close();
  const db = new Database(join(dataDir, 'kernplein.sqlite'));
  db.exec('CREATE TABLE filler (data BLOB)');
  db.prepare('INSERT INTO filler VALUES (zeroblob(?))').run(2 * 1024 * 1024);
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { dataDir, bytes: pages * pageSize };
}

describe('a full store', () => {
  it('refuses edits, keeps reads, reports 503, and stores the held-back edits after recovery', async () => {
    const { dataDir, bytes } = filledDataDir();
    const server = await startServer({
      dataDir,
      args: ['--max-store-bytes', String(bytes + 256 * 1024), '--store-probe-ms', '100'],
    });
    expect((await health(server)).status).toBe(200);
    const token = await makeToken(dataDir, 'commissie', 'beesd', 'Anna');
    const writer = await synced(connect(server.url, room, token));
    const reader = await synced(connect(server.url, room));
    const elsewhere = await synced(connect(server.url, 'kern/tuil/agenda'));

    // Write until the store is full; every edit the reader saw was accepted.
    const value = 'v'.repeat(8 * 1024);
    let accepted = 0;
    for (let i = 0; i < 200 && !writer.closes.includes(4503); i++) {
      writer.map.set(`vul-${i}`, value);
      await until(() => reader.map.has(`vul-${i}`) || writer.closes.includes(4503), {
        message: `edit ${i} accepted or the store full`,
      });
      if (reader.map.has(`vul-${i}`)) accepted = i + 1;
    }
    expect(writer.closes).toContain(4503);
    expect(accepted).toBeGreaterThan(5);
    const refusedKey = `vul-${accepted}`;
    expect(writer.map.get(refusedKey)).toBe(value);

    // /healthz says why.
    const during = await health(server);
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ status: 'error', reason: expect.stringMatching(/full/) });
    expect(await metric(server, 'kernplein_store_fault')).toBe(1);

    // The writer reconnects (4503 is transient) and edits on: held back and told, in Dutch.
    await synced(writer);
    writer.map.set('tijdens-storing', 'blijft op het apparaat');
    await until(() => writer.denied.length > 0, { message: 'the writer is told' });
    expect(writer.denied[0]).toMatch(/kan nu niets opslaan/);

    // Reads go on: the reader is back in sync, a fresh client syncs every accepted edit,
    // awareness flows, another room is untouched.
    await synced(reader);
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.get(`vul-${accepted - 1}`)).toBe(value);
    expect(fresh.map.has(refusedKey)).toBe(false);
    expect(fresh.map.has('tijdens-storing')).toBe(false);
    reader.provider.awareness.setLocalStateField('user', { name: 'Lezer' });
    await until(
      () =>
        (writer.provider.awareness.getStates().get(reader.doc.clientID) as { user?: unknown })
          ?.user !== undefined,
      { message: 'awareness reaches the writer during the fault' },
    );
    expect(elsewhere.closes).toEqual([]);
    expect(reader.map.has('tijdens-storing')).toBe(false);

    // Room again on the "disk": the probe notices, the writer is asked to reconnect (1012)
    // and its normal sync sends both held-back edits.
    const db = new Database(join(dataDir, 'kernplein.sqlite'));
    db.exec('DROP TABLE filler');
    db.close();
    await until(() => writer.closes.includes(1012), { message: 'the writer is asked back' });
    await until(
      () => reader.map.has(refusedKey) && reader.map.get('tijdens-storing') !== undefined,
      { message: 'the held-back edits reach the reader' },
    );
    expect(fresh.map.get('tijdens-storing')).toBe('blijft op het apparaat');
    expect((await health(server)).status).toBe(200);
    expect(await metric(server, 'kernplein_store_fault')).toBe(0);

    // And they are in the store: after a SIGKILL a new server serves them.
    await server.kill();
    writer.destroy();
    const next = await startServer({ dataDir });
    const after = await synced(connect(next.url, room));
    expect(after.map.get(refusedKey)).toBe(value);
    expect(after.map.get('tijdens-storing')).toBe('blijft op het apparaat');
  });
});
