/**
 * `WriteBatch.addEager` on a real SQLite store: an idle server commits an update (and calls
 * its `stored`) at once; the later updates of the same event-loop turn are committed together
 * at its end, each `stored` still after its commit; the next turn is eager again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLog } from '../../server/log';
import { WriteBatch } from '../../server/relay/writeBatch';
import { openSqliteStore } from '../../server/store';
import { cleanup, tempDir, until } from '../helpers/server';

afterAll(cleanup);

function updates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getMap('m').set(`k${i}`, i);
  return out;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteBatch.addEager', () => {
  it('commits the first update of a turn at once, batches the rest of the turn', async () => {
    const store = openSqliteStore(tempDir());
    const batch = new WriteBatch(store, createLog('silent'));
    const calls: string[] = [];
    const add = (update: Uint8Array, i: number) =>
      batch.addEager(
        'a',
        update,
        () => calls.push(`stored ${i} (rows: ${store.rowCount('a')})`),
        () => calls.push(`failed ${i}`),
      );
    const rows = updates(5);
    add(rows[0]!, 0);
    expect(calls).toEqual(['stored 0 (rows: 1)']);
    add(rows[1]!, 1);
    add(rows[2]!, 2);
    expect(calls).toHaveLength(1);
    expect(store.rowCount('a')).toBe(1);
    await until(() => calls.length === 3, { message: 'the batch at the end of the turn' });
    expect(calls.slice(1)).toEqual(['stored 1 (rows: 3)', 'stored 2 (rows: 3)']);
    await nextTurn();
    add(rows[3]!, 3);
    expect(calls[3]).toBe('stored 3 (rows: 4)');
    store.close();
  });

  it('a failed eager commit calls `failed` at once and stores nothing', async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const batch = new WriteBatch(store, createLog('silent'));
    store.close();
    const outcomes: string[] = [];
    batch.addEager(
      'a',
      updates(1)[0]!,
      () => outcomes.push('stored'),
      () => outcomes.push('failed'),
    );
    expect(outcomes).toEqual(['failed']);
    const again = openSqliteStore(dir);
    expect(await again.load('a')).toEqual([]);
    again.close();
  });
});
