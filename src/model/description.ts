/**
 * A point's description as collaborative text.
 *
 * New points store `description` as a Y.Text, so two people typing in one description at
 * once both keep their keystrokes. Documents from before kept a plain string there; it
 * still reads, and turns into a Y.Text on its first edit through the model (two devices
 * converting the same legacy string offline keep one of the two texts: the map's rule).
 * A form that sends the whole new text is turned into the smallest change: keep the common
 * start and end, delete what lies between, insert the new middle (never splitting a
 * UTF-16 surrogate pair, so emoji survive the update encoding).
 */
import * as Y from 'yjs';
import { isDeleted, type PointMap } from './point';
import { pointsOf } from './agendaDoc';

export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The one delete + insert that turns `from` into `to`, or null when they are equal. */
export function textChange(from: string, to: string): TextChange | null {
  if (from === to) return null;
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  if (start > 0 && isHigh(from.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
  )
    end++;
  if (end > 0 && isLow(from.charCodeAt(from.length - end))) end--;
  return {
    index: start,
    remove: from.length - start - end,
    insert: to.slice(start, to.length - end),
  };
}

/** Writes `value` into a point's description; call inside the write's transaction. */
export function writeDescription(map: PointMap, value: string): void {
  const stored = map.get('description');
  if (!(stored instanceof Y.Text)) {
    map.set('description', new Y.Text(value));
    return;
  }
  const change = textChange(stored.toString(), value);
  if (!change) return;
  if (change.remove > 0) stored.delete(change.index, change.remove);
  if (change.insert) stored.insert(change.index, change.insert);
}

/**
 * The live Y.Text of a point's description, for an editor binding; null for an unknown or
 * deleted point, or one whose description is still a legacy string (any edit through
 * `updatePoint` converts it). This is the one place where the UI gets a Y type: it may bind
 * an editor to it, and reads everything else through snapshots. Edits made directly on it
 * skip the model's validation and history: the binding calls `noteDescriptionEdit`
 * (activity.ts) once per editing session so the history and `updatedAt` say who changed it.
 */
export function descriptionText(doc: Y.Doc, id: string): Y.Text | null {
  const map = pointsOf(doc).get(id);
  if (!(map instanceof Y.Map) || isDeleted(map as PointMap)) return null;
  const text = map.get('description');
  return text instanceof Y.Text ? text : null;
}
