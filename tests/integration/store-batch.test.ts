/**
 * The SQLite store's batched appends and background checkpoints, and the relay's
 * `WriteBatch` on top of them (a real database file in a temp dir): one transaction per
 * event-loop turn, callbacks only after the commit and in order, all-or-nothing on failure.
 * Store-before-broadcast through a running server is tested in durability.test.ts and
 * soak.test.ts.
 */
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLog } from '../../server/log';
import { WriteBatch } from '../../server/relay/writeBatch';
import { databaseFile, openSqliteStore } from '../../server/store';
import { cleanup, tempDir, until } from '../helpers/server';

afterAll(cleanup);

const log = createLog('silent');

function updates(count: number, bytes = 16): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(bytes));
  return out;
}

const content = (rows: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row);
  return doc.getMap('m').toJSON();
};

describe('SQLite store: appendMany', () => {
  it('stores rows of several rooms in their order, per room', async () => {
    const store = openSqliteStore(tempDir());
    const [a1, a2, a3] = updates(3);
    const [b1] = updates(1);
    store.appendMany([
      { room: 'a', update: a1! },
      { room: 'b', update: b1! },
      { room: 'a', update: a2! },
      { room: 'a', update: a3! },
    ]);
    expect(await store.load('a')).toEqual([a1, a2, a3]);
    expect(await store.load('b')).toEqual([b1]);
    store.close();
  });

  it('stores none of the rows when the transaction fails (the quota is reached)', async () => {
    const dir = tempDir();
    openSqliteStore(dir).close();
    const size = statSync(databaseFile(dir)).size;
    const store = openSqliteStore(dir, { maxBytes: size + 64 * 1024 });
    const small = updates(1)[0]!;
    const large = updates(1, 512 * 1024)[0]!;
    expect(() =>
      store.appendMany([
        { room: 'a', update: small },
        { room: 'a', update: large },
      ]),
    ).toThrow(/full/);
    expect(await store.load('a')).toEqual([]);
    store.appendMany([{ room: 'a', update: small }]);
    expect(await store.load('a')).toEqual([small]);
    store.close();
  });

  it('checkpoints the WAL into the database file in the background', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir, { checkpointEvery: 10 });
    const before = statSync(databaseFile(dir)).size;
    // About 100 pages, far below the writer's own checkpoint threshold; a checkpoint is asked
    // for every 10 commits.
    for (const update of updates(100, 3000)) store.append('a', update);
    await until(() => statSync(databaseFile(dir)).size > before + 200 * 1024, {
      message: 'the database file grows as the WAL is checkpointed',
    });
    expect((await store.load('a')).length).toBe(100);
    store.close();
  });
});

describe('WriteBatch', () => {
  it('commits the rows of one turn together, then calls back in order', async () => {
    const store = openSqliteStore(tempDir());
    const batch = new WriteBatch(store, log);
    const rows = updates(3);
    const calls: string[] = [];
    rows.forEach((update, i) =>
      batch.add(
        'a',
        update,
        () => calls.push(`stored ${i} (rows in store: ${store.rowCount('a')})`),
        () => calls.push(`failed ${i}`),
      ),
    );
    expect(calls).toEqual([]);
    expect(store.rowCount('a')).toBe(0);
    await until(() => calls.length === 3, { message: 'callbacks after the turn' });
    expect(calls).toEqual([
      'stored 0 (rows in store: 3)',
      'stored 1 (rows in store: 3)',
      'stored 2 (rows in store: 3)',
    ]);
    expect(content(await store.load('a'))).toEqual(content(rows));
    store.close();
  });

  it('flush() commits at once (before the room encodes its state)', () => {
    const store = openSqliteStore(tempDir());
    const batch = new WriteBatch(store, log);
    let stored = false;
    batch.add(
      'a',
      updates(1)[0]!,
      () => (stored = true),
      () => {},
    );
    batch.flush();
    expect(stored).toBe(true);
    expect(store.rowCount('a')).toBe(1);
    store.close();
  });

  it('calls every row of a failed batch back as failed, and stores none', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const batch = new WriteBatch(store, log);
    const outcomes: string[] = [];
    for (const update of updates(2))
      batch.add(
        'a',
        update,
        () => outcomes.push('stored'),
        (error) => outcomes.push(`failed: ${(error as Error).message}`),
      );
    store.close();
    batch.flush();
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((o) => o.startsWith('failed: '))).toBe(true);
    const again = openSqliteStore(dir);
    expect(await again.load('a')).toEqual([]);
    again.close();
  });

  it('a callback that throws costs only its own row', async () => {
    const store = openSqliteStore(tempDir());
    const batch = new WriteBatch(store, log);
    const calls: number[] = [];
    const [first, second] = updates(2);
    batch.add(
      'a',
      first!,
      () => {
        throw new Error('bug');
      },
      () => {},
    );
    batch.add(
      'a',
      second!,
      () => calls.push(2),
      () => {},
    );
    batch.flush();
    expect(calls).toEqual([2]);
    expect(store.rowCount('a')).toBe(2);
    store.close();
  });
});
