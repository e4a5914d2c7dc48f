/**
 * `npx tsx bench/idle.ts [--rooms 2000] [--unload-after-ms 2000]`
 *
 * Memory of idle documents: `--rooms` rooms (`samen/bench-NNNN`, each with a little content:
 * five kernagenda points, seeded into the store before the server starts, as nobody may
 * write a `samen/` room before it is registered) are loaded by connecting one y-websocket
 * client to each (all open at once, from 250 loopback addresses), then every client
 * disconnects and the relay's unload grace (`--unload-after-ms`, small here) passes.
 * Memory is the server's RSS from /proc/<pid>/status (`/metrics` has no memory figures),
 * and the V8 heap after a forced GC through the inspector (`--inspect` on loopback), and
 * with `kernplein_rooms_loaded` from `/metrics`: at the start, with all rooms loaded, and
 * after the unload (waited for until the gauge reads 0, then 5 s more).
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { addPoint } from '../src/model/kernagenda';
import { openSqliteStore } from '../server/store';
import { benchConfig } from './lib/agenda';
import { loadClient, loopbackAddress, type LoadClient } from './lib/clients';
import {
  cleanup,
  deadline,
  memoryOf,
  metric,
  sleep,
  startKernplein,
  tempDir,
  type Relay,
} from './lib/servers';
import { mb } from './lib/stats';

const roomsLoaded = (relay: Relay) => metric({ url: relay.httpUrl }, 'kernplein_rooms_loaded');

function seed(dataDir: string, rooms: number): number {
  const config = benchConfig();
  const store = openSqliteStore(dataDir);
  let bytes = 0;
  for (let r = 0; r < rooms; r++) {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++)
      addPoint(
        doc,
        {
          title: `Samen ${r} punt ${i}`,
          description: 'Een gezamenlijk plan van twee kernen.',
          theme: config.themes[i % config.themes.length]!.id,
          owner: 'samen',
          status: 'idee',
        },
        { actor: 'Bench', now: new Date(Date.UTC(2025, 0, 1, 0, r % 60, i)).toISOString(), config },
      );
    const update = Y.encodeStateAsUpdate(doc);
    bytes += update.byteLength;
    store.append(`samen/bench-${String(r).padStart(4, '0')}`, update);
  }
  store.close();
  return bytes;
}

export async function runIdle(options: { rooms: number; unloadAfterMs: number }): Promise<void> {
  console.log(
    `\n## Idle memory (${options.rooms} rooms, unload after ${options.unloadAfterMs} ms)`,
  );
  const dataDir = tempDir('kernplein-bench-idle-');
  const bytes = seed(dataDir, options.rooms);
  console.log(
    `seeded ${options.rooms} rooms, ${(bytes / options.rooms).toFixed(0)} bytes of state each`,
  );
  const relay = await startKernplein({
    dataDir,
    args: ['--unload-after-ms', String(options.unloadAfterMs)],
    inspect: true,
  });
  const heap = async () => {
    const h = await relay.heap!();
    return `heap after GC ${mb(h.used)} (of ${mb(h.total)})`;
  };
  try {
    await sleep(2000);
    const start = memoryOf(relay.pid);
    console.log(
      `start: RSS ${mb(start.rss)}, ${await heap()}, rooms loaded ${await roomsLoaded(relay)}`,
    );
    const clients: LoadClient[] = [];
    for (let r = 0; r < options.rooms; r += 100) {
      const batch: LoadClient[] = [];
      for (let i = r; i < Math.min(options.rooms, r + 100); i++)
        batch.push(
          loadClient(relay, `samen/bench-${String(i).padStart(4, '0')}`, {
            localAddress: loopbackAddress(i),
          }),
        );
      await Promise.all(batch.map((c) => c.synced));
      clients.push(...batch);
    }
    const complete = clients.filter((c) => c.doc.getMap('points').size === 5).length;
    const loaded = memoryOf(relay.pid);
    console.log(
      `loaded: RSS ${mb(loaded.rss)}, ${await heap()}, rooms loaded ${await roomsLoaded(relay)}, ` +
        `${complete}/${options.rooms} clients hold their 5 points; ` +
        `${((loaded.rss - start.rss) / options.rooms / 1024).toFixed(1)} KB RSS per loaded room`,
    );
    clients.forEach((c) => c.destroy());
    const unloadStart = performance.now();
    let gauge: number;
    for (;;) {
      gauge = await roomsLoaded(relay);
      if (gauge === 0 || performance.now() - unloadStart > options.unloadAfterMs + 60_000) break;
      await sleep(200);
    }
    const unloadedAfter = performance.now() - unloadStart;
    await sleep(5000);
    const afterHeap = await heap();
    const after = memoryOf(relay.pid);
    console.log(
      `after unload: RSS ${mb(after.rss)} (peak ${mb(after.peak)}), ${afterHeap}, rooms loaded ${gauge} ` +
        `(0 reached ${(unloadedAfter / 1000).toFixed(1)} s after the disconnects); ` +
        `${(((after.rss - start.rss) / Math.max(1, loaded.rss - start.rss)) * 100).toFixed(0)}% of the growth still held`,
    );
  } finally {
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: { rooms: { type: 'string' }, 'unload-after-ms': { type: 'string' } },
  });
  deadline(5 * 60_000, 'idle');
  runIdle({
    rooms: Math.min(5000, Number(values.rooms ?? 2000)),
    unloadAfterMs: Number(values['unload-after-ms'] ?? 2000),
  })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
