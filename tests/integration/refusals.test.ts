/**
 * Every kind of bad input is refused with its close code (DESIGN.md "Contracts") while two
 * other clients in the same room keep syncing: unknown room or kern (4404), bad tokens
 * (4401), a foreign browser Origin (4403), malformed messages and an update that decodes
 * but that no honest client makes (4400), a message over the limit (1009), a flood (4429)
 * and a read-only client's edit (auth permission-denied, not forwarded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forge as forgeUpdate } from '../unit/support/forge';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  startServer,
  tempDir,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { metric } from '../helpers/metrics';

const room = 'kern/beesd/agenda';
const maxMessageBytes = 64 * 1024;
let server: ServerHandle;
let writer: Client;
let reader: Client;
let commissieToken: string;
let round = 0;

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

/** The steady pair still syncs: a new edit of the writer reaches the reader. */
async function stillSyncing() {
  const key = `round-${++round}`;
  writer.map.set(key, round);
  await until(() => reader.map.get(key) === round, { message: `edit ${key} reaches the reader` });
}

function sync(url = `${server.wsUrl}/sync/${room}`, headers: Record<string, string> = {}) {
  return rawSocket(url, headers);
}

/** A token signed with this server's own secret, with whatever claims an attacker likes. */
function forge(claims: Record<string, unknown>, sub = 'forged') {
  const secret = new Uint8Array(readFileSync(join(server.dataDir, 'secret.key')));
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).sign(secret);
}

beforeAll(async () => {
  server = await startServer({
    args: [
      '--max-message-bytes',
      String(maxMessageBytes),
      '--allowed-origins',
      'https://kernplein.example, https://dorpshuis.example:8443',
    ],
  });
  commissieToken = await makeToken(server.dataDir, 'commissie', 'beesd');
  writer = await synced(connect(server.url, room, { token: commissieToken }));
  reader = await synced(connect(server.url, room));
  await stillSyncing();
});

afterAll(cleanup);

describe('unknown rooms and kernen: 4404', () => {
  it.each([
    'kern/atlantis/agenda',
    'kern/beesd/onbekend',
    'kern/beesd',
    'gemeente/iets',
    'samen/x',
    'samen/..%2F..%2Fetc',
    '',
    '%E0%A4%A',
  ])('refuses "%s"', async (name) => {
    const { closed } = sync(`${server.wsUrl}/sync/${name}`);
    expect((await closed).code).toBe(4404);
    await stillSyncing();
  });
});

