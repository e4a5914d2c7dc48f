/**
 * What a decoded Yjs update would do to a document, judged without applying it.
 *
 * - `wouldChange`, for read-only connections: a client always answers the server's sync
 *   step 1 with a step 2, which is empty or only repeats what the server has (the full
 *   delete set is always included). Only an update that carries something new is an edit
 *   the client must be told it may not make.
 * - `nextInLine`, for live edits: whether Yjs would integrate the update whole, so the room
 *   may store and send it on as it came (room.ts, `forward`).
 * - `misplaced`, after the doc applied anything else: an item no honest client makes, which
 *   Yjs integrates differently on different replicas (see below).
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './protocol';

function coveredBy(
  ranges: { clock: number; len: number }[] | undefined,
  clock: number,
  len: number,
) {
  return !!ranges?.some((r) => r.clock <= clock && clock + len <= r.clock + r.len);
}

export function wouldChange(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  if (ds.clients.size === 0) return false;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients) {
    const ranges = known.clients.get(client);
    for (const item of items) if (!coveredBy(ranges, item.clock, item.len)) return true;
  }
  return false;
}

/**
 * Whether Yjs would integrate `update` whole, as it is, into `doc`: then storing and sending
 * the update as received is the same as storing and sending what the doc's `update` event
 * would give (the room forwards such updates before applying them: room.ts). True when
 *
 * - the doc holds nothing pending (else applying this update could integrate that too);
 * - every struct continues its client's clock exactly (no gap, nothing already known, no
 *   Skip); its parent is an earlier struct of its own client or already in the doc; its
 *   origins are already in the doc, in one list, the origin left of the right origin (so it
 *   is placed between them: see `misplaced`);
 * - every deleted range lies within what the doc knows after the update, and the update
 *   adds a struct or deletes something not yet deleted.
 *
 * Anything else (a reconnecting client's catch-up, a merged update of several clients, a
 * repeat) takes the general path: apply, then store and send what was integrated.
 */
export function nextInLine(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  const store = doc.store as StructStoreInternals;
  if (store.pendingStructs !== null || store.pendingDs !== null) return false;
  const next = new Map<number, number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return false;
    const { client, clock } = struct.id;
    if (clock !== (next.get(client) ?? Y.getState(store, client))) return false;
    next.set(client, clock + struct.length);
    if (struct instanceof Y.Item && !fits(store, struct)) return false;
  }
  let deletes = false;
  for (const [client, ranges] of ds.clients) {
    const had = Y.getState(store, client);
    const end = next.get(client) ?? had;
    for (const { clock, len } of ranges) {
      if (clock + len > end) return false;
      // From `had` on, a range deletes structs of this update (which add something anyway).
      if (clock < had)
        deletes ||= deletesSomething(store, client, clock, Math.min(len, had - clock));
    }
  }
  return structs.length > 0 || deletes;
}

/**
 * The first item a transaction added that is not where an honest client's item can be, or
 * null. Only changed bytes make one, and Yjs integrates it anyway, with results that depend
 * on what the doc held: a peer, the same rows loaded again, or a compaction of them, then
 * hold something else, or a later honest edit throws halfway (forging updates found each:
 * tests/unit/forged-updates.test.ts).
 *
 * - Between its origins: Yjs converges only when an item's origin lies left of its right
 *   origin in one list (its parent's, or its key's in a map); an honest client takes both
 *   from neighbours. Changed bytes give an origin that is its own right origin, a right
 *   origin left of the origin, the two in different lists, or (a changed clock) an item
 *   linked next to one of another list. Honest items lie a few steps from their origins,
 *   so the walks are short; a misplaced one costs a walk to the end of its list.
 * - A map entry that is not deleted holds one value (length 1); a longer one makes two
 *   values of one key once an edit splits it.
 */
export function misplaced(transaction: Y.Transaction): Y.Item | null {
  const { store } = transaction.doc;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      if (struct instanceof Y.Item && !honest(struct)) return struct;
    }
  }
  return null;
}

const holds = (item: Y.Item, id: Y.ID) =>
  item.id.client === id.client &&
  item.id.clock <= id.clock &&
  id.clock < item.id.clock + item.length;

/**
 * Walks from `item` (left or right) to the item that holds `id`: it, or null when the list
 * ends first or the walk leaves `item`'s list (a changed clock can make Yjs link an item
 * into another list: it then has a neighbour of another parent or key).
 */
function walk(item: Y.Item, id: Y.ID, side: 'left' | 'right'): Y.Item | null {
  let next = item[side];
  while (next && next.parent === item.parent && next.parentSub === item.parentSub) {
    if (holds(next, id)) return next;
    next = next[side];
  }
  return null;
}

/** Whether `item` lies right of its origin and left of its right origin, in its own list. */
const between = (item: Y.Item) =>
  (item.origin === null || walk(item, item.origin, 'left') !== null) &&
  (item.rightOrigin === null || walk(item, item.rightOrigin, 'right') !== null);

const honest = (item: Y.Item) =>
  (item.parentSub === null || item.deleted || item.length === 1) && between(item);

/**
 * Whether Yjs will put `item`, not yet in the doc, where `misplaced` expects it: its parent
 * is an earlier struct of its own client or in the doc; its origins are in the doc, in one
 * list, in order; a longer one is not a map entry.
 */
function fits(store: Y.Doc['store'], item: Y.Item): boolean {
  const { origin, rightOrigin, parent } = item;
  const inDoc = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  if ((origin && !inDoc(origin)) || (rightOrigin && !inDoc(rightOrigin))) return false;
  if (
    parent instanceof Y.ID &&
    !(parent.client === item.id.client ? parent.clock < item.id.clock : inDoc(parent))
  )
    return false;
  const left = origin && Y.getItem(store, origin);
  const right = rightOrigin && Y.getItem(store, rightOrigin);
  // Both may lie in one item that Yjs will split: then in the order of their clocks.
  const inOrder = (start: Y.Item, end: Y.ID) =>
    holds(start, end) ? origin!.clock < end.clock : walk(start, end, 'right') !== null;
  if (left && right && !(left instanceof Y.Item && inOrder(left, rightOrigin!))) return false;
  // Yjs takes the parent and key from the origin, else the right origin, else the bytes.
  const entry = origin ? left!.parentSub : rightOrigin ? right!.parentSub : item.parentSub;
  return item.length === 1 || entry === null;
}

type StructStoreInternals = Y.Doc['store'] & {
  pendingStructs: unknown;
  pendingDs: unknown;
};

/** Whether the doc has a struct not yet deleted in `clock … clock + len` of `client`. */
function deletesSomething(store: Y.Doc['store'], client: number, clock: number, len: number) {
  const structs = store.clients.get(client);
  if (!structs) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= clock + len) return false;
    if (!struct.deleted) return true;
  }
  return false;
}
