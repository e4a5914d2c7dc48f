/**
 * Store faults for tests, simulated honestly: SQLite itself fails the writes. A data dir
 * whose database a filler table has grown, for a server started with `--max-store-bytes`
 * (SQLite's `max_page_count`) a little above its size: writes then fail with SQLITE_FULL
 * ("database or disk is full"), the error a full disk gives. `freeStore` drops the filler,
 * as freeing disk space would. (chmod cannot make the file read-only for root.)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store';
import { tempDir } from './server';

export interface FilledStore {
  dataDir: string;
  /** Flags for startServer's `args`: room for `headroom` more bytes, a quick probe. */
  args: string[];
}

export function filledDataDir(headroom = 256 * 1024): FilledStore {
  const dataDir = tempDir();
  openSqliteStore(dataDir).close();
  const db = new Database(join(dataDir, 'kernplein.sqlite'));
  db.exec('CREATE TABLE filler (data BLOB)');
  db.prepare('INSERT INTO filler VALUES (zeroblob(?))').run(2 * 1024 * 1024);
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = pages * pageSize + headroom;
  return { dataDir, args: ['--max-store-bytes', String(bytes), '--store-probe-ms', '100'] };
}

export function freeStore(dataDir: string): void {
  const db = new Database(join(dataDir, 'kernplein.sqlite'));
  db.exec('DROP TABLE filler');
  db.close();
}