describe('bad tokens: 4401', () => {
  const cases: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not-a-token'],
    ['three dots of nothing', async () => 'a.b.c'],
    ['signed by another server', () => makeToken(tempDir(), 'gemeente')],
    ['unknown role', () => forge({ role: 'burgemeester', name: 'X' })],
    ['commissie without kern', () => forge({ role: 'commissie', name: 'X' })],
    ['commissie of an unknown kern', () => forge({ role: 'commissie', kern: 'atlantis' })],
    [
      'expired a minute ago',
      () => forge({ role: 'bewoner', name: 'X', exp: Math.floor(Date.now() / 1000) - 60 }),
    ],
    [
      'no subject',
      () =>
        new SignJWT({ role: 'gemeente' })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new Uint8Array(readFileSync(join(server.dataDir, 'secret.key')))),
    ],
    [
      'alg none',
      async () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${b64({ alg: 'none' })}.${b64({ role: 'beheerder', sub: 'x' })}.`;
      },
    ],
  ];
  it.each(cases)('refuses a token: %s', async (_name, make) => {
    const token = await make();
    const { closed } = sync(`${server.wsUrl}/sync/${room}?token=${encodeURIComponent(token)}`);
    expect((await closed).code).toBe(4401);
    await stillSyncing();
  });

  it('the official provider stops retrying after a 4401 close', async () => {
    const before = await metric(
      server,
      'kernplein_rejections_total{reason="bad_token",code="4401"}',
    );
    const client = connect(server.url, room, { token: 'not-a-token' });
    const closed = await client.closed;
    expect(closed.code).toBe(4401);
    expect(client.provider.shouldConnect).toBe(false);
    await stillSyncing();
    await stillSyncing();
    expect(client.provider.ws).toBeNull();
    expect(client.closes).toEqual([4401]);
    expect(await metric(server, 'kernplein_rejections_total{reason="bad_token",code="4401"}')).toBe(
      before + 1,
    );
    client.destroy();
  });
});

describe('browser origins', () => {
  it('refuses a foreign Origin with 4403, even with a good token', async () => {
    const { closed } = sync(`${server.wsUrl}/sync/${room}?token=${commissieToken}`, {
      Origin: 'https://evil.example',
    });
    expect((await closed).code).toBe(4403);
    const { closed: nullOrigin } = sync(undefined, { Origin: 'null' });
    expect((await nullOrigin).code).toBe(4403);
    await stillSyncing();
  });

  it.each([
    ['its own origin', () => `http://127.0.0.1:${server.port}`],
    ['a listed origin', () => 'https://kernplein.example'],
    ['a listed origin with a port', () => 'https://dorpshuis.example:8443'],
    ['no Origin header (not a browser)', () => ''],
  ])('accepts %s', async (_name, origin) => {
    const socket = sync(undefined, origin() ? { Origin: origin() } : {});
    await socket.opened;
    await until(() => socket.messages.length > 0, { message: 'the server sends sync step 1' });
    expect([...socket.messages[0]!.subarray(0, 2)]).toEqual([0, 0]);
    socket.ws.close();
    expect((await socket.closed).code).toBe(1005);
  });
});

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** A small seeded PRNG (mulberry32), so random frames are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('malformed messages: 4400, only that connection', () => {
  const garbageUpdate = new Uint8Array([5, 200, 1, 9, 9, 9, 9, 9]);
  const cases: [string, Uint8Array | string][] = [
    ['a truncated varint', new Uint8Array([0x80])],
    ['an empty frame', new Uint8Array([])],
    ['an unknown message type', new Uint8Array([7])],
    ['an unknown sync step', new Uint8Array([0, 9, 0])],
    ['a truncated sync step 1', new Uint8Array([0, 0, 5, 1])],
    [
      'a garbage update',
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, garbageUpdate)
        ),
      ),
    ],
    [
      'a garbage state vector',
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint8Array(e, new Uint8Array([3, 1]))
        ),
      ),
    ],
    [
      'trailing bytes',
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc())),
          encoding.writeUint8(e, 1)
        ),
      ),
    ],
    [
      'awareness with broken JSON',
      frame((e) => {
        const a = encoding.createEncoder();
        encoding.writeVarUint(a, 1);
        encoding.writeVarUint(a, 42);
        encoding.writeVarUint(a, 1);
        encoding.writeVarString(a, '{"user":');
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, encoding.toUint8Array(a));
      }),
    ],
    ['an auth message from a client', new Uint8Array([2, 0, 0])],
    ['a text frame', 'hallo'],
  ];
  for (let seed = 1; seed <= 12; seed++) {
    const next = random(seed);
    const bytes = new Uint8Array(8 + Math.floor(next() * 200)).map(() => Math.floor(next() * 256));
    cases.push([`random bytes (seed ${seed})`, bytes]);
  }

  it('closes a writer whose update no honest client makes; the others see none of it', async () => {
    // "abcd" from the writer; a forger inserts X between b and c with c's left neighbour b
    // as its right origin too. Yjs would place X differently on each replica.
    const text = writer.doc.getText('forged');
    text.insert(0, 'abcd');
    await until(() => reader.doc.getText('forged').toString() === 'abcd');
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(writer.doc));
    let edit: Uint8Array | null = null;
    forger.on('update', (update: Uint8Array) => (edit = update));
    forger.getText('forged').insert(2, 'X');
    const forged = forgeUpdate(edit!, ([item]) => (item!.rightOrigin = item!.origin));
    const socket = sync(`${server.wsUrl}/sync/${room}?token=${commissieToken}`);
    await socket.opened;
    socket.ws.send(
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, forged)
        ),
      ),
    );
    expect((await socket.closed).code).toBe(4400);
    await stillSyncing();
    expect([writer.closes, reader.closes]).toEqual([[], []]);
    const fresh = await synced(connect(server.url, room));
    for (const client of [writer, reader, fresh])
      expect(client.doc.getText('forged').toString()).toBe('abcd');
    expect(await metric(server, 'kernplein_rejections_total{reason="misplaced",code="4400"}')).toBe(
      1,
    );
    fresh.destroy();
  });

  it.each(cases)('closes a writer that sends %s', async (_name, data) => {
    const socket = sync(`${server.wsUrl}/sync/${room}?token=${commissieToken}`);
    await socket.opened;
    socket.ws.send(data, { binary: typeof data !== 'string' });
    expect((await socket.closed).code).toBe(4400);
    await stillSyncing();
  });
});

