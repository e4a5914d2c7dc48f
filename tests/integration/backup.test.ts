/**
 * Backup and restore (`npm run backup`, `npm run restore`, server/backup.ts) through the real
 * CLIs, against the real server process and real y-websocket clients.
 *
 * - A backup taken while a committee member keeps writing holds at least every edit that was
 *   stored before it started (an edit another client received was stored: the relay stores
 *   before it broadcasts), and is one consistent moment (a prefix of the writer's edits).
 *   Restored into a new data directory with secret.key copied beside it, a server there
 *   serves those edits and accepts the old tokens.
 * - Refusals: stderr names the problem, exit 1, nothing changed: no database in --data, an
 *   existing target without --force, damaged or foreign files, a server running on the
 *   directory, an existing database without --force (with --force it is kept as
 *   kernplein.sqlite.before-restore), missing flags (the usage).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import {
  cleanup,
  connect,
  makeToken,
  runCli,
  startServer,
  tempDir,
  until,
  type CliResult,
  type Client,
  type ServerHandle,
} from '../helpers/server';

const room = 'kern/heukelum/agenda';
const database = (dataDir: string) => join(dataDir, 'kernplein.sqlite');
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

afterAll(cleanup);

async function synced(client: Client) {
  await until(() => client.provider.synced, { message: `${client.provider.roomname} synced` });
  return client;
}

/** The shared map of `room` as stored in an SQLite file (read directly, no server). */
function storedMap(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const doc = new Y.Doc();
    const rows = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE room = ? ORDER BY seq')
      .all(room);
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return doc.getMap('test').toJSON();
  } finally {
    db.close();
  }
}

/** A copy of an SQLite file with every page after the first overwritten with garbage. */
function overwritePages(file: Buffer): Buffer {
  const pageSize = file.readUInt16BE(16);
  const copy = Buffer.from(file);
  if (copy.length < 2 * pageSize) throw new Error('the backup has a single page');
  copy.fill(0xab, pageSize);
  return copy;
}

/**
 * Exit 1, nothing on stdout, the message on stderr and no stack trace. (`expect` of the test's
 * context: some tests run concurrently.)
 */
function expectRefused(
  expect: ExpectStatic,
  result: CliResult,
  cli: 'backup' | 'restore',
  message: string | RegExp,
) {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.startsWith(`${cli}: `), result.stderr).toBe(true);
  if (typeof message === 'string') expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
  expect(result.stderr, 'a stack trace instead of a message').not.toMatch(/\n\s+at /);
}

const backupLine = /^Backup of (.+) written to (.+): (\d+) rooms, (\d+) stored updates\.\n/;
const restoreLine = /^Restored (.+) from (.+): (\d+) rooms, (\d+) stored updates\.\n/;

