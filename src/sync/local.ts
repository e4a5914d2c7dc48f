/**
 * The on-device copy of one room's Y.Doc: the only module that imports y-indexeddb.
 *
 * Owns: attaching IndexeddbPersistence (every edit is written at once, also offline) and a
 * few small values stored beside the document in the same IndexedDB database (what the
 * server is known to have, when it last synced). Invariant: `loaded` resolves after the
 * stored state is in the doc, so a provider connected afterwards sends the local state
 * vector on its first sync (yjs/y-indexeddb#31).
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

export interface LocalCopy {
  /** Resolves once the stored state has been applied to the doc. */
  loaded: Promise<void>;
  /** The transaction origin of updates loaded from IndexedDB (they are not local edits). */
  origin: unknown;
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: string): Promise<void>;
  destroy(): Promise<void>;
}

/** Database name per room: stable, so a reload finds the same copy. */
const dbName = (room: string) => `kernplein:${room}`;

export function openLocalCopy(room: string, doc: Y.Doc): LocalCopy {
  const persistence = new IndexeddbPersistence(dbName(room), doc);
  return {
    loaded: persistence.whenSynced.then(() => undefined),
    origin: persistence,
    getMeta: (key) => persistence.get(key),
    setMeta: async (key, value) => {
      await persistence.set(key, value);
    },
    destroy: () => persistence.destroy(),
  };
}