describe('message size limit', () => {
  it('closes a connection whose message is over --max-message-bytes with 1009', async () => {
    const socket = sync(`${server.wsUrl}/sync/${room}?token=${commissieToken}`);
    await socket.opened;
    const update = frame((e) => {
      const doc = new Y.Doc();
      doc.getMap('test').set('big', 'x'.repeat(maxMessageBytes));
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
    });
    socket.ws.send(update);
    expect((await socket.closed).code).toBe(1009);
    await stillSyncing();
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.has('big')).toBe(false);
    expect(await metric(server, 'kernplein_rejections_total{reason="too_big",code="1009"}')).toBe(
      1,
    );
    fresh.destroy();
  });

  it('accepts a message just under the limit', async () => {
    const big = 'y'.repeat(maxMessageBytes - 200);
    writer.map.set('large', big);
    await until(() => reader.map.get('large') === big, { message: 'a large edit is relayed' });
  });
});

describe('flood control', () => {
  it('closes a connection that floods with 4429', async () => {
    const socket = sync();
    await socket.opened;
    for (let i = 0; i < 5000; i++) socket.ws.send(new Uint8Array([3]));
    expect((await socket.closed).code).toBe(4429);
    await stillSyncing();
  });

  it('lets a burst of offline-sized edits through', async () => {
    for (let i = 0; i < 800; i++) writer.map.set(`burst-${i}`, i);
    await until(() => reader.map.get('burst-799') === 799, { message: 'the whole burst arrives' });
    expect(writer.closes).toEqual([]);
    await stillSyncing();
  });
});

describe('read-only clients', () => {
  it("refuses a reader's edit, tells it once, forwards nothing", async () => {
    const intruder = await synced(connect(server.url, room));
    intruder.map.set('intruder', 1);
    await until(() => intruder.denied.length === 1, { message: 'the reader is told' });
    expect(intruder.denied[0]).toMatch(/niet wijzigen/);
    await stillSyncing();
    expect(intruder.denied).toHaveLength(1);
    const fresh = await synced(connect(server.url, room));
    expect(fresh.map.has('intruder')).toBe(false);
    expect(reader.map.has('intruder')).toBe(false);
    intruder.destroy();
    fresh.destroy();
  });

  it('tells a reader once, however often it edits', async () => {
    const socket = sync();
    await socket.opened;
    const doc = new Y.Doc();
    const edit = (n: number) => {
      const before = Y.encodeStateVector(doc);
      doc.getMap('test').set('raw-intruder', n);
      return frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, before));
      });
    };
    for (let n = 1; n <= 3; n++) socket.ws.send(edit(n));
    // The server answers in order on one socket: once the sync step 2 answering this step 1
    // is back, any further denial would have arrived before it.
    socket.ws.send(
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
        ),
      ),
    );
    await until(() => socket.messages.some((m) => m[0] === 0 && m[1] === 1), {
      message: 'the answer to sync step 1',
    });
    expect(socket.messages.filter((m) => m[0] === 2)).toHaveLength(1);
    socket.ws.close();
    await stillSyncing();
    expect(reader.map.has('raw-intruder')).toBe(false);
  });

  it('does not tell a reader anything when it only syncs', async () => {
    const quiet = await synced(connect(server.url, room));
    await stillSyncing();
    await until(() => quiet.map.get(`round-${round}`) === round);
    expect(quiet.denied).toEqual([]);
    quiet.destroy();
  });
});

describe('the log', () => {
  it('records refusals without any token or query string', async () => {
    await until(() => server.stderr().includes('"code":4401'), { message: 'refusals are logged' });
    expect(server.stderr()).toContain('"code":4404');
    expect(server.stderr()).not.toContain(commissieToken);
    expect(server.stderr()).not.toContain('token=');
    expect(server.stderr()).not.toMatch(/eyJ/);
  });
});
