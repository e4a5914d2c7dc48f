/**
 * The SQLite store's appends at its quota and its background checkpoints (a real database
 * file in a temp dir). Store-before-broadcast through a running server is tested in
 * durability.test.ts and soak.test.ts.
 */
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { databaseFile, openSqliteStore } from '../../server/store';
import { cleanup, tempDir, until } from '../helpers/server';

afterAll(cleanup);

function updates(count: number, bytes = 16): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(bytes));
  return out;
}

describe('SQLite store', () => {
  it('refuses a row the quota has no room for, stores none of it, and takes the next', async () => {
    const dir = tempDir();
    openSqliteStore(dir).close();
    const size = statSync(databaseFile(dir)).size;
    const store = openSqliteStore(dir, { maxBytes: size + 64 * 1024 });
    const [small] = updates(1);
    const [large] = updates(1, 512 * 1024);
    expect(() => store.append('a', large!)).toThrow(/full/);
    expect(await store.load('a')).toEqual([]);
    store.append('a', small!);
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
