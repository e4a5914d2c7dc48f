/**
 * Undo and redo per person, over one kernagenda document.
 *
 * A thin wrapper of Y.UndoManager scoped to the agenda's data (`points` with everything in
 * them, descriptions included, and `budgets`), tracking only transactions whose origin is
 * this person's `origin` (pass the same value as `ctx.origin` to every write). So undo
 * reverts only this person's own edits, never someone else's, also after syncing; when
 * someone else changed the same field since, their value stays (Yjs never overwrites a
 * remote map change). The history (`activity`), versions and meta are out of scope: undo
 * never removes log entries; when `undo`/`redo` get a `{ actor, now }`, what they changed
 * is logged as a second, log-only update. Each model write is its own step; with `typing`
 * (ms), writes that type into a description (they change a Y.Text) made within that time of
 * each other are one step, so undo takes back a burst of typing, not one letter; any other
 * write is always a step of its own.
 *
 * Offline edits of the same field. Two devices set one field while apart (Anna € 1.500,
 * Bram € 1.800); after the merge Yjs shows one value (say Bram's) and Anna's is deleted.
 * - The winner undoes: Yjs deletes Bram's value but cannot put back the one he replaced
 *   (€ 1.200, Anna's concurrent value is in the way), so the field would be EMPTY. Rule
 *   here: the field then gets the value someone else gave it without knowing this step —
 *   Anna's € 1.500, the edit that was made and is not Bram's to take back (with several,
 *   the one Yjs orders last, as it would have shown without Bram's). Redo gives Bram's back.
 * - The loser undoes: her value is not on screen, so Yjs changes nothing of it and takes
 *   back her previous edit that still shows (or reports that nothing changed). Kept as is.
 * How: Yjs forgets the content of a deleted remote value at the end of its transaction,
 * so `lost` keeps the values of others that lose on arrival; each step keeps the state
 * vector it was made with (what it knew). An undo/redo runs in one transaction with this
 * repair: for each field it left empty, walk the field's entries leftwards from the value
 * just removed, past this person's own entries, to the first one the step did not know;
 * write its value (or, if that value never reached this device, put back the one just
 * removed: a field never goes empty because of an edit we cannot see). Walking stops at an
 * entry the step knew: what it replaced, so a field the step added stays away. The
 * transaction counts as the undo itself (the manager's `undoing`/`redoing` flag is set
 * again for its end), so the repair is part of the opposite step and redo still works.
 * Known limit: a value the repair wrote for Anna is Bram's entry: Anna's own undo cannot
 * take it back any more (it changes nothing there: never someone else's edit).
 */
import * as Y from 'yjs';
import { budgetsOf, pointsOf } from './agendaDoc';
import { logChangesSince, loggedState } from './activity';

export interface UndoLog {
  actor: string;
  now: string;
}

export interface Undo {
  /** Reverts this person's last step; true when something changed. */
  undo(log?: UndoLog): boolean;
  redo(log?: UndoLog): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Calls `cb` whenever canUndo/canRedo may have changed; returns the unsubscribe. */
  onChange(cb: () => void): () => void;
  destroy(): void;
}

type Step = Y.UndoManager['undoStack'][number];

/** Stack-item meta key: the state vector (client -> clock) the step was made with. */
const known = Symbol('known');
const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;
const unseen = (id: Y.ID, vector: Map<number, number>) => id.clock >= (vector.get(id.client) ?? 0);

