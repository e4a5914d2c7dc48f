/**
 * What a decoded Yjs update would do to a document, judged without applying it.
 *
 * - `wouldChange`, for read-only connections: a client always answers the server's sync
 *   step 1 with a step 2, which is empty or only repeats what the server has (the full
 *   delete set is always included). Only an update that carries something new is an edit
 *   the client must be told it may not make.
 * - `nextInLine`, for live edits: whether Yjs would integrate the update whole, so the room
 *   may store and send it on as it came (room.ts, `forward`).
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
 *   Skip), and every struct it refers to (origin, right origin, parent) is either an earlier
 *   one of its own client or already in the doc;
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
  const known = (id: Y.ID | null, self: Y.ID) =>
    id === null ||
    (id.client === self.client ? id.clock < self.clock : id.clock < Y.getState(store, id.client));
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return false;
    const { client, clock } = struct.id;
    if (clock !== (next.get(client) ?? Y.getState(store, client))) return false;
    next.set(client, clock + struct.length);
    if (
      struct instanceof Y.Item &&
      !(
        known(struct.origin, struct.id) &&
        known(struct.rightOrigin, struct.id) &&
        (!(struct.parent instanceof Y.ID) || known(struct.parent, struct.id))
      )
    )
      return false;
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
