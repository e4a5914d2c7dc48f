/**
 * The access tables (invites, members who joined with one, revocations) in the data
 * directory's database, `kernplein.sqlite`, beside the rooms.
 *
 * Owns: opening a connection for them (the server keeps one; the invite and revoke CLIs open
 * their own while the server runs) and the schema. Everything else is in invites.ts and
 * revocations.ts.
 *
 * Why the same SQLite file, and not the server's memory, a signal or a file of its own: the
 * revoke CLI is another process, and the server must notice a revocation at once for new
 * connections and within about a second for open ones. SQLite in WAL mode lets the CLI commit
 * while the server reads and writes, with no IPC and no new format; the server looks the
 * token up at every upgrade (an indexed read of microseconds; a WAL reader is never blocked
 * by a writer) and reads `revocations` rows newer than the last one it saw once a second to
 * drop live connections. A row is durable when the CLI returns, so a restarted server still
 * refuses the token. `npm run backup` copies the tables with the rooms (a restore of an older
 * backup therefore loses revocations made since: repeat them). A future shared store for
 * several relay processes gets these tables too, with the same polling.
 *
 * Invariants: invite codes are stored only as their sha256 hash; times are ISO strings
 * (compared as text: `toISOString()` has one fixed width), except a token's `iat` (seconds).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { databaseFile } from './store';

export type AccessDb = Database.Database;

export interface AccessDbOptions {
  /**
   * How long a write waits for a lock held by another process. The server keeps this short:
   * better-sqlite3 waits synchronously, and the CLIs' transactions take milliseconds.
   */
  busyTimeoutMs?: number;
  /**
   * Called instead of throwing when the tables cannot be made (a read-only database file).
   * The server starts anyway: rooms stay readable, a missing table reads as no revocations
   * (none can have been written) and joins answer 503 until the file is writable.
   */
  onSchemaError?: (error: unknown) => void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS invites (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    kern TEXT NOT NULL,
    uses INTEGER NOT NULL,
    uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS invites_by_kern ON invites (kern);
  CREATE TABLE IF NOT EXISTS members (
    subject TEXT PRIMARY KEY,
    kern TEXT NOT NULL,
    name TEXT NOT NULL,
    invite_id TEXT NOT NULL,
    joined_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS members_by_kern ON members (kern, joined_at);
  CREATE TABLE IF NOT EXISTS revocations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT,
    kern TEXT,
    issued_until INTEGER,
    revoked_at TEXT NOT NULL,
    CHECK ((subject IS NULL) <> (kern IS NULL)),
    CHECK ((kern IS NULL) = (issued_until IS NULL))
  );
  CREATE INDEX IF NOT EXISTS revocations_by_subject ON revocations (subject);
  CREATE INDEX IF NOT EXISTS revocations_by_kern ON revocations (kern, issued_until);
`;

/** Opens `DATA_DIR/kernplein.sqlite` (creating it and the tables when needed). */
export function openAccessDb(dataDir: string, options: AccessDbOptions = {}): AccessDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(databaseFile(dataDir), { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(schema);
  } catch (error) {
    if (!options.onSchemaError) {
      db.close();
      throw error;
    }
    options.onSchemaError(error);
  }
  return db;
}

/** True for SQLite's "the table is not there" (a database that could not get the schema). */
export function isMissingTable(error: unknown): boolean {
  return error instanceof Error && /no such table/i.test(error.message);
}

/** The server's connection, replaced when a write found it read-only (see `reopen`). */
export interface AccessHandle {
  readonly db: AccessDb;
  /**
   * SQLite opens a file it may not write read-only and keeps the connection so; after a
   * write failed that way, a new connection writes once the file is writable again.
   * Returns whether the new connection could get the schema (the old one stays if not).
   */
  reopen(): boolean;
  close(): void;
}

export function openAccessHandle(dataDir: string, options: AccessDbOptions = {}): AccessHandle {
  let db = openAccessDb(dataDir, options);
  return {
    get db() {
      return db;
    },
    reopen() {
      try {
        const next = openAccessDb(dataDir, { busyTimeoutMs: options.busyTimeoutMs });
        db.close();
        db = next;
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}

/** True for a write refused because the connection or file is read-only. */
export function isReadonly(error: unknown): boolean {
  return error instanceof Error && /readonly/i.test(error.message);
}