export function createUndo(doc: Y.Doc, origin: unknown, options: { typing?: number } = {}): Undo {
  if (origin === null || origin === undefined)
    throw new TypeError('createUndo needs an origin of its own (the same as ctx.origin)');
  const points = pointsOf(doc);
  const budgets = budgetsOf(doc);
  // Registered before the manager's own handler, so it decides before the manager groups:
  // only typing after typing may join the step before (the manager applies the time limit).
  let typedLast = false;
  const group = (tr: Y.Transaction) => {
    if (tr.origin !== origin) return;
    const typed = [...tr.changed.keys()].some((type) => type instanceof Y.Text);
    if (!typed || !typedLast) manager.stopCapturing();
    typedLast = typed;
  };
  doc.on('afterTransaction', group);
  const manager = new Y.UndoManager([points, budgets], {
    trackedOrigins: new Set([origin]),
    captureTimeout: options.typing ?? 0,
  });
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((cb) => cb());
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
  for (const event of events) manager.on(event, notify);

  // What each step knew, for telling concurrent entries from those it replaced.
  const remember = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) =>
    stackItem.meta.set(known, Y.decodeStateVector(Y.encodeStateVector(doc)));
  manager.on('stack-item-added', remember);
  manager.on('stack-item-updated', remember);

  /** A map whose fields undo repairs: a point, the year budgets (and `points` itself). */
  const inScope = (type: unknown) =>
    type === points ||
    type === budgets ||
    (type instanceof Y.AbstractType && type._item?.parent === points);

  // Remote values that lost on arrival, before Yjs drops their content (afterTransaction
  // runs before garbage collection).
  const lost = new Map<string, unknown>();
  const record = (tr: Y.Transaction) => {
    if (tr.local) return;
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parentSub === null) return;
      if (!unseen(struct.id, tr.beforeState) || !(struct.content instanceof Y.ContentAny)) return;
      if (!inScope(struct.parent)) return;
      lost.set(idKey(struct.id), struct.content.getContent().at(-1));
    });
  };
  doc.on('afterTransaction', record);

  /** The value for a field the step `popped` just emptied; undefined: leave it empty. */
  const replacement = (removed: Y.Item, popped: Step) => {
    const knew = popped.meta.get(known) as Map<number, number> | undefined;
    if (!knew) return undefined;
    for (let entry = removed.left; entry; entry = entry.left) {
      const own = Y.isDeleted(popped.insertions, entry.id);
      if (!unseen(entry.id, knew)) {
        if (own) continue;
        return undefined; // what the step replaced, or older: nothing concurrent
      }
      if (lost.has(idKey(entry.id))) return lost.get(idKey(entry.id));
      // A later entry of this person (a redone copy, an earlier repair) still has content;
      // a concurrent one whose value never reached us has none: keep the removed value.
      if (entry.content instanceof Y.ContentDeleted) return removed.content.getContent().at(-1);
    }
    return undefined;
  };

  const repair = (tr: Y.Transaction, popped: Step) => {
    const fixes: [Y.Map<unknown>, string, unknown][] = [];
    const deleted = Y.mergeDeleteSets([tr.deleteSet]); // sorted: isDeleted searches it
    tr.changed.forEach((keys, type) => {
      if (!(type instanceof Y.Map) || !inScope(type)) return;
      for (const key of keys) {
        if (key === null || type.has(key)) continue;
        const removed = type._map.get(key);
        if (!removed || unseen(removed.id, tr.beforeState)) continue;
        if (!Y.isDeleted(deleted, removed.id)) continue;
        const value = replacement(removed, popped);
        if (value !== undefined) fixes.push([type, key, value]);
      }
    });
    for (const [map, key, value] of fixes) map.set(key, value);
  };

  /** Undo or redo and its repair as one transaction that the manager files as the step. */
  const pop = (kind: 'undo' | 'redo'): boolean => {
    let changed = false;
    try {
      doc.transact((tr) => {
        const popped = kind === 'undo' ? manager.undo() : manager.redo();
        changed = popped !== null;
        if (popped) repair(tr, popped);
        // undo()/redo() cleared their flag on return; the step ends with this transaction.
        if (kind === 'undo') manager.undoing = true;
        else manager.redoing = true;
      }, manager);
    } finally {
      manager.undoing = false;
      manager.redoing = false;
    }
    return changed;
  };

  const step = (kind: 'undo' | 'redo', log?: UndoLog) => {
    const before = log ? loggedState(doc) : null;
    const changed = pop(kind);
    if (changed && before && log) logChangesSince(doc, before, { ...log, origin });
    return changed;
  };
  return {
    undo: (log) => step('undo', log),
    redo: (log) => step('redo', log),
    canUndo: () => manager.canUndo(),
    canRedo: () => manager.canRedo(),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    destroy() {
      listeners.clear();
      for (const event of events) manager.off(event, notify);
      manager.off('stack-item-added', remember);
      manager.off('stack-item-updated', remember);
      doc.off('afterTransaction', record);
      doc.off('afterTransaction', group);
      manager.destroy();
    },
  };
}
