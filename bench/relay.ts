/**
 * `npx tsx bench/relay.ts [--clients 10,100,500] [--rate 50] [--seconds 10] [--only kernplein|reference]`
 *
 * Relay load: real y-websocket clients in this process, spread over the 26 kernen's
 * `kern/<slug>/ideeen` rooms (a bewoner token for Kernplein; the reference has no auth).
 * `--rate` writes per second in total, each by a random client, each a map entry carrying
 * its `performance.now()`; every other client of that room records the write's latency when
 * the update arrives. For each client count, Kernplein's relay (a fresh `server/main.ts`,
 * which stores every update before broadcasting it) and the reference `@y/websocket-server`
 * 0.1.1 (in memory) get the same load, one after the other; the ratio is ours / reference.
 * Figures: deliveries/s (remote receipts counted during the write window and a drain of at
 * most 10 s), p50/p99 latency, lost deliveries, server RSS at the end of the window.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { loadConfig, defaultConfigPath } from '../server/config';
import { loadClient, loopbackAddress, type LoadClient } from './lib/clients';
import {
  cleanup,
  deadline,
  makeToken,
  memoryOf,
  repoRoot,
  sleep,
  startKernplein,
  startReference,
  waitFor,
  type Relay,
} from './lib/servers';
import { mb, ms, percentile, table } from './lib/stats';

export interface RelayOptions {
  clients: number[];
  /** Writes per second, in total. */
  rate: number;
  seconds: number;
  targets: Relay['name'][];
}

interface Result {
  target: Relay['name'];
  clients: number;
  writes: number;
  expected: number;
  received: number;
  perSecond: number;
  p50: number;
  p99: number;
  rss: number;
  closes: number;
}

const slugs = () => loadConfig(join(repoRoot, defaultConfigPath)).kernen.map((k) => k.slug);

/** Deterministic pseudo-random numbers (mulberry32), so both servers get the same writers. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 26 rooms, fewer when there are too few clients for two per room (a write needs a reader). */
const roomCount = (clients: number) => Math.max(1, Math.min(26, Math.floor(clients / 2)));

async function connectAll(relay: Relay, count: number, token: string): Promise<LoadClient[]> {
  const rooms = slugs()
    .slice(0, roomCount(count))
    .map((slug) => `kern/${slug}/ideeen`);
  const clients: LoadClient[] = [];
  // In batches, as clients arrive over a few seconds rather than in one instant.
  for (let i = 0; i < count; i += 50) {
    const batch: LoadClient[] = [];
    for (let j = i; j < Math.min(count, i + 50); j++)
      batch.push(
        loadClient(relay, rooms[j % rooms.length]!, { token, localAddress: loopbackAddress(j) }),
      );
    clients.push(...batch);
    await Promise.race([
      Promise.all(batch.map((c) => c.synced)),
      sleep(30_000).then(() => {
        throw new Error(`${relay.name}: clients did not sync within 30 s`);
      }),
    ]);
  }
  return clients;
}

