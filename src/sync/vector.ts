/**
 * State vectors as plain maps (client id -> clock), to tell whether the server is known to
 * have everything this device has. Pure functions; no network, no storage.
 */
import * as Y from 'yjs';

export type Vector = ReadonlyMap<number, number>;

export const emptyVector: Vector = new Map();

export function vectorOfDoc(doc: Y.Doc): Vector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/**
 * The clocks an update reaches per client. Not `encodeStateVectorFromUpdate`: that one drops
 * every client whose structs do not start at clock 0, which is every incremental update.
 * A relay only sends what its doc integrated, and integration needs all earlier clocks.
 */
export function vectorOfUpdate(update: Uint8Array): Vector {
  return Y.parseUpdateMeta(update).to;
}

/** The larger clock per client of both vectors. */
export function mergeVectors(a: Vector, b: Vector): Vector {
  const out = new Map(a);
  for (const [client, clock] of b) if ((out.get(client) ?? 0) < clock) out.set(client, clock);
  return out;
}

/** True when `local` has something that `known` lacks. */
export function hasUnknown(local: Vector, known: Vector): boolean {
  for (const [client, clock] of local) if (clock > (known.get(client) ?? 0)) return true;
  return false;
}

/** JSON pairs: small and version-proof (Yjs has no encoder for a bare map). */
export function encodeVector(vector: Vector): string {
  return JSON.stringify([...vector]);
}

/** The vector `encodeVector` wrote; empty for anything else. */
export function decodeVector(text: unknown): Vector {
  if (typeof text !== 'string') return emptyVector;
  try {
    const pairs: unknown = JSON.parse(text);
    if (!Array.isArray(pairs)) return emptyVector;
    const out = new Map<number, number>();
    for (const pair of pairs)
      if (
        Array.isArray(pair) &&
        Number.isSafeInteger(pair[0]) &&
        Number.isSafeInteger(pair[1]) &&
        pair[1] >= 0
      )
        out.set(pair[0], pair[1]);
    return out;
  } catch {
    return emptyVector;
  }
}
