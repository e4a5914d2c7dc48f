/**
 * Where the relay keeps its rooms: the `RoomStore` seam and its SQLite implementation.
 *
 * Owns: the durable copy of every room. A room is a list of Yjs updates (binary rows in
 * append order); loading a room returns them to be applied to a fresh Y.Doc in order.
 *
 * Invariants:
 * - `append` is synchronous and its row is committed when it returns, so the relay can store
 *   an update before it broadcasts it without reordering (WAL + synchronous=NORMAL: a process
 *   crash loses nothing; only a power loss can lose the last transactions).
 * - `compact` replaces all rows of a room with one state update in one transaction: a crash
 *   leaves either the old rows or the new row, never neither.
 * - `check` proves the store can still write: a committed write to a one-row table (a full
 *   disk, a read-only file or a lock held by another process fail it) and a rolled-back
 *   insert of `probeBytes` (fails when the `maxBytes` quota is reached: no page is free).
 *   It waits at most `checkBusyMs` for a lock, so a probe never stalls the event loop long.
 *   A connection that SQLite opened read-only stays so; `check` reopens it when it fails for
 *   that reason, so the store recovers once the file is writable again.
 * - Checkpoints (copying the WAL back into the database file, with two fsyncs) run in a worker
 *   thread on a connection of its own, asked for every `checkpointEvery` commits (about as
 *   often as SQLite's own threshold of 1000 WAL pages): SQLite would otherwise run one inside
 *   the commit that crosses its threshold, on the event loop, holding up every broadcast for
 *   milliseconds (tens of them on a busy disk). Not more often: the first commit after a
 *   complete checkpoint restarts the WAL, which costs that commit an fsync. Checkpoints are
 *   PASSIVE: they never wait for or block the relay's writes; after a failure the worker
 *   reconnects at the next request. The relay's own connection keeps an automatic checkpoint
 *   as a backstop, at a high threshold, for when the worker cannot keep up. Durability does
 *   not depend on checkpoints: a committed row is in the WAL.
 * A future shared store (several relay processes) implements the same interface.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type StoreHealth = { ok: true } | { ok: false; reason: string };

export interface RoomStore {
  /** The stored updates of `room`, oldest first (empty for a room never written). */
  load(room: string): Uint8Array[];
  /** Commits one update of `room`; throws when it could not be stored. */
  append(room: string, update: Uint8Array): void;
  /** Replaces every stored row of `room` with `state` (a full state update) atomically. */
  compact(room: string, state: Uint8Array): void;
  /** Number of stored rows of `room` (after compaction: 1). */
  rowCount(room: string): number;
  check(): StoreHealth;
  close(): void;
}

export interface SqliteStoreOptions {
  /** How long a write waits for a lock held by another process before it fails. */
  busyTimeoutMs?: number;
  /**
   * Quota for the database file (`PRAGMA max_page_count`); 0 or absent: none. When reached,
   * writes fail with SQLITE_FULL exactly as on a full disk, so the relay's fault handling is
   * the same for both (and tests can produce a real full store without filling a disk).
   */
  maxBytes?: number;
  /** Commits between two checkpoints by the worker thread (default 250). */
  checkpointEvery?: number;
}

const checkBusyMs = 50;
const probeBytes = 64 * 1024;
/**
 * The relay connection's own checkpoint threshold, in WAL pages (SQLite's default is 1000):
 * reached only when the worker falls behind, or when writes never pause long enough for a
 * checkpointed WAL to be restarted from its beginning (then it bounds the WAL at ~40 MB).
 */
const backstopCheckpointPages = 10_000;

/**
 * The checkpointing thread (plain CommonJS: it runs as an eval'd worker, outside tsx): one
 * checkpoint per message. It opens its connection lazily and drops it after an error, so a
 * file that was read-only or locked is checkpointed again once it is writable.
 */