async function runLoad(
  relay: Relay,
  count: number,
  options: RelayOptions,
  token: string,
): Promise<Result> {
  const clients = await connectAll(relay, count, token);
  const roomOf = (i: number) => i % roomCount(count);
  const roomSize = new Map<number, number>();
  clients.forEach((_, i) => roomSize.set(roomOf(i), (roomSize.get(roomOf(i)) ?? 0) + 1));
  const latencies: number[] = [];
  const observers = clients.map((client) => {
    const map = client.doc.getMap<{ t: number; m: boolean }>('bench');
    const observer = (event: Y.YMapEvent<{ t: number; m: boolean }>) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const value = map.get(key);
        if (value?.m) latencies.push(now - value.t);
      }
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  });

  const pick = random(count * 7919);
  let writes = 0;
  let expected = 0;
  let seq = 0;
  const write = (measured: boolean) => {
    const i = Math.floor(pick() * clients.length);
    clients[i]!.doc.getMap('bench').set(`w${seq++}`, { t: performance.now(), m: measured });
    if (measured) {
      writes++;
      expected += roomSize.get(roomOf(i))! - 1;
    }
  };
  // Open loop: writes are due at a fixed rate whatever the server does (10 ms ticks).
  const drive = async (seconds: number, measured: boolean) => {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * options.rate);
      for (; done < due; done++) write(measured);
      await sleep(10);
    }
  };
  await drive(1, false); // warm-up
  const windowStart = performance.now();
  await drive(options.seconds, true);
  const rss = memoryOf(relay.pid).rss;
  await waitFor(() => latencies.length >= expected, 10_000, 'deliveries').catch(() => undefined);
  const elapsed = (performance.now() - windowStart) / 1000;
  const received = latencies.length;
  const closes = clients.reduce((n, c) => n + c.closes.filter((code) => code >= 4000).length, 0);
  observers.forEach((off) => off());
  clients.forEach((c) => c.destroy());
  return {
    target: relay.name,
    clients: count,
    writes,
    expected,
    received,
    perSecond: received / Math.max(options.seconds, elapsed),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rss,
    closes,
  };
}

export async function runRelay(options: RelayOptions): Promise<Result[]> {
  console.log(
    `\n## Relay load (${options.rate} writes/s in total, ${options.seconds} s per run, ` +
      `26 rooms (fewer below 52 clients: 2 per room))`,
  );
  const results: Result[] = [];
  for (const count of options.clients) {
    for (const target of options.targets) {
      const relay = target === 'kernplein' ? await startKernplein() : await startReference();
      try {
        const token = relay.auth
          ? await makeToken(relay.dataDir, 'bewoner', undefined, 'Bench')
          : '';
        const result = await runLoad(relay, count, options, token);
        results.push(result);
        console.log(
          `${target} ${count} clients: ${result.perSecond.toFixed(0)} deliveries/s, ` +
            `p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ` +
            `${result.expected - result.received} of ${result.expected} not delivered, RSS ${mb(result.rss)}` +
            (result.closes ? `, ${result.closes} closes with 4xxx` : ''),
        );
      } finally {
        await relay.stop();
      }
    }
  }
  const rows: (string | number)[][] = [
    ['clients', 'server', 'writes', 'deliveries/s', 'p50', 'p99', 'lost', 'RSS'],
  ];
  for (const r of results)
    rows.push([
      r.clients,
      r.target,
      r.writes,
      r.perSecond.toFixed(0),
      ms(r.p50),
      ms(r.p99),
      r.expected - r.received,
      mb(r.rss),
    ]);
  console.log(table(rows));
  for (const count of options.clients) {
    const ours = results.find((r) => r.clients === count && r.target === 'kernplein');
    const ref = results.find((r) => r.clients === count && r.target === 'reference');
    if (!ours || !ref) continue;
    const throughput = ours.perSecond / ref.perSecond;
    const p99 = ours.p99 / ref.p99;
    console.log(
      `${count} clients, ours/reference: throughput ×${throughput.toFixed(2)} ` +
        `(target ≥ 1 within noise), p99 ×${p99.toFixed(2)} (target ≤ 1 within noise), ` +
        `RSS ×${(ours.rss / ref.rss).toFixed(2)}`,
    );
  }
  return results;
}

export function relayOptions(argv: string[]): RelayOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      clients: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      target: { type: 'string' },
    },
  });
  const clients = String(values.clients ?? '10,100,500')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (clients.some((n) => n > 1000)) throw new Error('--clients: at most 1000 per run');
  return {
    clients,
    rate: Math.min(2000, Number(values.rate ?? 50)),
    seconds: Math.min(60, Number(values.seconds ?? 10)),
    targets: values.target
      ? (String(values.target).split(',') as Relay['name'][])
      : ['kernplein', 'reference'],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  deadline(15 * 60_000, 'relay');
  runRelay(relayOptions(process.argv.slice(2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
