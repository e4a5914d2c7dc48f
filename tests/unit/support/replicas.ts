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
