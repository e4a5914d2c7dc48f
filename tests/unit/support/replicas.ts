/** Offline replicas of one document, exchanging whole states the way two devices do on reconnect. */
import * as Y from 'yjs';

/** Sends everything `from` has that `to` lacks. */
export function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Brings both replicas to the same state. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  deliver(a, b);
  deliver(b, a);
}

/** A replica that starts from `base`'s state (a device that synced before going offline). */
export function fork(base: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

/**
 * A client doc with a fixed client id, and the updates its own edits produce (not those it
 * applies with origin `'remote'`); `last()` is its latest.
 */
export function client(id: number) {
  const doc = new Y.Doc();
  doc.clientID = id;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') updates.push(update);
  });
  return { doc, updates, last: () => updates[updates.length - 1]! };
}
