/** Forged Yjs updates: a real edit's items, changed, encoded again (changes.ts refuses them). */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** The items of `update` (one client's, no deletions), changed by `change`, encoded again. */
export function forge(update: Uint8Array, change: (items: Y.Item[]) => void): Uint8Array {
  const items = Y.decodeUpdate(update).structs as Y.Item[];
  change(items);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, items.length);
  encoder.writeClient(items[0]!.id.client);
  encoding.writeVarUint(encoder.restEncoder, items[0]!.id.clock);
  for (const item of items) item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions
  return encoder.toUint8Array();
}
