/**
 * Trying one writer's Yjs update on a scratch copy of a shared document, to judge what it
 * DOES rather than what it claims (client ids and clocks in an update can be forged). The
 * relay's per-entry checks are built on it: entryRules.ts (ideas board, questions: entries
 * owned by a person) and boardRules.ts (inspiratieplein, joint projects: entries owned by a
 * kern).
 *
 * How: the update is applied to a copy of `current`, and every map key the transaction
 * touched (Yjs records each in `transaction.changed`: a new value, an overwritten or deleted
 * one, a value that lost against a concurrent one, a deletion from the delete set alike) is
 * traced to its top-level map and entry. The judge gets the document after the update and
 * the touched keys; what it needs from before it takes from the copy first (`snapshot`).
 * Nothing happens to `current`.
 *
 * Refused here, before any judge: an update that does not decode or apply, that has more
 * structs or touches more keys than the limits, that creates a top-level type the layout does
 * not name, that writes list content into a map, or that writes inside a value that is not
 * an entry (a flat Y.Map directly under one of the layout's entry maps). An update that waits
 * for content the document lacks (structs that wait for missing ones, deletions of items it
 * does not have) is not judged: `pending`, maybe honest (another device got ahead).
 *
 * Also here: the small checks judges apply to the values they find (plain values, records
 * with exactly the known fields, display names, texts within a limit).
 */
import * as Y from 'yjs';

/**
 * `pending` marks an update that waits for content the relay lacks: not applied, but maybe
 * honest (another tab of the same person got ahead), so the relay may drop it without closing
 * the connection; the client sends it again in its next sync.
 */
export type EntryVerdict = { ok: true } | { ok: false; reason: string; pending?: true };

export const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export interface TrialLayout {
  /** Every top-level map of the document (the update may write only these). */
  maps: readonly string[];
  /** The maps among them whose values are entries: flat Y.Maps written field by field. */
  entries: readonly string[];
  limits: { structs: number; entries: number };
}

export interface Trial {
  /** The document after the update (a scratch copy, destroyed once the judge returns). */
  after: Y.Doc;
  /** Per map: the top-level keys the update set, overwrote or deleted. */
  keys: Map<string, Set<string>>;
  /**
   * Per entry map, per entry key: the fields written inside an entry that existed before
   * (null: list content, which no entry may hold). Fields of a new entry are not listed.
   */
  fields: Map<string, Map<string, Set<string | null>>>;
}

/** A copy of `current` with the layout's maps defined, without what `current` keeps pending. */
function scratchCopy(current: Y.Doc, names: readonly string[]): Y.Doc {
  const scratch = new Y.Doc();
  for (const name of names) scratch.getMap(name);
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
  // Content `current` could not place yet was never checked; leave it out of the judgement.
  scratch.store.pendingStructs = null;
  scratch.store.pendingDs = null;
  return scratch;
}

/**
 * Applies `update` to a copy of `current` and asks `judge` about the result (see the header).
 * `snapshot` reads what the judge needs from the document before the update.
 */
export function tryUpdate<B>(
  current: Y.Doc,
  update: Uint8Array,
  layout: TrialLayout,
  snapshot: (before: Y.Doc) => B,
  judge: (trial: Trial, before: B) => EntryVerdict,
): EntryVerdict {
  let structs: number;
  try {
    structs = Y.decodeUpdate(update).structs.length;
  } catch {
    return refuse('the update cannot be decoded');
  }
  if (structs > layout.limits.structs)
    return refuse(`the update has ${structs} structs (at most ${layout.limits.structs})`);

  const scratch = scratchCopy(current, layout.maps);
  try {
    const before = snapshot(scratch);
    const typesBefore = new Set(scratch.share.keys());
    const touched: Y.Transaction['changed'] = new Map();
    const collect = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        const set = touched.get(type) ?? new Set();
        for (const key of keys) set.add(key);
        touched.set(type, set);
      }
    };
    scratch.on('afterTransaction', collect);
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      return refuse('the update cannot be applied');
    } finally {
      scratch.off('afterTransaction', collect);
    }
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null)
      return {
        ok: false,
        reason: 'the update depends on content the document does not have',
        pending: true,
      };
    for (const name of scratch.share.keys())
      if (!typesBefore.has(name)) return refuse(`the update creates top-level type "${name}"`);
    const trial = classify(scratch, touched, layout);
    return 'after' in trial ? judge(trial, before) : trial;
  } finally {
    scratch.destroy();
  }
}

