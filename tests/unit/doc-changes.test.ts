// `onDocChange` (src/sync/docChanges.ts) calls its listener for exactly the transactions for
// which Yjs emits an update: the app listens this way so that a doc needs no update listener.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { onDocChange } from '../../src/sync/docChanges';

/** For each step: whether Yjs emitted an update, and whether `onDocChange` called (and with which origin). */
function compare(doc: Y.Doc, steps: ((doc: Y.Doc) => void)[]) {
  const updates: unknown[] = [];
  const changes: unknown[] = [];
  doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin));
  const stop = onDocChange(doc, (origin) => changes.push(origin));
  const seen = steps.map((step) => {
    const before = [updates.length, changes.length];
    step(doc);
    return { update: updates.length > before[0]!, change: changes.length > before[1]! };
  });
  stop();
  return { seen, updates, changes };
}

describe('onDocChange', () => {
  it('calls exactly when Yjs emits an update, with the same origin', () => {
    const other = new Y.Doc();
    other.getArray('list').insert(0, ['a', 'b', 'c']);
    const remote = Y.encodeStateAsUpdate(other);
    other.getArray('list').delete(1, 1);
    const remoteDeletion = Y.encodeStateAsUpdate(other, Y.encodeStateVector(other));
    const deletionOnly = Y.encodeStateAsUpdate(other);

    const { seen, updates, changes } = compare(new Y.Doc(), [
      (doc) => doc.getMap('m').set('k', 1), // an insert
      (doc) => doc.transact(() => undefined, 'empty'), // nothing
      (doc) => doc.getMap('m').delete('k'), // a deletion only
      (doc) => doc.getMap('m').delete('absent'), // deletes nothing
      (doc) => Y.applyUpdate(doc, remote, 'remote'), // a remote insert
      (doc) => Y.applyUpdate(doc, remote, 'again'), // known already
      (doc) => Y.applyUpdate(doc, deletionOnly, 'remote deletion'), // a remote deletion
      (doc) => Y.applyUpdate(doc, remoteDeletion, 'nothing new'), // an empty update
    ]);
    expect(seen.map((s) => s.update)).toEqual([true, false, true, false, true, false, true, false]);
    expect(seen.map((s) => s.change)).toEqual(seen.map((s) => s.update));
    expect(changes).toEqual(updates);
    expect(changes).toEqual([null, null, 'remote', 'remote deletion']);
  });

  it('stops calling once stopped', () => {
    const doc = new Y.Doc();
    let calls = 0;
    const stop = onDocChange(doc, () => calls++);
    doc.getMap('m').set('a', 1);
    stop();
    doc.getMap('m').set('b', 2);
    expect(calls).toBe(1);
  });
});
