/**
 * The child process of `loadProcess.ts`: real y-websocket clients (`WebsocketProvider` over
 * `ws`, see clients.ts) writing to a relay at a fixed rate and timing the remote receipts.
 *
 * `connect`: `count` clients spread round-robin over `rooms`, each from its own loopback
 * address, arriving evenly over `arrive` seconds, or with `arrive` 0 in batches of 50 (each
 * once the one before is synced), until synced.
 * `run`: an open loop (writes fall due at `rate` per second whatever the server does, checked
 * every 10 ms); each write is a map entry set by a random client (seeded), carrying its
 * `performance.now()`; every other client of that room records the latency when the update
 * arrives. `warmup` seconds of writes are not measured; then the window of `seconds`, then
 * a drain of at most 10 s for the receipts still due. Reports the figures of `LoadResult`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { loadClient, loopbackAddress, type LoadClient } from './clients';
import type { LoadCommand, LoadReply, LoadResult } from './loadProcess';
import { percentile, seededRandom } from './stats';

const loopResolutionMs = 5;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const reply = (message: LoadReply) => process.send!(message);

let clients: LoadClient[] = [];
/** Room index of each client. */
let roomOf: number[] = [];
/** Clients per room index. */
let roomSize: number[] = [];

async function connect(command: Extract<LoadCommand, { type: 'connect' }>) {
  const { wsBase, token, rooms, count, arrive } = command;
  const relay = { wsBase, auth: token !== '' };
  const client = (j: number) =>
    loadClient(relay, rooms[j % rooms.length]!, { token, localAddress: loopbackAddress(j) });
  const synced = (batch: LoadClient[]) => {
    const timeout = sleep(30_000).then(() => {
      throw new Error('clients did not sync within 30 s');
    });
    return Promise.race([Promise.all(batch.map((c) => c.synced)), timeout]);
  };
  if (arrive > 0) {
    // Evenly over `arrive` seconds: their awareness renewals (every 15 s) are spread as well.
    const start = performance.now();
    for (let j = 0; j < count; j++) {
      const wait = start + (arrive * 1000 * j) / count - performance.now();
      if (wait > 0) await sleep(wait);
      clients.push(client(j));
    }
    await synced(clients);
  } else {
    for (let i = 0; i < count; i += 50) {
      const batch: LoadClient[] = [];
      for (let j = i; j < Math.min(count, i + 50); j++) batch.push(client(j));
      clients.push(...batch);
      await synced(batch);
    }
  }
  roomOf = clients.map((_, i) => i % rooms.length);
  roomSize = rooms.map((_, r) => roomOf.filter((room) => room === r).length);
}

async function run(command: Extract<LoadCommand, { type: 'run' }>): Promise<LoadResult> {
  const latencies: number[] = [];
  let lastReceipt = 0;
  const observers = clients.map((client) => {
    const map = client.doc.getMap<{ t: number; m: boolean }>('bench');
    const observer = (event: Y.YMapEvent<{ t: number; m: boolean }>) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const value = map.get(key);
        if (!value?.m) continue;
        latencies.push(now - value.t);
        lastReceipt = now;
      }
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  });

  const pick = seededRandom(command.seed); // the same writers for both servers
  let writes = 0;
  let expected = 0;
  let seq = 0;
  const write = (measured: boolean) => {
    const i = Math.floor(pick() * clients.length);
    clients[i]!.doc.getMap('bench').set(`w${seq++}`, { t: performance.now(), m: measured });
    if (measured) {
      writes++;
      expected += roomSize[roomOf[i]!]! - 1;
    }
  };
  const drive = async (seconds: number, measured: boolean) => {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * command.rate);
      for (; done < due; done++) write(measured);
      await sleep(10);
    }
  };

  await drive(command.warmup, false);
  const loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
  loop.enable();
  const cpuStart = process.cpuUsage();
  reply({ type: 'window', phase: 'start' });
  const windowStart = performance.now();
  await drive(command.seconds, true);
  reply({ type: 'window', phase: 'end' });
  const cpu = process.cpuUsage(cpuStart);
  loop.disable();
  const drainEnd = performance.now() + 10_000;
  while (latencies.length < expected && performance.now() < drainEnd) await sleep(20);
  const elapsed = (lastReceipt - windowStart) / 1000;
  observers.forEach((off) => off());
  return {
    writes,
    expected,
    received: latencies.length,
    elapsed: Math.max(command.seconds, elapsed),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    latencies,
    closes: clients.reduce((n, c) => n + c.closes.filter((code) => code >= 4000).length, 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    // The histogram records whole timer intervals: the delay is what exceeds the resolution.
    loopDelayP99: Math.max(0, loop.percentile(99) / 1e6 - loopResolutionMs),
  };
}

process.on('message', (command: LoadCommand) => {
  const work =
    command.type === 'connect'
      ? connect(command).then(() => reply({ type: 'synced' }))
      : run(command).then((result) => reply({ type: 'result', result }));
  work.catch((error: unknown) =>
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});

process.once('SIGTERM', () => {
  for (const client of clients) client.destroy();
  clients = [];
  process.exit(0);
});
