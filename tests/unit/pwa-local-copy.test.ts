// The on-device copy of a room (y-indexeddb over fake-indexeddb): many entries are merged
// into one when idle after a load, and nothing is lost by it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openLocalCopy } from '../../src/sync/local';
import { until } from '../helpers/until';

/** Entries in the room's `updates` store. */
function entries(room: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`kernplein:${room}`);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const count = db.transaction('updates').objectStore('updates').count();
      count.onsuccess = () => (db.close(), resolve(count.result));
      count.onerror = () => (db.close(), reject(count.error));
    };
  });
}

async function storeEdits(room: string, count: number): Promise<void> {
  const doc = new Y.Doc();
  const copy = openLocalCopy(room, doc);
  await copy.loaded;
  for (let i = 0; i < count; i++) doc.getMap('points').set(`p${i}`, i);
  await until(async () => (await entries(room)) >= count, { message: `${count} entries stored` });
  await copy.destroy();
  doc.destroy();
}

describe('the local copy', () => {
  it('merges more than 50 stored entries into one after loading, losing nothing', async () => {
    await storeEdits('kern/tuil/agenda', 80);
    const doc = new Y.Doc();
    const copy = openLocalCopy('kern/tuil/agenda', doc);
    await copy.loaded;
    expect(doc.getMap('points').size).toBe(80);
    await until(async () => (await entries('kern/tuil/agenda')) === 1, {
      message: 'the entries merged',
      timeout: 5_000,
    });
    await copy.destroy();
    const again = new Y.Doc();
    const reopened = openLocalCopy('kern/tuil/agenda', again);
    await reopened.loaded;
    expect(again.getMap('points').toJSON()).toEqual(doc.getMap('points').toJSON());
    await reopened.destroy();
  });

  it('leaves a few entries as they are', async () => {
    await storeEdits('kern/rumpt/agenda', 10);
    const doc = new Y.Doc();
    const copy = openLocalCopy('kern/rumpt/agenda', doc);
    await copy.loaded;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the idle merge
    expect(await entries('kern/rumpt/agenda')).toBeGreaterThanOrEqual(10);
    await copy.destroy();
  });
});
