/**
 * Whether a decoded Yjs update would change a document, without applying it.
 *
 * Used for read-only connections: a client always answers the server's sync step 1 with a
 * step 2, which is empty or only repeats what the server has (the full delete set is always
 * included). Only an update that carries something new is an edit the client must be told
 * it may not make.
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
