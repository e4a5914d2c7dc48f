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
 * is logged as a second, log-only update. Each model write is its own step unless
 * `captureTimeout` (ms) groups writes made close together, as for typing in an editor.
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

export function createUndo(
  doc: Y.Doc,
  origin: unknown,
  options: { captureTimeout?: number } = {},
): Undo {
  if (origin === null || origin === undefined)
    throw new TypeError('createUndo needs an origin of its own (the same as ctx.origin)');
  const manager = new Y.UndoManager([pointsOf(doc), budgetsOf(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: options.captureTimeout ?? 0,
  });
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((cb) => cb());
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
  for (const event of events) manager.on(event, notify);

  const step = (run: () => unknown, log?: UndoLog) => {
    const before = log ? loggedState(doc) : null;
    const changed = run() !== null;
    if (changed && before && log) logChangesSince(doc, before, { ...log, origin });
    return changed;
  };
  return {
    undo: (log) => step(() => manager.undo(), log),
    redo: (log) => step(() => manager.redo(), log),
    canUndo: () => manager.canUndo(),
    canRedo: () => manager.canRedo(),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    destroy() {
      listeners.clear();
      for (const event of events) manager.off(event, notify);
      manager.destroy();
    },
  };
}
