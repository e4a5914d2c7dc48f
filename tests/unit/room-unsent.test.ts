/**
 * A room opened again says "unsent" only for what the server is not known to have: not for a
 * moment while its stored copy loads, before what the server has is read beside it (the
 * header would show "Er zijn wijzigingen die nog niet op de server staan" and drop it again,
 * moving the page twice on every cold open). The stored copy here is a LocalCopy of the test's
 * own, which applies a stored update with its origin as y-indexeddb does; the room, its
 * status and the vectors are the app's.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LocalCopy } from '../../src/sync/local';
import { openOfflineRoom } from './support/offlineRoom';
import { encodeVector, vectorOfUpdate } from '../../src/sync/vector';

/** A stored copy holding `stored`, whose meta says the server has `serverHas`. */
function storedCopy(stored: Uint8Array, serverHas: Uint8Array | null) {
  const origin = Symbol('stored copy');
  return (_name: string, doc: Y.Doc): LocalCopy => ({
    origin,
    loaded: new Promise<void>((resolve) =>
      setTimeout(() => {
        Y.applyUpdate(doc, stored, origin);
        resolve();
      }, 5),
    ),
    getMeta: async (key) =>
      key === 'serverVector' && serverHas ? encodeVector(vectorOfUpdate(serverHas)) : undefined,
    setMeta: async () => undefined,
    destroy: async () => undefined,
  });
}

async function open(stored: Uint8Array, serverHas: Uint8Array | null) {
  const room = openOfflineRoom('kern/beesd/agenda', { openLocal: storedCopy(stored, serverHas) });
  const seen: boolean[] = [];
  room.status.subscribe(() => seen.push(room.status.getSnapshot().unsent));
  await room.ready;
  const unsent = room.status.getSnapshot().unsent;
  await room.destroy();
  return { seen, unsent };
}

const edits = () => {
  const doc = new Y.Doc();
  doc.getMap('agenda').set('title', 'Bankje bij de kerk');
  return Y.encodeStateAsUpdate(doc);
};

describe('unsent, when a room is opened again', () => {
  it('is never said of what the server has, not even while the copy loads', async () => {
    const stored = edits();
    const { seen, unsent } = await open(stored, stored);
    expect(unsent).toBe(false);
    expect(seen).not.toContain(true);
  });

  it('is said of what the server is not known to have (edits made offline)', async () => {
    const { unsent } = await open(edits(), null);
    expect(unsent).toBe(true);
  });
});
