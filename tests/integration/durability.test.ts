/**
 * Nothing accepted is lost: committee members who edit while the server is down converge
 * when it is back (and the store has both edits after another restart), and a SIGKILL
 * during or after edits loses nothing any client saw accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { openSqliteStore } from '../../server/store';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  startServer,
  until,
  type Client,
} from '../helpers/server';

const room = 'kern/heukelum/agenda';

afterEach(cleanup);

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

describe('offline edits', () => {
  it('two committee members edit while the server is down; both edits survive', async () => {
    let server = await startServer();
    const [tokenA, tokenB] = await Promise.all([
      makeToken(server.dataDir, 'commissie', 'heukelum', 'Anna'),
      makeToken(server.dataDir, 'commissie', 'heukelum', 'Bram'),
    ]);
    const a = await synced(connect(server.url, room, { token: tokenA }));
    const b = await synced(connect(server.url, room, { token: tokenB }));
    a.doc.getText('notes').insert(0, 'Agenda: ');
    await until(() => b.doc.getText('notes').toString() === 'Agenda: ');

    expect(await server.stop()).toBe(0);
    await until(() => !a.provider.wsconnected && !b.provider.wsconnected, {
      message: 'both clients notice the server is gone',
    });
    a.map.set('anna', 'bankje bij de kerk');
    a.doc.getText('notes').insert(8, 'bankje. ');
    b.map.set('bram', 'speeltuin opknappen');
    b.doc.getText('notes').insert(8, 'speeltuin. ');

    server = await server.restart();
    await until(
      () => a.map.get('bram') === 'speeltuin opknappen' && b.map.get('anna') !== undefined,
      {
        message: 'both edits reach both members after the server is back',
      },
    );
    await until(() => a.doc.getText('notes').toString() === b.doc.getText('notes').toString());
    const notes = a.doc.getText('notes').toString();
    expect(notes).toContain('bankje. ');
    expect(notes).toContain('speeltuin. ');

    server = await server.restart();
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.toJSON()).toEqual({ anna: 'bankje bij de kerk', bram: 'speeltuin opknappen' });
    expect(fresh.doc.getText('notes').toString()).toBe(notes);
  });
});

describe('SIGKILL', () => {
  it('after edits: every edit another client saw is served after a restart', async () => {
    let server = await startServer({ args: ['--compact-every', '50'] });
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum');
    const writer = await synced(connect(server.url, room, { token }));
    const observer = await synced(connect(server.url, room));
    for (let i = 0; i < 200; i++) writer.map.set(`k${i}`, i);
    await until(() => observer.map.size === 200, { message: 'the observer sees 200 edits' });

    await server.kill();
    writer.destroy();
    server = await startServer({ dataDir: server.dataDir });
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.size).toBe(200);
    expect(fresh.map.get('k199')).toBe(199);
  });

  it('during edits: nothing a client saw accepted is lost, and the writer catches up', async () => {
    let server = await startServer({ args: ['--compact-every', '25'] });
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum');
    const writer = await synced(connect(server.url, room, { token }));
    const observer = await synced(connect(server.url, room));
    // Edit one by one until the observer has seen 60 edits, kill the server then, and keep
    // editing while the kill lands. (Yield between edits so they go out one by one.)
    const next = () => new Promise((resolve) => setImmediate(resolve));
    let sent = 0;
    let killed: Promise<void> | null = null;
    while (!killed) {
      if (sent >= 5000) throw new Error(`the observer saw only ${observer.map.size} edits`);
      writer.map.set(`k${sent}`, sent++);
      if (observer.map.size >= 60) killed = server.kill();
      await next();
    }
    for (let i = 0; i < 50; i++) {
      writer.map.set(`k${sent}`, sent++);
      await next();
    }
    await killed;
    const seen = observer.map.toJSON();
    observer.destroy();
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(60);

    server = await startServer({ dataDir: server.dataDir, port: server.port });
    // Fresh client on a different doc: it only has what the server stored.
    const fresh = await synced(connect(server.url, room, { doc: new Y.Doc() }));
    for (const [key, value] of Object.entries(seen)) expect(fresh.map.get(key), key).toBe(value);
    // The writer reconnects on its own and sends what the killed server never stored.
    await until(() => fresh.map.size === sent, { message: 'the writer catches up after restart' });
  });
});

describe('an update the room cannot place yet', () => {
  it('waits: never stored or served until what it builds on arrives, then both are', async () => {
    let server = await startServer();
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum', 'Anna');
    // Two edits of one device; the relay gets the second before the first.
    const source = new Y.Doc();
    const edits: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => edits.push(u));
    source.getMap('test').set('eerst', 1);
    source.getMap('test').set('daarna', 2);
    const frame = (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0); // sync
      encoding.writeVarUint(e, 2); // update
      encoding.writeVarUint8Array(e, update);
      return encoding.toUint8Array(e);
    };
    const writer = rawSocket(`${server.wsUrl}/sync/${room}?token=${token}`);
    await writer.opened;
    writer.ws.send(frame(edits[1]!));
    const witness = await synced(connect(server.url, room));
    writer.ws.send(new Uint8Array([3])); // a query answered after the update was handled
    await until(() => writer.messages.some((m) => m[0] === 1), { message: 'handled' });
    expect(witness.map.has('daarna')).toBe(false);

    // Two ordinary edits, so SIGTERM compacts the room: the waiting part is not stored.
    const other = await synced(connect(server.url, room, token));
    other.map.set('gewoon', 1);
    other.map.set('ook', 2);
    await until(() => witness.map.get('ook') === 2, { message: 'ordinary edits relayed' });
    expect(await server.stop()).toBe(0);
    const store = openSqliteStore(server.dataDir);
    const rows = await store.load(room);
    store.close();
    expect(rows).toHaveLength(1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, rows[0]!);
    expect(stored.store.pendingStructs).toBeNull();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.toJSON()).toEqual({ gewoon: 1, ook: 2 });
    const all = await synced(connect(server.url, room, token));
    Y.applyUpdate(all.doc, edits[0]!);
    Y.applyUpdate(all.doc, edits[1]!);
    await until(() => fresh.map.get('daarna') === 2 && fresh.map.get('eerst') === 1, {
      message: 'both edits once the first arrives',
    });
  });
});
