/**
 * What this device's kernagenda looked like just before other people's edits came in: the
 * one side of a merge a device can know (budgetMerge.ts compares it with the merged agenda).
 *
 * A merge episode starts with the first remote transaction (from the relay, or another tab)
 * that changes points or year budgets (what budgets depend on: not a description, nor who
 * touched a point last) after this device last edited them or its relay link
 * last connected; `before` is the agenda read just before that transaction. Later remote
 * changes belong to the same episode. It ends when this device edits points or budgets
 * (`after`: the agenda just before that edit, so the merge is never blamed for it) or the
 * link connects again (`after`: the agenda then). The next episode replaces it. Loading the
 * on-device copy is neither: it only changes what "now" is. A device that had no agenda yet
 * (no points, no budgets: a first visit) has no side, so its first sync starts nothing.
 *
 * Cheap: the agenda is read only when a snapshot may be needed (a remote transaction while
 * no episode is open, the first edit while one is), and the read is reused until points or
 * budgets change, so its descriptions and `updatedAt`/`updatedBy` may be a little older.
 * Kept in memory only: a reload forgets it, as the moment of the merge has passed.
 */
import type * as Y from 'yjs';
import { budgetsOf, pointsOf } from '../model/agendaDoc';
import { readKernagenda, type Kernagenda } from '../model/kernagenda';
import { createStore, type Store } from './status';

export interface MergeBase {
  /** Unique per episode (the UI remembers which warnings were put away). */
  readonly id: string;
  /** This device's agenda just before the first remote change of the episode. */
  readonly before: Kernagenda;
  /** The agenda when the episode ended; null while it lasts (the agenda now). */
  readonly after: Kernagenda | null;
}

export interface MergeTracker {
  /** The latest episode; null before the first one. */
  readonly base: Store<MergeBase | null>;
  /** The relay link (re)connected: the next remote change starts a new episode. */
  connected(): void;
  destroy(): void;
}

export interface MergeTrackerOptions {
  /** True for the origin of transactions that came from elsewhere (the relay link). */
  isRemote(origin: unknown): boolean;
  /** True for the origin of the on-device copy being loaded. */
  isLoad(origin: unknown): boolean;
  /** ISO time, for episode ids. */
  now(): string;
}

/** Point fields that no budget rule reads: changing only these is no change here. */
const ignored = new Set<string | null>(['description', 'updatedAt', 'updatedBy']);

const hasContent = (agenda: Kernagenda) =>
  agenda.points.length > 0 || Object.keys(agenda.yearBudgets).length > 0;

export function trackMergeBase(doc: Y.Doc, options: MergeTrackerOptions): MergeTracker {
  // Compared by identity only (Y.Map<unknown> and the transaction's AbstractType do not unify).
  const points: unknown = pointsOf(doc);
  const budgets: unknown = budgetsOf(doc);
  const base = createStore<MergeBase | null>(null);
  /** The agenda as it is now; null once points or budgets changed since it was read. */
  let current: Kernagenda | null = null;
  let open = false;
  let episodes = 0;

  const read = () => (current ??= readKernagenda(doc));
  const kind = (origin: unknown) =>
    options.isRemote(origin) ? 'remote' : options.isLoad(origin) ? 'load' : 'edit';
  const touchesAgenda = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if (type === points || type === budgets) return true;
      if (type.parent === points && [...keys].some((k) => !ignored.has(k))) return true;
    }
    return false;
  };
  const end = (after: Kernagenda) => {
    open = false;
    const last = base.getSnapshot();
    if (last) base.set(Object.freeze({ ...last, after }));
  };

  const beforeTransaction = (tr: Y.Transaction) => {
    const k = kind(tr.origin);
    if ((k === 'remote' && !open) || (k === 'edit' && open)) read();
  };
  const afterTransaction = (tr: Y.Transaction) => {
    if (!touchesAgenda(tr)) return;
    const k = kind(tr.origin);
    const before = current;
    current = null;
    if (k === 'remote' && !open && before && hasContent(before)) {
      open = true;
      episodes += 1;
      base.set(Object.freeze({ id: `${options.now()}#${episodes}`, before, after: null }));
    } else if (k === 'edit' && open && before) end(before);
  };
  doc.on('beforeTransaction', beforeTransaction);
  doc.on('afterTransaction', afterTransaction);

  return {
    base,
    connected() {
      if (open) end(read());
    },
    destroy() {
      doc.off('beforeTransaction', beforeTransaction);
      doc.off('afterTransaction', afterTransaction);
    },
  };
}