describe('backup while the server runs', () => {
  it('holds every stored edit while a committee member keeps writing; restores into a new directory', async () => {
    const server = await startServer({ args: ['--compact-every', '40'] });
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum', 'Anna');
    const writer = await synced(connect(server.url, room, { token }));
    const observer = await synced(connect(server.url, room));

    // One edit per message (a pause between them), so the stored rows are the edits in order.
    let writing = true;
    let sent = 0;
    const writes = (async () => {
      while (writing) {
        writer.map.set(`k${sent}`, sent++);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    try {
      await until(() => observer.map.size >= 30, { message: 'the observer sees 30 edits' });
      // The observer received these, so the server had stored them before the backup starts.
      const acknowledged = observer.map.toJSON();
      const file = join(tempDir(), 'kernplein-backup.sqlite');
      const result = await runCli('backup', ['--data', server.dataDir, '--to', file]);
      const seenAfter = observer.map.size;

      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const figures = backupLine.exec(result.stdout);
      expect(figures, result.stdout).not.toBeNull();
      expect(figures![1]).toBe(server.dataDir);
      expect(figures![2]).toBe(file);
      expect(Number(figures![3])).toBe(1);
      expect(Number(figures![4])).toBeGreaterThanOrEqual(1);
      expect(result.stdout).toContain('secret.key is not in the backup');
      // The writer kept writing and the server kept storing and serving during the backup.
      expect(seenAfter).toBeGreaterThan(Object.keys(acknowledged).length);

      // One self-contained file: no WAL, no partial copy beside it.
      expect(readdirSync(join(file, '..'))).toEqual(['kernplein-backup.sqlite']);
      expect(readFileSync(file).subarray(0, 16)).toEqual(sqliteHeader);

      writing = false;
      await writes;

      // Restore into a new data directory, with the secret copied beside it.
      const restored = join(tempDir(), 'data');
      mkdirSync(restored);
      copyFileSync(join(server.dataDir, 'secret.key'), join(restored, 'secret.key'));
      const put = await runCli('restore', ['--data', restored, '--from', file]);
      expect(put.code, put.stderr).toBe(0);
      expect(put.stderr).toBe('');
      const putFigures = restoreLine.exec(put.stdout);
      expect(putFigures, put.stdout).not.toBeNull();
      expect(putFigures!.slice(1)).toEqual([restored, file, figures![3], figures![4]]);
      expect(put.stdout).not.toContain('previous database');

      const second = await startServer({ dataDir: restored });
      const fresh = await synced(connect(second.url, room, { doc: new Y.Doc() }));
      const backedUp = fresh.map.toJSON();
      for (const [key, value] of Object.entries(acknowledged))
        expect(backedUp[key], `acknowledged edit ${key}`).toBe(value);
      // One consistent moment: exactly the writer's first n edits, for some n.
      const n = Object.keys(backedUp).length;
      expect(n).toBeGreaterThanOrEqual(Object.keys(acknowledged).length);
      expect(n).toBeLessThanOrEqual(sent);
      expect(backedUp).toEqual(
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])),
      );

      // The old token is valid on the restored server (same secret.key).
      const again = await synced(connect(second.url, room, { token }));
      again.map.set('na-herstel', 'bankje bij de kerk');
      await until(() => fresh.map.get('na-herstel') === 'bankje bij de kerk', {
        message: 'an edit with the old token reaches the fresh client',
      });
      expect(again.denied).toEqual([]);
    } finally {
      writing = false;
      await writes;
    }
  });
});

describe('backup refusals', () => {
  it.concurrent.for([
    ['a directory that does not exist', false],
    ['an empty directory', true],
  ] as const)('no database in --data: %s', async ([, exists], { expect }) => {
    const dataDir = exists ? tempDir() : join(tempDir(), 'nergens');
    const out = tempDir();
    const to = join(out, 'backup.sqlite');
    const result = await runCli('backup', ['--data', dataDir, '--to', to]);
    expectRefused(
      expect,
      result,
      'backup',
      `no Kernplein database in ${dataDir} (expected ${database(dataDir)})`,
    );
    expect(readdirSync(out)).toEqual([]);
    if (exists) expect(readdirSync(dataDir)).toEqual([]);
    else expect(existsSync(dataDir)).toBe(false);
  });
});

