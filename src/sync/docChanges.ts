/**
 * "The doc changed, and by whom": the one way the app listens to a Y.Doc's changes when it
 * needs no update bytes (views, the sync status, saved screens, the search index).
 *
 * Not Yjs's `update` event: while a doc has any `update` listener, Yjs encodes every
 * transaction into an update for it, also the one that loads a room's stored copy from
 * IndexedDB, which is the whole document: 51–58 ms of main thread at 4× CPU for the bench's
 * kernagenda (docs/performance.md, "A room opens without encoding itself twice").
 * `afterTransaction` costs nothing; a transaction counts as a change exactly when Yjs would
 * have emitted an update for it (`changedDoc`).
 */
import type * as Y from 'yjs';

/** Whether `transaction` changed the doc: something added or deleted (as Yjs's update event). */
export function changedDoc(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState)
    if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** Calls `listener` after each transaction that changed `doc`; returns how to stop. */
export function onDocChange(
  doc: Y.Doc,
  listener: (origin: unknown, transaction: Y.Transaction) => void,
): () => void {
  const afterTransaction = (transaction: Y.Transaction) => {
    if (changedDoc(transaction)) listener(transaction.origin, transaction);
  };
  doc.on('afterTransaction', afterTransaction);
  return () => doc.off('afterTransaction', afterTransaction);
}