const checkpointer = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
parentPort.on('message', () => {
  try {
    db ??= new Database(workerData.file, { timeout: 0, fileMustExist: true });
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    try { db?.close(); } catch {}
    db = null;
  }
});
`;

/** The worker, and `committed()` to call after every commit (it asks for the checkpoints). */
function startCheckpointer(file: string, every: number) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(checkpointer, { eval: true, workerData: { file, driver } });
  // A worker that cannot start leaves the backstop checkpoints; it never ends the process.
  worker.on('error', () => {});
  worker.unref();
  let commits = 0;
  return {
    committed() {
      if (++commits % every === 0) worker.postMessage(null);
    },
    stop: () => void worker.terminate(),
  };
}

export const databaseFile = (dataDir: string) => join(dataDir, 'kernplein.sqlite');

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): RoomStore {
  mkdirSync(dataDir, { recursive: true });
  const busyMs = options.busyTimeoutMs ?? 1000;
  let c = connect(databaseFile(dataDir), busyMs, options.maxBytes);
  const checkpoints = startCheckpointer(databaseFile(dataDir), options.checkpointEvery ?? 250);

  return {
    load(room) {
      return c.selectRows.all(room).map((row) => new Uint8Array(row.data));
    },
    append(room, update) {
      c.insertRow.run(room, update);
      checkpoints.committed();
    },
    compact(room, state) {
      c.replaceRows(room, state);
      checkpoints.committed();
    },
    rowCount(room) {
      return c.countRows.get(room)?.n ?? 0;
    },
    check() {
      const first = c.probe();
      if (first.ok || !/readonly/i.test(first.reason)) return first;
      // SQLite opens a file it may not write read-only and keeps it so: once the file is
      // writable again only a new connection can write. The old one stays if that fails.
      try {
        const next = connect(databaseFile(dataDir), busyMs, options.maxBytes);
        const health = next.probe();
        if (!health.ok) {
          next.db.close();
          return health;
        }
        c.db.close();
        c = next;
        return health;
      } catch {
        return first;
      }
    },
    close() {
      checkpoints.stop();
      c.db.close();
    },
  };
}

/** One connection with its prepared statements; `probe` is the write test of `check`. */
function connect(file: string, busyMs: number, maxBytes: number | undefined) {
  const db = new Database(file, { timeout: busyMs });
  const rolledBack = new Error('probe rolled back');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${backstopCheckpointPages}`);
  // A WAL that the backstop let grow is cut back to 4 MB when it restarts.
  db.pragma(`journal_size_limit = ${4 * 1024 * 1024}`);
  if (maxBytes) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, seq);
    CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT);
    CREATE TABLE IF NOT EXISTS health_probe (data BLOB);
  `);
  const insertProbe = db.prepare<[number]>('INSERT INTO health_probe (data) VALUES (zeroblob(?))');
  const probeGrowth = db.transaction(() => {
    insertProbe.run(probeBytes);
    // Roll back: the probe only proves that pages could be allocated.
    throw rolledBack;
  });
  const touchHealth = db.prepare<[string]>(
    'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
  );
  const insertRow = db.prepare<[string, Uint8Array]>(
    'INSERT INTO updates (room, data) VALUES (?, ?)',
  );
  const deleteRows = db.prepare<[string]>('DELETE FROM updates WHERE room = ?');
  return {
    db,
    selectRows: db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM updates WHERE room = ? ORDER BY seq',
    ),
    insertRow,
    countRows: db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM updates WHERE room = ?',
    ),
    replaceRows: db.transaction((room: string, state: Uint8Array) => {
      deleteRows.run(room);
      insertRow.run(room, state);
    }),
    probe(): StoreHealth {
      try {
        db.pragma(`busy_timeout = ${checkBusyMs}`);
        touchHealth.run(new Date().toISOString());
        try {
          probeGrowth();
        } catch (error) {
          if (error !== rolledBack) throw error;
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${busyMs}`);
      }
    },
  };
}