describe('with a data directory in use', () => {
  let server: ServerHandle;
  let token: string;
  let writer: Client;
  let observer: Client;
  /** A backup of the directory (taken while the server ran) and what it holds. */
  let backupFile: string;
  let backedUp: Record<string, unknown>;

  beforeAll(async () => {
    server = await startServer();
    token = await makeToken(server.dataDir, 'commissie', 'heukelum', 'Bram');
    writer = await synced(connect(server.url, room, { token }));
    observer = await synced(connect(server.url, room));
    writer.map.set('punt', 'bankje bij de kerk');
    writer.map.set('toelichting', 'Het oude bankje is kapot. '.repeat(200));
    await until(() => observer.map.size === 2, { message: 'the observer sees the first edits' });
    backedUp = observer.map.toJSON();
    backupFile = join(tempDir(), 'backup.sqlite');
    const made = await runCli('backup', ['--data', server.dataDir, '--to', backupFile]);
    expect(made.code, made.stderr).toBe(0);
    // After the backup: in the directory, not in the backup.
    writer.map.set('tweede', 'speeltuin opknappen');
    await until(() => observer.map.get('tweede') !== undefined, { message: 'observer: tweede' });
  });

  it('backup: an existing target is left as it is without --force, replaced with it', async () => {
    const out = tempDir();
    const to = join(out, 'oud.sqlite');
    writeFileSync(to, 'een oudere backup\n');
    const refused = await runCli('backup', ['--data', server.dataDir, '--to', to]);
    expectRefused(expect, refused, 'backup', `${to} already exists: pass --force to overwrite it`);
    expect(readFileSync(to, 'utf8')).toBe('een oudere backup\n');
    expect(readdirSync(out)).toEqual(['oud.sqlite']);

    const forced = await runCli('backup', ['--data', server.dataDir, '--to', to, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(backupLine);
    expect(readFileSync(to).subarray(0, 16)).toEqual(sqliteHeader);
    expect(readdirSync(out)).toEqual(['oud.sqlite']);
  });

  it.concurrent.for([
    ['a damaged database', 'damaged'],
    ['another SQLite database', 'no table of room updates'],
  ] as const)(
    'backup: refuses %s in --data and writes nothing',
    async ([kind, reason], { expect }) => {
      const dataDir = tempDir();
      if (kind === 'another SQLite database') {
        const db = new Database(database(dataDir));
        db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('geen kernplein')");
        db.close();
      } else writeFileSync(database(dataDir), overwritePages(readFileSync(backupFile)));
      const out = tempDir();
      const to = join(out, 'backup.sqlite');
      const result = await runCli('backup', ['--data', dataDir, '--to', to]);
      expectRefused(expect, result, 'backup', reason);
      expect(readdirSync(out), 'neither a backup nor a partial copy').toEqual([]);
      // The message names the database that is damaged, not a temporary copy that is gone.
      expect(result.stderr).toContain(database(dataDir));
    },
  );

  // Into a new directory (not created) or, even with --force, into one with a database (kept).
  it.concurrent.for([
    ['a file that does not exist', 'does not exist', 'new'],
    ['a text file', 'not a Kernplein database (not an SQLite file)', 'new'],
    ['an empty file', 'not a Kernplein database (not an SQLite file)', 'existing'],
    ['another SQLite database', 'not a Kernplein database (no table of room updates)', 'existing'],
    ['a backup with overwritten pages', 'is damaged', 'existing'],
    // An interrupted copy of a real backup.
    ['a truncated backup', /is damaged|is not a Kernplein database/, 'existing'],
  ] as const)(
    'restore: refuses %s and changes nothing',
    async ([kind, reason, into], { expect }) => {
      const from = join(tempDir(), 'backup.sqlite');
      const backup = readFileSync(backupFile);
      if (kind === 'a text file') writeFileSync(from, 'Notulen van de kernvergadering\n');
      if (kind === 'an empty file') writeFileSync(from, '');
      if (kind === 'another SQLite database') {
        const db = new Database(from);
        db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('geen kernplein')");
        db.close();
      }
      if (kind === 'a backup with overwritten pages') writeFileSync(from, overwritePages(backup));
      if (kind === 'a truncated backup') writeFileSync(from, backup.subarray(0, backup.length / 2));

      if (into === 'new') {
        const dataDir = join(tempDir(), 'data');
        const result = await runCli('restore', ['--data', dataDir, '--from', from]);
        expectRefused(expect, result, 'restore', reason);
        expect(result.stderr).toContain(from);
        expect(existsSync(dataDir)).toBe(false);
      } else {
        const dataDir = tempDir();
        copyFileSync(backupFile, database(dataDir));
        const result = await runCli('restore', ['--data', dataDir, '--from', from, '--force']);
        expectRefused(expect, result, 'restore', reason);
        expect(result.stderr).toContain(from);
        expect(readdirSync(dataDir)).toEqual(['kernplein.sqlite']);
        expect(readFileSync(database(dataDir)).equals(backup)).toBe(true);
      }
    },
  );

  it('restore: refused while the server runs, which keeps its data and keeps serving', async () => {
    const pid = server.process.pid!;
    const before = readdirSync(server.dataDir).sort();
    // --force does not help: a running server is never replaced under its feet.
    const result = await runCli('restore', [
      '--data',
      server.dataDir,
      '--from',
      backupFile,
      '--force',
    ]);
    expectRefused(
      expect,
      result,
      'restore',
      `a Kernplein server (pid ${pid}) is running on ${server.dataDir}: stop it before restoring`,
    );
    expect(readdirSync(server.dataDir).sort()).toEqual(before);
    expect(before).not.toContain('kernplein.sqlite.before-restore');

    const fresh = await synced(connect(server.url, room, { doc: new Y.Doc() }));
    expect(fresh.map.toJSON()).toEqual(observer.map.toJSON());
    expect(fresh.map.get('tweede')).toBe('speeltuin opknappen');
    writer.map.set('derde', 'jeu de boules-baan');
    await until(() => fresh.map.get('derde') === 'jeu de boules-baan', {
      message: 'an edit after the refused restore reaches a new client',
    });
    fresh.destroy();
  });

  it('restore after a crash: refused over the database without --force; with --force the old one is kept', async () => {
    // SIGKILL: the pid file stays behind (a dead pid, so free) and the last edits are only in
    // the WAL, so the kept copy is complete only if restore folds the WAL in.
    const current = observer.map.toJSON();
    await server.kill();
    writer.destroy();
    observer.destroy();
    const dataDir = server.dataDir;
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(true);
    const snapshot = () =>
      Object.fromEntries(
        readdirSync(dataDir)
          .sort()
          .map((name) => [name, readFileSync(join(dataDir, name)).toString('base64')]),
      );
    const before = snapshot();
    expect(Object.keys(before)).toContain('kernplein.sqlite-wal');

    const refused = await runCli('restore', ['--data', dataDir, '--from', backupFile]);
    expectRefused(
      expect,
      refused,
      'restore',
      `${dataDir} already has a database: pass --force to replace it ` +
        `(the current one is kept as ${database(dataDir)}.before-restore)`,
    );
    expect(snapshot()).toEqual(before);

    const forced = await runCli('restore', ['--data', dataDir, '--from', backupFile, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toMatch(restoreLine);
    const kept = `${database(dataDir)}.before-restore`;
    expect(forced.stdout).toContain(`The previous database is kept as ${kept}.\n`);
    const files = readdirSync(dataDir);
    for (const name of [
      'kernplein.sqlite-wal',
      'kernplein.sqlite-shm',
      'kernplein.sqlite.restoring',
    ])
      expect(files).not.toContain(name);
    expect(readFileSync(database(dataDir)).equals(readFileSync(backupFile))).toBe(true);
    expect(storedMap(kept)).toEqual(current);
    expect(current.tweede).toBe('speeltuin opknappen');

    // The restored directory serves the backup, and the tokens of this directory still work.
    server = await startServer({ dataDir });
    const fresh = await synced(connect(server.url, room, { doc: new Y.Doc() }));
    expect(fresh.map.toJSON()).toEqual(backedUp);
    const member = await synced(connect(server.url, room, { token }));
    member.map.set('na-herstel', 'nieuw bankje');
    await until(() => fresh.map.get('na-herstel') === 'nieuw bankje', {
      message: 'an edit after the restore reaches a new client',
    });
    expect(member.denied).toEqual([]);
  });
});

describe('missing or unknown flags', () => {
  const backupUsage = 'usage: npm run backup -- --data DIR --to FILE [--force]';
  const restoreUsage = 'usage: npm run restore -- --data DIR --from FILE [--force]';

  it.concurrent.for([
    ['backup', [], `--to is required\n${backupUsage}`],
    ['backup', ['--data', '@dir', '--to'], "Option '--to <value>' argument missing"],
    ['restore', ['--data', '@dir'], `--from is required\n${restoreUsage}`],
    ['restore', ['--data', '@dir', '--form', 'x'], "Unknown option '--form'"],
  ] as const)('%s %j', async ([cli, args, message], { expect }) => {
    const dir = join(tempDir(), 'data');
    const result = await runCli(
      cli,
      args.map((arg) => (arg === '@dir' ? dir : arg)),
    );
    expectRefused(expect, result, cli, message);
    expect(existsSync(dir)).toBe(false);
  });
});
