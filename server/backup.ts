/**
 * Backup and restore of a data directory's database (the CLIs in cli/ are thin wrappers).
 *
 * Backup: SQLite's online backup API through better-sqlite3, while the server runs. All pages
 * are copied in one step, inside one read transaction, so the copy is one consistent moment
 * of the database even while clients write (in WAL mode a reader never blocks the server's
 * writes; a backup copied in several steps would restart whenever the server writes between
 * them). The copy goes to a temporary file that is checked and only then renamed to the
 * target, so a target file is always a complete backup.
 *
 * Restore: refused while a server runs on the directory (its pid file, dataDirLock.ts) and,
 * without `force`, when the directory already has a database. The current database is
 * checkpointed (its WAL folded in) and kept as `kernplein.sqlite.before-restore`.
 *
 * Not included: `secret.key`. Tokens stay valid when restoring into the same directory; a
 * restore into a new directory needs the old secret.key copied beside it (keep it as safe as
 * the backups: it signs every token).
 */
import Database from 'better-sqlite3';
import {
  copyFileSync,
  mkdirSync,
  existsSync,
  openSync,
  readSync,
  closeSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { runningServer } from './dataDirLock';
import { databaseFile } from './store';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface DatabaseFigures {
  rooms: number;
  updates: number;
}

const sqliteHeader = 'SQLite format 3\0';

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    return readSync(fd, buffer, 0, 16, 0) === 16 && buffer.toString('latin1') === sqliteHeader;
  } finally {
    closeSync(fd);
  }
}

function requireKernplein(db: Database.Database, file: string): void {
  const columns = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('updates')")
    .all()
    .map((c) => c.name);
  if (!['seq', 'room', 'data'].every((c) => columns.includes(c)))
    throw new BackupError(`${file} is not a Kernplein database (no table of room updates)`);
}

/**
 * Proves that `file` (a backup, not a live database) is an intact Kernplein database.
 * Problems name `label`: the file the user knows (the source of a backup, not its copy).
 */
export function inspectDatabase(file: string, label = file): DatabaseFigures {
  if (!existsSync(file)) throw new BackupError(`${label} does not exist`);
  if (!hasSqliteHeader(file))
    throw new BackupError(`${label} is not a Kernplein database (not an SQLite file)`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    requireKernplein(db, label);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${label} is damaged: ${String(check)}`);
    return db
      .prepare<[], DatabaseFigures>(
        'SELECT count(DISTINCT room) AS rooms, count(*) AS updates FROM updates',
      )
      .get()!;
  } catch (error) {
    // SQLite's own errors (a truncated or overwritten file) say what, not which file.
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${label} is damaged: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

export async function backup(
  dataDir: string,
  to: string,
  force: boolean,
): Promise<DatabaseFigures> {
  const source = databaseFile(dataDir);
  if (!existsSync(source))
    throw new BackupError(`no Kernplein database in ${dataDir} (expected ${source})`);
  if (existsSync(to) && !force)
    throw new BackupError(`${to} already exists: pass --force to overwrite it`);
  const partial = `${to}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    requireKernplein(db, source);
    // The first step copies nothing; the number returned here makes the next step copy all.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${source} could not be copied: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  try {
    // A backup is one self-contained file: no WAL beside it.
    const copy = new Database(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const figures = inspectDatabase(partial, source);
    renameSync(partial, to);
    return figures;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

export function restore(
  dataDir: string,
  from: string,
  force: boolean,
): DatabaseFigures & { keptAs: string | null } {
  const figures = inspectDatabase(from);
  const pid = runningServer(dataDir);
  if (pid !== null)
    throw new BackupError(
      `a Kernplein server (pid ${pid}) is running on ${dataDir}: stop it before restoring`,
    );
  mkdirSync(dataDir, { recursive: true });
  const target = databaseFile(dataDir);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    if (!force)
      throw new BackupError(
        `${dataDir} already has a database: pass --force to replace it ` +
          `(the current one is kept as ${target}.before-restore)`,
      );
    // Fold the WAL into the file, so the kept copy is complete on its own.
    const db = new Database(target, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    keptAs = `${target}.before-restore`;
    renameSync(target, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  const partial = `${target}.restoring`;
  copyFileSync(from, partial);
  renameSync(partial, target);
  return { ...figures, keptAs };
}
