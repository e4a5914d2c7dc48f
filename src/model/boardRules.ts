/**
 * The relay's per-entry check for the documents that committees of DIFFERENT kernen write:
 * the inspiratieplein (`plein/inspiratie`, inspiration.ts) and a joint project
 * (`samen/<id>`, samen.ts). There an entry belongs to a kern, not to a person (entryRules.ts
 * judges the boards where it belongs to a person). The update is tried on a scratch copy and
 * judged by what it does (updateTrial.ts); the same structural rules apply (only the board's
 * maps, no new top-level types, no list content, `entryLimits`, pending updates not judged).
 * "Own kern" is the writer's token kern; on the plein also a kern that shares its kernagenda
 * (Varik and Heesselt), whose committee writes for both.
 *
 * Inspiratieplein (a committee; the gemeente may write everything there and is not judged):
 * 1. A project (`projects`, a flat Y.Map of plain JSON values) may be added, or replace a
 *    project of its own kern (publishing a point again after it was taken off), when its
 *    `kern` is the writer's own kern and it has a `createdAt`. A project is never deleted.
 * 2. Inside a project of its own kern a committee writes any field but `createdAt`,
 *    `createdBy`, `sourceKern`, `sourcePoint`; `kern` stays its own; a removal is not undone.
 * 3. A take-over key '<projectId>:<kern>' is written only for its own kern, as
 *    { pointId, at, by }, and never deleted.
 *    Left to the model (refusing would lock out no one, it only guards an honest app's
 *    mistakes): the fields' Dutch validation, and that a kern takes over no project of its own.
 *
 * Joint project (a committee; `samenRoomWriters` says which kernen may write it now):
 * 4. The first write of an empty room starts the project: `meta.createdAt` set, `meta.kern`
 *    the writer's kern, and `kernen` holding that kern only.
 * 5. Later, the writer's kern must take part or be invited (before the update). It writes its
 *    own `kernen` key only (joining; never undone). Everything else needs its kern to take
 *    part after the update (so joining and then editing offline arrives as one update):
 *    - `meta`: title, description, updatedAt, updatedBy (kern and creation stay);
 *    - `invited`: a known kern, { at, by, from }, never taken back;
 *    - `tasks`, `orderLines`: shared entries, added under a new id or changed field by field
 *      by any kern that takes part (created* fixed, a removal not undone, a task's kern one
 *      that takes part), never replaced or deleted;
 *    - `contributions` '<kern>:<year>' and `quantities` '<lineId>:<kern>': its own kern's
 *      only, set to a valid value or deleted (0).
 *    Left to the model: that an order line's quantity names a live line (a line removed by
 *    another kern meanwhile is honest), and that an invited kern was not taking part yet.
 */
import type * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { everyKern, type Role } from './access';
import { checkPleinUpdate } from './pleinRules';
import { readSamen, samenWriters } from './samen';
import { checkSamenUpdate } from './samenRules';
import { refuse, type EntryVerdict } from './updateTrial';

export type KernBoardKind = 'plein' | 'samen';

export interface KernWriter {
  /** The token's subject (for logs). */
  id: string;
  role: Role;
  /** The token's kern: what the writer owns. */
  kern?: string;
}

/**
 * The kernen whose committees may write a joint project's document now: those taking part
 * and those invited; every kern while the room holds no project yet (its first write starts
 * one, rule 4).
 */
export function samenRoomWriters(doc: Y.Doc, config: GemeenteConfig): readonly string[] {
  const project = readSamen(doc, '');
  return project ? samenWriters(project) : everyKern(config)();
}

/** Whether `writer` may apply `update` to the plein or joint-project document `current`. */
export function checkBoardUpdate(
  current: Y.Doc,
  update: Uint8Array,
  writer: KernWriter,
  kind: KernBoardKind,
  config: GemeenteConfig,
): EntryVerdict {
  if (kind === 'plein' && writer?.role === 'gemeente') return { ok: true };
  if (writer?.role !== 'commissie') return refuse(`a ${String(writer?.role)} does not write here`);
  const kern = writer.kern;
  if (typeof kern !== 'string' || !config.kern(kern)) return refuse('the writer has no kern');
  if (kind === 'plein') return checkPleinUpdate(current, update, kern, config);
  if (kind === 'samen') return checkSamenUpdate(current, update, kern, config);
  return refuse(`unknown board kind ${String(kind)}`);
}