/** The touched keys by map and entry, or a refusal for a write outside the layout. */
function classify(
  after: Y.Doc,
  touched: Y.Transaction['changed'],
  layout: TrialLayout,
): Trial | { ok: false; reason: string } {
  const nameOf = new Map<unknown, string>();
  for (const [name, type] of after.share) nameOf.set(type, name);
  const keys = new Map<string, Set<string>>();
  const fields = new Map<string, Map<string, Set<string | null>>>();
  for (const [type, subs] of touched) {
    const item = type._item;
    const name = nameOf.get(item === null ? type : item.parent);
    if (name === undefined || !layout.maps.includes(name))
      return refuse(`the update writes outside the board's maps`);
    if (item === null) {
      for (const sub of subs) {
        if (sub === null) return refuse(`the update inserts list content into "${name}"`);
        keys.set(name, (keys.get(name) ?? new Set()).add(sub));
      }
    } else {
      if (!layout.entries.includes(name) || item.parentSub === null)
        return refuse(`the update writes inside a value of "${name}" that is no entry`);
      const byEntry = fields.get(name) ?? new Map<string, Set<string | null>>();
      const set = byEntry.get(item.parentSub) ?? new Set();
      for (const sub of subs) set.add(sub);
      byEntry.set(item.parentSub, set);
      fields.set(name, byEntry);
    }
  }
  let count = 0;
  for (const set of keys.values()) count += set.size;
  for (const byEntry of fields.values()) count += byEntry.size;
  if (count > layout.limits.entries)
    return refuse(`the update touches ${count} entries (at most ${layout.limits.entries})`);
  return { after, keys, fields };
}

/** The plain fields of an entry map, or a reason when one is not a plain value. */
export function plainFields(map: Y.Map<unknown>): Record<string, unknown> | string {
  if (map._start !== null) return 'list content inside an entry';
  const fields: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) {
    if (!['string', 'number', 'boolean'].includes(typeof value))
      return `field "${key}" is not a plain value`;
    fields[key] = value;
  }
  return fields;
}

// The checks judges apply to the values they find.

/** A display name as the model stores it (`EditContext.actor`). */
export const isActor = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && value.length <= 200;
export const isText = (value: unknown, max: number, required: boolean) =>
  typeof value === 'string' && value.length <= max && (!required || value.trim() !== '');
export const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
    ? (value as Record<string, unknown>)
    : null;

/** JSON-like: what the model stores as a plain value (lists of plain records included). */
export function isPlain(value: unknown, depth = 0): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (depth > 3) return false;
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  const r = record(value);
  return r !== null && Object.values(r).every((v) => isPlain(v, depth + 1));
}

/** Why `values` are not exactly `fields`, each passing its check (absent ones read as undefined). */
export function fieldsProblem(
  values: Record<string, unknown>,
  fields: Record<string, (v: unknown) => boolean>,
): string | null {
  for (const key of Object.keys(values)) if (!(key in fields)) return `unknown field ${key}`;
  for (const [key, valid] of Object.entries(fields))
    if (!valid(values[key])) return `field "${key}" is not valid`;
  return null;
}

/** Why a plain record stored under a key is not what the model writes, or null. */
export function recordProblem(
  value: unknown,
  fields: Record<string, (v: unknown) => boolean>,
): string | null {
  const r = record(value);
  return r ? fieldsProblem(r, fields) : 'the value must be a plain record';
}

/** The fields of a new entry (flat map of plain values) that pass `check`, or why not. */
export function newEntry(value: unknown, check: (f: Record<string, unknown>) => string | null) {
  if (!(value instanceof Y.Map)) return 'a new entry must be a map';
  const fields = plainFields(value);
  return typeof fields === 'string' ? fields : check(fields);
}
