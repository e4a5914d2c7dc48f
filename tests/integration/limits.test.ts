/**
 * The relay's configurable limits, each against a real server started with the flag: --help
 * lists every flag; an honest typist (an update and an awareness change per keystroke at
 * 15/s) is never throttled, a byte flood is throttled and then closed (4429); connections
 * and rooms per address (4429 with a Dutch reason, loopback counted with --limit-loopback);
 * the document size cap (4413: not applied, not stored, others unaffected); the idle
 * timeout (4508, transient: the provider reconnects); ping/pong (a socket that never answers
 * is dropped); per-message deflate is never negotiated; initial syncs in flight are bounded.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flags } from '../../server/options';
import { openSqliteStore } from '../../server/store';
import {
  cleanup,
  connect,
  makeToken,
  rawSocket,
  runServerToExit,
  startServer,
  tempDir,
  until,
  type Client,
  type ServerHandle,
} from '../helpers/server';
import { metric } from '../helpers/metrics';

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

function awarenessFrame(entries: { id: number; clock: number; state: unknown }[]) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

const queryAwareness = new Uint8Array([3]);

describe('flags', () => {
  it('--help documents every flag and exits 0', async () => {
    const result = await runServerToExit(['--help']);
    expect(result.code).toBe(0);
    for (const name of Object.keys(flags)) expect(result.stdout).toContain(`--${name}`);
    expect(result.stdout).not.toContain('Kernplein draait op');
  });

  it.each([
    [['--max-doc-bytes', '10'], /--max-doc-bytes must be a whole number of at least 1024/],
    [['--max-connections-per-address', '0'], /--max-connections-per-address must be/],
    [['--idle-timeout-ms=-1'], /--idle-timeout-ms must be/],
    [['--max-concurrent-syncs', 'veel'], /--max-concurrent-syncs must be/],
    [['--byte-burst', '2048'], /--byte-burst must be a whole number of at least 1048576/],
  ])('refuses %j', async (args, message) => {
    const result = await runServerToExit(['--data', tempDir(), ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('rates (default limits)', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(cleanup);

  it('never throttles an honest typist: an update and a cursor per keystroke at 15/s', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd');
    const typist = await synced(connect(server.url, 'kern/beesd/agenda', token));
    const reader = await synced(connect(server.url, 'kern/beesd/agenda'));
    const text = typist.doc.getText('punt');
    const sentence = 'Een bankje bij de kerk en een speeltuin voor de kinderen. ';
    const throttledBefore = await metric(server, 'kernplein_throttled_total');
    for (let i = 0; i < 60; i++) {
      text.insert(text.length, sentence[i % sentence.length]!);
      typist.provider.awareness.setLocalStateField('cursor', { index: text.length });
      // 15 keystrokes a second: wait for the next keystroke's moment (a timer, not a sleep
      // standing in for a condition).
      await new Promise((resolve) => setTimeout(resolve, 1000 / 15));
    }
    await until(() => reader.doc.getText('punt').length === 60, { message: 'every keystroke' });
    expect(await metric(server, 'kernplein_throttled_total')).toBe(throttledBefore);
    expect(typist.closes).toEqual([]);
    typist.destroy();
    reader.destroy();
  });

  it('throttles a byte flood, then closes it with 4429; others keep syncing', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum');
    const writer = await synced(connect(server.url, 'kern/heukelum/agenda', token));
    const reader = await synced(connect(server.url, 'kern/heukelum/agenda'));
    const socket = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`);
    await socket.opened;
    // 16 awareness entries of ~7 KB each: ~112 KB per valid frame, 60 MB in all, far more
    // than the 4 MiB burst and 1 MiB/s of the defaults.
    const big = 'x'.repeat(7000);
    const frame = awarenessFrame(
      Array.from({ length: 16 }, (_, i) => ({ id: 1000 + i, clock: 1, state: { big } })),
    );
    for (let i = 0; i < 540 && socket.ws.readyState === socket.ws.OPEN; i++) socket.ws.send(frame);
    expect((await socket.closed).code).toBe(4429);
    expect(await metric(server, 'kernplein_throttled_total')).toBeGreaterThan(0);
    writer.map.set('na-de-vloed', true);
    await until(() => reader.map.get('na-de-vloed') === true, { message: 'others keep syncing' });
  });
});

describe('rates set by flags', () => {
  let server: ServerHandle;
  let defaults: ServerHandle;
  beforeAll(async () => {
    [server, defaults] = await Promise.all([
      startServer({
        args: [
          '--max-messages-per-second',
          '20',
          '--message-burst',
          '40',
          '--max-message-bytes',
          String(64 * 1024),
          '--max-bytes-per-second',
          String(64 * 1024),
          '--byte-burst',
          String(128 * 1024),
        ],
      }),
      startServer(),
    ]);
  });
  afterAll(cleanup);

  const queries = async (target: ServerHandle, count: number) => {
    const socket = rawSocket(`${target.wsUrl}/sync/plein/inspiratie`);
    await socket.opened;
    for (let i = 0; i < count; i++) socket.ws.send(queryAwareness);
    return socket;
  };

  it('closes 200 messages at once with 4429 under --message-burst 40; the defaults let them pass', async () => {
    const flooder = await queries(server, 200);
    expect((await flooder.closed).code).toBe(4429);
    // The same 200 against the default burst of 1000: every query answered, never throttled.
    const honest = await queries(defaults, 200);
    await until(() => honest.messages.length >= 200, { message: '200 answers' });
    expect(await metric(defaults, 'kernplein_throttled_total')).toBe(0);
    honest.ws.close();
  });

  it('never throttles a sender under --max-messages-per-second; throttles a burst past it without closing', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd');
    const writer = await synced(connect(server.url, 'kern/beesd/agenda', token));
    const reader = await synced(connect(server.url, 'kern/beesd/agenda'));
    const before = await metric(server, 'kernplein_throttled_total');
    // 10 edits a second for 3 s: half the flag's rate.
    for (let i = 0; i < 30; i++) {
      writer.map.set(`steady-${i}`, i);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await until(() => reader.map.get('steady-29') === 29, { message: 'every steady edit' });
    expect(await metric(server, 'kernplein_throttled_total')).toBe(before);
    // Then 55 at once: past the burst of 40, within the episodes a flood is allowed.
    for (let i = 0; i < 55; i++) writer.map.set(`burst-${i}`, i);
    await until(() => reader.map.get('burst-54') === 54, { message: 'the whole burst arrives' });
    expect(await metric(server, 'kernplein_throttled_total')).toBeGreaterThan(before);
    expect(writer.closes).toEqual([]);
    writer.destroy();
    reader.destroy();
  });

  it(
    'slows a sender down to --max-bytes-per-second past --byte-burst, and loses nothing',
    { timeout: 60_000 },
    async () => {
      const token = await makeToken(server.dataDir, 'commissie', 'heukelum');
      const writer = await synced(connect(server.url, 'kern/heukelum/agenda', token));
      const reader = await synced(connect(server.url, 'kern/heukelum/agenda'));
      const before = await metric(server, 'kernplein_throttled_total');
      // 16 edits of 30,000 bytes at once: 469 KiB against a burst of 128 KiB, refilled at
      // 64 KiB/s. The relay pauses reading the socket (what it had read before the pause still
      // goes through, up to a read of 64 KiB), so the last edit cannot arrive before
      // (469 − 128 − 64) / 64 = 4.3 s. 16 stays within the episodes after which a sender is a flood.
      const started = performance.now();
      for (let i = 0; i < 16; i++) writer.map.set(`groot-${i}`, String(i % 10).repeat(30_000));
      await until(() => reader.map.has('groot-15'), {
        message: 'the last large edit',
        timeout: 30_000,
      });
      const elapsed = performance.now() - started;
      for (let i = 0; i < 16; i++)
        expect(reader.map.get(`groot-${i}`)).toBe(String(i % 10).repeat(30_000));
      expect(await metric(server, 'kernplein_throttled_total')).toBeGreaterThan(before);
      // A lower bound only (a slow machine takes longer, never shorter); with the defaults the
      // same edits take a fraction of a second.
      expect(elapsed).toBeGreaterThan(3_000);
      expect(writer.closes).toEqual([]);
      writer.destroy();
      reader.destroy();
    },
  );
});

describe('connections and rooms per address', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({
      args: [
        '--limit-loopback',
        '--max-connections-per-address',
        '4',
        '--max-rooms-per-address',
        '2',
      ],
    });
  });
  afterEach(async () => {
    const { destroyClients } = await import('../helpers/clients');
    destroyClients();
    await until(async () => (await metric(server, 'kernplein_connections')) === 0);
  });
  afterAll(cleanup);

  const open = async (room: string) => {
    const socket = rawSocket(`${server.wsUrl}/sync/${room}`);
    await socket.opened;
    await until(() => socket.messages.length > 0, { message: 'admitted (sync step 1)' });
    return socket;
  };

  it('refuses the connection over the cap with 4429 and a Dutch reason, until one closes', async () => {
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await open('kern/beesd/agenda'));
    const excess = rawSocket(`${server.wsUrl}/sync/kern/beesd/agenda`);
    const refused = await excess.closed;
    expect(refused.code).toBe(4429);
    expect(refused.reason).toMatch(/Te veel verbindingen vanaf dit adres/);
    held[0]!.ws.close();
    await until(async () => (await metric(server, 'kernplein_connections')) === 3, {
      message: 'the server has seen the close',
    });
    await open('kern/beesd/agenda');
    expect(
      await metric(server, 'kernplein_rejections_total{reason="too_many_connections",code="4429"}'),
    ).toBe(1);
  });

  it('counts distinct rooms: a third room is refused, more sockets to open rooms are not', async () => {
    await open('kern/beesd/agenda');
    await open('kern/beesd/agenda');
    await open('kern/tuil/agenda');
    const third = rawSocket(`${server.wsUrl}/sync/kern/rumpt/agenda`);
    const refused = await third.closed;
    expect(refused.code).toBe(4429);
    expect(refused.reason).toMatch(/Te veel documenten/);
    await open('kern/tuil/agenda');
  });

  it('the official provider gives up after the refusal (permanent code)', async () => {
    await open('kern/beesd/agenda');
    await open('kern/tuil/agenda');
    const client = connect(server.url, 'kern/rumpt/agenda');
    expect((await client.closed).code).toBe(4429);
    expect(client.provider.shouldConnect).toBe(false);
  });
});

describe('document size cap', () => {
  let server: ServerHandle;
  const room = 'kern/beesd/agenda';
  beforeAll(async () => {
    server = await startServer({ args: ['--max-doc-bytes', String(64 * 1024)] });
  });
  afterAll(cleanup);

  it('refuses an edit that would grow the document past --max-doc-bytes with 4413', async () => {
    const [tokenA, tokenB] = await Promise.all([
      makeToken(server.dataDir, 'commissie', 'beesd', 'Anna'),
      makeToken(server.dataDir, 'commissie', 'beesd', 'Bram'),
    ]);
    const anna = await synced(connect(server.url, room, tokenA));
    const bram = await synced(connect(server.url, room, tokenB));
    const reader = await synced(connect(server.url, room));
    for (let i = 0; i < 5; i++) anna.map.set(`deel-${i}`, 'a'.repeat(10_000));
    await until(() => reader.map.get('deel-4') === 'a'.repeat(10_000), { message: '50 KB in' });

    anna.map.set('te-veel', 'b'.repeat(20_000));
    const closed = await anna.closed;
    expect(closed.code).toBe(4413);
    expect(closed.reason).toMatch(/te groot/);

    bram.map.set('klein', 'past nog');
    await until(() => reader.map.get('klein') === 'past nog', { message: 'others unaffected' });
    expect(reader.map.has('te-veel')).toBe(false);
    expect(
      await metric(server, 'kernplein_rejections_total{reason="document_too_large",code="4413"}'),
    ).toBe(1);

    // Not stored either: a restart serves the document without it.
    const next = await server.restart();
    const fresh = await synced(connect(next.url, room));
    expect(fresh.map.get('klein')).toBe('past nog');
    expect(fresh.map.get('deel-4')).toBe('a'.repeat(10_000));
    expect(fresh.map.has('te-veel')).toBe(false);
  });
});

describe('idle timeout', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ args: ['--idle-timeout-ms', '300'] });
  });
  afterAll(cleanup);

  it('closes a silent connection with 4508 and keeps one that sends', async () => {
    const silent = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`);
    const talking = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`);
    await Promise.all([silent.opened, talking.opened]);
    const started = Date.now();
    const keepTalking = setInterval(() => talking.ws.send(queryAwareness), 100);
    try {
      const closed = await silent.closed;
      expect(closed.code).toBe(4508);
      expect(closed.reason).toMatch(/een tijd niets ontvangen/);
      // Three idle periods later the talking socket is still open.
      await until(() => Date.now() - started > 1000, { message: 'a second passes' });
      expect(talking.ws.readyState).toBe(talking.ws.OPEN);
    } finally {
      clearInterval(keepTalking);
    }
  });

  it('is transient: the provider reconnects and syncs again', async () => {
    const client = await synced(connect(server.url, 'plein/inspiratie'));
    await until(() => client.closes.includes(4508), { message: 'closed for being idle' });
    await until(() => client.provider.synced, { message: 'synced again after reconnecting' });
    expect(client.provider.shouldConnect).toBe(true);
  });
});

describe('ping/pong and deflate', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({ args: ['--ping-interval-ms', '100', '--idle-timeout-ms', '0'] });
  });
  afterAll(cleanup);

  it('drops a socket that never answers a ping, keeps one that does', async () => {
    const deaf = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`, {}, { autoPong: false });
    const alive = rawSocket(`${server.wsUrl}/sync/plein/inspiratie`);
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    await Promise.all([deaf.opened, alive.opened]);
    expect((await deaf.closed).code).toBe(1006);
    await until(() => pings >= 5, { message: 'five pings answered' });
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    expect(await metric(server, 'kernplein_rejections_total{reason="no_pong",code="none"}')).toBe(
      1,
    );
  });

  it('never negotiates per-message deflate, even when the client asks', async () => {
    const socket = rawSocket(
      `${server.wsUrl}/sync/plein/inspiratie`,
      {},
      { perMessageDeflate: true },
    );
    const headers = await socket.upgraded;
    await socket.opened;
    expect(headers['sec-websocket-extensions']).toBeUndefined();
    expect(socket.ws.extensions).toBe('');
  });
});

describe('initial syncs', () => {
  // Clients that do not read keep their replies in flight: the kernel's socket buffers fill
  // up, so `ws` does not hand a reply over until the client reads. Without the bound every
  // reply would be in flight at once.
  it.each([
    [2, 2],
    [64, 20],
  ])(
    'with --max-concurrent-syncs %i, %i replies are in flight at the most',
    async (max, expected) => {
      // A stored document of about 6 MB: more than loopback buffers hold for a reader that waits.
      const dataDir = tempDir();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (let i = 0; i < 60; i++) doc.getMap('test').set(`blok-${i}`, 'x'.repeat(100 * 1024));
      });
      const store = openSqliteStore(dataDir);
      store.append('kern/beesd/agenda', Y.encodeStateAsUpdate(doc));
      store.close();
      const server = await startServer({
        dataDir,
        args: ['--max-concurrent-syncs', String(max)],
      });

      const stepOne = encoding.createEncoder();
      encoding.writeVarUint(stepOne, 0); // sync
      encoding.writeVarUint(stepOne, 0); // step 1
      encoding.writeVarUint8Array(stepOne, new Uint8Array([0])); // an empty state vector
      const frame = encoding.toUint8Array(stepOne);
      const crowd = Array.from({ length: 20 }, () =>
        rawSocket(`${server.wsUrl}/sync/kern/beesd/agenda`),
      );
      await Promise.all(crowd.map((s) => s.opened));
      const socketOf = (s: (typeof crowd)[number]) =>
        (s.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      for (const s of crowd) {
        socketOf(s).pause();
        s.ws.send(frame);
      }
      await until(
        async () =>
          (await metric(server, 'kernplein_initial_syncs_in_flight')) >= Math.min(max, 20),
        { timeout: 20_000, message: 'the replies are in flight' },
      );
      for (const s of crowd) socketOf(s).resume();
      const isStepTwo = (m: Uint8Array) => m[0] === 0 && m[1] === 1 && m.byteLength > 6_000_000;
      await until(() => crowd.every((s) => s.messages.some(isStepTwo)), {
        timeout: 30_000,
        message: 'every joining client has the full state',
      });
      expect(await metric(server, 'kernplein_initial_syncs_in_flight_peak')).toBe(expected);
      expect(await metric(server, 'kernplein_initial_syncs_queued')).toBe(0);
      await server.stop();
    },
  );
});
