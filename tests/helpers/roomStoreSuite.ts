/**
 * The acceptance suite every `RoomStore` implementation must pass (STYLE.md principle 7):
 * run it with `describeRoomStore(name, open)` where `open(dir)` opens the store kept in
 * `dir` (twice on one dir means: reopen after a restart).
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomStore } from '../../server/store';
import { tempDir } from './server';

function edit(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getMap('m').set(key, value);
  return update!;
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

export function describeRoomStore(name: string, open: (dir: string) => RoomStore) {
  describe(`RoomStore: ${name}`, () => {
    const opened: RoomStore[] = [];
    const openStore = (dir: string) => {
      const store = open(dir);
      opened.push(store);
      return store;
    };
    afterEach(() => {
      for (const store of opened.splice(0)) {
        try {
          store.close();
        } catch {
          // already closed by the test
        }
      }
    });

    it('loads nothing for a room never written', async () => {
      const store = openStore(tempDir());
      expect(await store.load('kern/beesd/agenda')).toEqual([]);
      expect(store.rowCount('kern/beesd/agenda')).toBe(0);
    });

    it('returns appended updates in order, per room, after reopening', async () => {
      const dir = tempDir();
      const store = openStore(dir);
      const doc = new Y.Doc();
      const updates = Array.from({ length: 50 }, (_, i) => edit(doc, `k${i % 7}`, i));
      for (const u of updates) store.append('kern/beesd/agenda', u);
      store.append('kern/tuil/agenda', edit(new Y.Doc(), 'tuil', true));
      store.close();

      const again = openStore(dir);
      const loaded = await again.load('kern/beesd/agenda');
      expect(loaded).toEqual(updates);
      expect(replay(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
      expect(
        replay(await again.load('kern/tuil/agenda'))
          .getMap('m')
          .toJSON(),
      ).toEqual({
        tuil: true,
      });
    });

    it('compacts a room into one row with the same content, leaving other rooms alone', async () => {
      const store = openStore(tempDir());
      const doc = new Y.Doc();
      for (let i = 0; i < 30; i++) store.append('a', edit(doc, `k${i}`, i));
      store.append('b', edit(new Y.Doc(), 'b', 1));
      store.compact('a', Y.encodeStateAsUpdate(doc));
      expect(store.rowCount('a')).toBe(1);
      expect(store.rowCount('b')).toBe(1);
      store.append('a', edit(doc, 'after', 'compaction'));
      const content = replay(await store.load('a'))
        .getMap('m')
        .toJSON();
      expect(content).toEqual(doc.getMap('m').toJSON());
      expect(content.after).toBe('compaction');
    });

    it('checks that it can write, and says why not once closed', () => {
      const store = openStore(tempDir());
      expect(store.check()).toEqual({ ok: true });
      store.close();
      const health = store.check();
      expect(health.ok).toBe(false);
      expect(health.ok ? '' : health.reason).not.toBe('');
    });

    it('refuses to append once closed (the relay then fails the room)', () => {
      const store = openStore(tempDir());
      store.close();
      expect(() => store.append('a', new Uint8Array([0, 0]))).toThrow();
    });
  });
}
