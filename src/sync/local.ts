/**
 * The on-device copy of one room's Y.Doc: the only module that imports y-indexeddb.
 *
 * Owns: attaching IndexeddbPersistence (every edit is written at once, also offline) and a
 * few small values stored beside the document in the same IndexedDB database (what the
 * server is known to have, when it last synced). Invariant: `loaded` resolves after the
 * stored state is in the doc, so a provider connected afterwards sends the local state
 * vector on its first sync (yjs/y-indexeddb#31).
 *
 * A device that follows edits live stores each as its own entry, up to y-indexeddb's merge at
 * 500; applying 500 small entries on the next open costs half again as much as one merged
 * entry. So once loaded, a copy of more than `compactAbove` entries is merged into one (y-indexeddb's
 * own `storeState`) when the browser is idle, and the next open reads one entry.
 *
 * While y-indexeddb applies the stored entries (one transaction), its own `update` listener is
 * off: the doc then has none, and Yjs does not encode the whole copy again for it (the app
 * listens with `onDocChange`, docChanges.ts). It is back once the copy is loaded, in the same
 * task. Nothing is lost meanwhile: right before it applies the entries, y-indexeddb stores the
 * doc as it is then, with any change made before (its `beforeApplyUpdatesCallback`).
 */
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';
import { whenIdle } from './schedule';

export interface LocalCopy {
  /** Resolves once the stored state has been applied to the doc. */
  loaded: Promise<void>;
  /** The transaction origin of updates loaded from IndexedDB (they are not local edits). */
  origin: unknown;
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: string): Promise<void>;
  destroy(): Promise<void>;
}

const compactAbove = 50;

/** Database name per room: stable, so a reload finds the same copy. */
const dbName = (room: string) => `kernplein:${room}`;

export function openLocalCopy(room: string, doc: Y.Doc): LocalCopy {
  const persistence = new IndexeddbPersistence(dbName(room), doc);
  doc.off('update', persistence._storeUpdate);
  persistence.once('synced', () => doc.on('update', persistence._storeUpdate));
  let destroyed = false;
  const loaded = persistence.whenSynced.then(() => {
    whenIdle(() => {
      if (destroyed || !persistence.db) return;
      // y-indexeddb counts its entries only after it says it is synced: count here.
      const count = persistence.db.transaction('updates').objectStore('updates').count();
      count.onsuccess = () => {
        if (!destroyed && count.result > compactAbove)
          storeState(persistence, true).catch((error: unknown) =>
            console.error('Could not merge the stored entries', error),
          );
      };
    }, 5_000);
  });
  return {
    loaded,
    origin: persistence,
    getMeta: (key) => persistence.get(key),
    setMeta: async (key, value) => {
      await persistence.set(key, value);
    },
    destroy: () => {
      destroyed = true;
      return persistence.destroy();
    },
  };
}
