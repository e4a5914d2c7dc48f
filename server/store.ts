/**
 * Where the relay keeps its rooms: the `RoomStore` seam and its SQLite implementation.
 *
 * Owns: the durable copy of every room. A room is a list of Yjs updates (binary rows in
 * append order); loading a room returns them to be applied to a fresh Y.Doc in order.
 *
 * Invariants:
 * - `append` is synchronous and the row is committed when it returns, so the relay can store
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
 * A future shared store (several relay processes) implements the same interface.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type StoreHealth = { ok: true } | { ok: false; reason: string };

export interface RoomStore {
  /** The stored updates of `room`, oldest first (empty for a room never written). */
  load(room: string): Promise<Uint8Array[]>;
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
}

const checkBusyMs = 50;
const probeBytes = 64 * 1024;

export const databaseFile = (dataDir: string) => join(dataDir, 'kernplein.sqlite');

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): RoomStore {
  mkdirSync(dataDir, { recursive: true });
  const busyMs = options.busyTimeoutMs ?? 1000;
  let c = connect(databaseFile(dataDir), busyMs, options.maxBytes);

  return {
    async load(room) {
      return c.selectRows.all(room).map((row) => new Uint8Array(row.data));
    },
    append(room, update) {
      c.insertRow.run(room, update);
    },
    compact(room, state) {
      c.replaceRows(room, state);
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
