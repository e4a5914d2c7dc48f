/**
 * `npx tsx bench/storm.ts [--clients 300] [--warm 3]`
 *
 * A reconnect storm: `--clients` clients (one commissie token, as members of one
 * kern: the configuration's first pilot) join its agenda room at the same instant, as after a server restart. The room
 * holds a large kernagenda: 200 points and 5,000 edits stored as 5,000 rows (seeded into the
 * store before the server starts). Cold: the first storm, the room not yet loaded (the
 * relay loads 5,000 rows first). Warm: the same storm again while the room is loaded, run
 * `--warm` times, with returning clients (up-to-date state vector: the server computes a diff)
 * and fresh ones (empty state vector: the cached full state). Clients are protocol-level (see
 * `join`). Reported: time until every client has its sync step 2, the
 * p50/p95 per-client sync time, and the server's worst event-loop delay during the storm:
 * from inside (`kernplein_event_loop_delay_max_seconds` in /metrics, server/eventLoopDelay.ts:
 * since the previous scrape, scraped just before the storm and after it)
 * and from outside (the slowest `/healthz` response while polling every 10 ms, next to its
 * baseline before the storm).
 */
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { openSqliteStore } from '../server/store';
import { agendaHistory, benchConfig, benchKern } from './lib/agenda';
import { agendaRoom } from '../src/model/rooms';
import { loopbackAddress } from './lib/clients';
import { pollHealth } from './lib/poller';
import {
  cleanup,
  deadline,
  makeToken,
  metric,
  sleep,
  startKernplein,
  tempDir,
  type Relay,
} from './lib/servers';
import { median, ms, percentile } from './lib/stats';

const kern = benchKern();
const room = agendaRoom(benchConfig(), kern);

interface Storm {
  all: number;
  p50: number;
  p95: number;
  /** The event loop's worst delay during the storm, from the server's own /metrics. */
  worstDelay: number;
  worstHealth: number;
  healthP50: number;
  failed: number;
  replyBytes: number;
}

/**
 * One joining client at the protocol level: sends sync step 1 with `stateVector` and
 * resolves with the step 2 it gets back. (A y-websocket client does the same, then applies
 * the reply; applying 300 replies on the bench's own CPU would measure this machine, not
 * the server.)
 */
function join(relay: Relay, token: string, stateVector: Uint8Array, localAddress: string) {
  return new Promise<Uint8Array>((resolve, reject) => {
    const ws = new WebSocket(`${relay.wsBase}/${room}?token=${token}`, {
      localAddress,
      perMessageDeflate: false,
    });
    ws.binaryType = 'nodebuffer';
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('no sync step 2'))), 60_000);
    ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0); // sync
      encoding.writeVarUint(encoder, 0); // step 1
      encoding.writeVarUint8Array(encoder, stateVector);
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
      clearTimeout(timer);
      resolve(decoding.readVarUint8Array(decoder));
      ws.close();
    });
    ws.on('error', (error) => (clearTimeout(timer), reject(error)));
    ws.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with ${code} before sync step 2`));
    });
  });
}

/** The server's worst event-loop delay since the previous scrape of /metrics, in ms. */
const eventLoopDelayMax = async (relay: Relay) =>
  (await metric({ url: relay.httpUrl }, 'kernplein_event_loop_delay_max_seconds')) * 1000;

async function storm(
  relay: Relay,
  clients: number,
  token: string,
  stateVector: Uint8Array,
): Promise<Storm> {
  const poller = pollHealth(relay.httpUrl);
  await sleep(300);
  await eventLoopDelayMax(relay); // starts the server's count over
  const started = performance.now();
  const synced: number[] = [];
  let replyBytes = 0;
  const results = await Promise.allSettled(
    Array.from({ length: clients }, (_, i) =>
      join(relay, token, stateVector, loopbackAddress(i)).then((reply) => {
        synced.push(performance.now() - started);
        replyBytes = reply.byteLength;
        if (i === 0 && stateVector.byteLength <= 1) {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, reply);
          if (doc.getMap('points').size !== 200) throw new Error('incomplete document');
        }
      }),
    ),
  );
  const all = performance.now() - started;
  const worstDelay = await eventLoopDelayMax(relay);
  await sleep(300);
  const health = await poller.stop();
  return {
    all,
    worstDelay,
    p50: percentile(synced, 50),
    p95: percentile(synced, 95),
    worstHealth: Math.max(...health),
    healthP50: median(health),
    failed: results.filter((r) => r.status === 'rejected').length,
    replyBytes,
  };
}

export async function runStorm(options: { clients: number; warm: number }): Promise<void> {
  console.log(
    `\n## Reconnect storm (${options.clients} clients at once on ${room}: 200 points, 5,000 edits stored as 5,000 rows)`,
  );
  const dataDir = tempDir('kernplein-bench-storm-');
  const history = agendaHistory(benchConfig());
  const store = openSqliteStore(dataDir);
  for (const update of history.updates) store.append(room, update);
  store.close();
  console.log(`document: ${Y.encodeStateAsUpdate(history.doc).byteLength} bytes of state`);
  const token = await makeToken(dataDir, 'commissie', kern, 'Bench');
  const relay = await startKernplein({ dataDir });
  // Baseline responsiveness before any storm.
  const idle = pollHealth(relay.httpUrl);
  await sleep(1000);
  const baseline = await idle.stop();
  console.log(
    `/healthz while idle: p50 ${ms(median(baseline))}, worst ${ms(Math.max(...baseline))}`,
  );
  const report = (label: string, s: Storm) =>
    console.log(
      `${label}: all ${options.clients} synced in ${ms(s.all)} (per client p50 ${ms(s.p50)}, ` +
        `p95 ${ms(s.p95)}; reply ${s.replyBytes} bytes); event loop worst delay ` +
        `${ms(s.worstDelay)}; worst /healthz ${ms(s.worstHealth)} ` +
        `(p50 ${ms(s.healthP50)})` +
        (s.failed ? `; ${s.failed} FAILED` : ''),
    );
  const fresh = Y.encodeStateVector(new Y.Doc());
  const returning = Y.encodeStateVector(history.doc);
  try {
    // As after a restart: the room is not loaded, the clients already have the document.
    report(
      'cold, returning clients (room loaded by the storm)',
      await storm(relay, options.clients, token, returning),
    );
    for (const [label, vector] of [
      ['returning clients (up to date)', returning],
      ['fresh clients (empty state vector: full state)', fresh],
    ] as const) {
      const runs: Storm[] = [];
      for (let i = 0; i < options.warm; i++) {
        await sleep(500);
        const s = await storm(relay, options.clients, token, vector);
        runs.push(s);
        report(`warm ${label} #${i + 1}`, s);
      }
      if (runs.length > 1)
        console.log(
          `warm ${label}, median of ${runs.length}: all synced ${ms(median(runs.map((s) => s.all)))}, ` +
            `event loop worst delay ${ms(median(runs.map((s) => s.worstDelay)))}, ` +
            `worst /healthz ${ms(median(runs.map((s) => s.worstHealth)))}`,
        );
    }
    const peak = await metric({ url: relay.httpUrl }, 'kernplein_initial_syncs_in_flight_peak');
    console.log(`initial syncs in flight at most: ${peak} (bound: --max-concurrent-syncs, 8)`);
  } finally {
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: { clients: { type: 'string' }, warm: { type: 'string' } },
  });
  deadline(5 * 60_000, 'storm');
  runStorm({
    clients: Math.min(1000, Number(values.clients ?? 300)),
    warm: Math.min(10, Number(values.warm ?? 3)),
  })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
