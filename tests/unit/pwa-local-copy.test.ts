// The on-device copy of a room (y-indexeddb over fake-indexeddb): many entries are merged
// into one when idle after a load, and nothing is lost by it; the copy loads into a doc with
// no `update` listener, and edits are stored again once it has loaded.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openLocalCopy } from '../../src/sync/local';
import { openOfflineRoom } from './support/offlineRoom';
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

  it('loads into a room whose doc has no update listener, so Yjs does not encode the copy again', async () => {
    await storeEdits('kern/asperen/agenda', 20);
    const room = openOfflineRoom('kern/asperen/agenda');
    // What Yjs checks before it encodes a transaction for the update event (yjs cleanupTransactions).
    const observers = (room.doc as unknown as { _observers: Map<string, unknown> })._observers;
    const atLoad: boolean[] = [];
    room.doc.on('afterTransaction', (transaction) => {
      if (transaction.doc.getMap('points').size > 0 && atLoad.length === 0)
        atLoad.push(observers.has('update'));
    });
    await room.ready;
    expect(room.doc.getMap('points').size).toBe(20);
    expect(atLoad).toEqual([false]);
    // Loaded: y-indexeddb listens again, and an edit is stored.
    expect(observers.has('update')).toBe(true);
    room.doc.getMap('points').set('p-new', 1);
    await room.destroy();
    const again = new Y.Doc();
    const reopened = openLocalCopy('kern/asperen/agenda', again);
    await reopened.loaded;
    expect(again.getMap('points').get('p-new')).toBe(1);
    expect(again.getMap('points').size).toBe(21);
    await reopened.destroy();
  });

  it('keeps an edit made before the copy has loaded', async () => {
    await storeEdits('kern/herwijnen/agenda', 5);
    const doc = new Y.Doc();
    const copy = openLocalCopy('kern/herwijnen/agenda', doc);
    doc.getMap('points').set('early', 1);
    await copy.loaded;
    doc.getMap('points').set('late', 2);
    await until(async () => (await entries('kern/herwijnen/agenda')) >= 7, {
      message: 'the late edit stored',
    });
    await copy.destroy();
    const again = new Y.Doc();
    const reopened = openLocalCopy('kern/herwijnen/agenda', again);
    await reopened.loaded;
    expect(again.getMap('points').toJSON()).toEqual(doc.getMap('points').toJSON());
    expect(again.getMap('points').get('early')).toBe(1);
    await reopened.destroy();
  });
});
