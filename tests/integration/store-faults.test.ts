/**
 * A full store: the server refuses new edits without losing any, keeps serving reads, says
 * why on /healthz, and takes the edits once there is room again. The disk does not really
 * fill up: SQLite fails the writes with SQLITE_FULL (see tests/helpers/store.ts). A write
 * lock held by another process is the other fault, tested in http.test.ts. A read-only
 * database file is real: its mode is 0444, and as root the server runs as `nobody` so that
 * the mode applies.
 */
import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  repoRoot,
  startServer,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { metric } from '../helpers/metrics';
import { filledDataDir, freeStore } from '../helpers/store';

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

describe('a full store', () => {
  it('refuses edits, keeps reads, reports 503, and stores the held-back edits after recovery', async () => {
    const { dataDir, args } = filledDataDir();
    const server = await startServer({ dataDir, args });
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
    freeStore(dataDir);
    await until(() => writer.closes.includes(1012), { message: 'the writer is asked back' });
    await until(
      () => reader.map.has(refusedKey) && reader.map.get('tijdens-storing') !== undefined,
      { message: 'the held-back edits reach the reader' },
    );
    await until(() => fresh.map.get('tijdens-storing') === 'blijft op het apparaat', {
      message: 'and the fresh client',
    });
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

/** The user a server runs as when file modes must bite: root ignores them. */
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Whether `nobody` can reach the repository (to run the server from it). */
function othersCanRead(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if ((statSync(at).mode & 0o005) !== 0o005) return false;
    if (dirname(at) === at) return true;
  }
}

describe('a read-only database file', () => {
  it('serves reads, holds edits back saying why, and stores them once the file is writable', async () => {
    const first = await startServer();
    const { dataDir } = first;
    const file = join(dataDir, 'kernplein.sqlite');
    const token = await makeToken(dataDir, 'commissie', 'beesd', 'Anna');
    const before = await synced(connect(first.url, room, token));
    before.map.set('eerder', 'opgeslagen');
    const witness = await synced(connect(first.url, room));
    await until(() => witness.map.get('eerder') === 'opgeslagen', { message: 'stored' });
    before.destroy();
    witness.destroy();
    expect(await first.stop()).toBe(0);

    if (unprivileged)
      expect(othersCanRead(repoRoot), `${repoRoot} must be readable by others`).toBe(true);
    if (unprivileged)
      for (const path of [dataDir, ...readdirSync(dataDir).map((f) => join(dataDir, f))])
        chownSync(path, unprivileged.uid, unprivileged.gid);
    chmodSync(file, 0o444);
    const server = await startServer({
      dataDir,
      args: ['--store-probe-ms', '100'],
      ...(unprivileged ? { user: unprivileged } : {}),
    });

    // /healthz says why from the start; reads are served.
    const during = await health(server);
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ reason: expect.stringMatching(/readonly/) });
    const reader = await synced(connect(server.url, room));
    expect(reader.map.get('eerder')).toBe('opgeslagen');

    // A committee member's edit is held back and they are told why; the connection stays.
    const writer = await synced(connect(server.url, room, token));
    writer.map.set('tijdens', 'wacht op de server');
    await until(() => writer.denied.length > 0, { message: 'the writer is told' });
    expect(writer.denied[0]).toMatch(/kan nu niets opslaan/);
    expect(reader.map.has('tijdens')).toBe(false);

    // The file is writable again: the probe reopens it, the writer's edit is stored.
    chmodSync(file, 0o644);
    await until(() => reader.map.get('tijdens') === 'wacht op de server', {
      timeout: 10_000,
      message: 'the held-back edit arrives after recovery',
    });
    expect((await health(server)).status).toBe(200);
    expect(writer.closes.filter((code) => code >= 4400 && code < 4500)).toEqual([]);

    await server.kill();
    const next = await startServer({ dataDir, ...(unprivileged ? { user: unprivileged } : {}) });
    const after = await synced(connect(next.url, room));
    expect(after.map.get('tijdens')).toBe('wacht op de server');
  });
});
