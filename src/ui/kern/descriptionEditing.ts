/**
 * The pure parts of binding a <textarea> to a point's collaborative description
 * (DescriptionEditor.tsx), so they can be tested without a browser:
 * - `typedChange`: what the person just typed, as one delete + insert at the right place.
 *   The caret after the input decides where an ambiguous change happened (typing "a" in
 *   "aa" inserts where the caret is, not at the end), which matters when others type in
 *   the same text at the same time.
 * - `moveThrough`: where a caret goes when others' changes (a Y.Text delta) come in. A caret
 *   exactly where someone else inserts stays before their text, so two people typing at the
 *   same spot each keep their own words together instead of interleaving letters.
 * - `listEdit`: the changes of the "Opsomming" and "Genummerde lijst" buttons: a list marker at the
 *   start of each selected line, or off again when every line has it already.
 * Indices are UTF-16 offsets, as in both the textarea and Y.Text; no change splits a
 * surrogate pair (an emoji).
 */
import type { TextChange } from '../../model/description';
import { listItemOf } from './descriptionBlocks';

export type { TextChange };

/** One operation of a Y.Text delta (a text with embeds counts an embed as one). */
export interface DeltaOp {
  insert?: string | object;
  retain?: number;
  delete?: number;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The change that turns `before` into `after`, the caret being at `caret` in `after`; null
 * when nothing changed. The text after the caret is taken as untouched where it can be.
 */
export function typedChange(before: string, after: string, caret: number): TextChange | null {
  if (before === after) return null;
  const caretAt = Math.min(Math.max(caret, 0), after.length);
  let end = 0;
  const maxEnd = Math.min(before.length, after.length - caretAt);
  while (
    end < maxEnd &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  let start = 0;
  const maxStart = Math.min(before.length, after.length) - end;
  while (start < maxStart && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/**
 * Where `position` (in the text before the change) is in the text after it. `bias` says
 * what happens to a position exactly at an insert: 'before' stays before the new text
 * (a caret, the start of a selection is 'after'), 'after' moves past it.
 */
export function moveThrough(
  position: number,
  delta: readonly DeltaOp[],
  bias: 'before' | 'after' = 'before',
): number {
  let index = 0; // in the text before the change
  let moved = position;
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (op.delete !== undefined) {
      if (index < position) moved -= Math.min(op.delete, position - index);
      index += op.delete;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < position || (index === position && bias === 'after')) moved += length;
    }
  }
  return moved;
}

/** The delta of changes that do not overlap (any order). */
export function deltaOf(changes: readonly TextChange[]): DeltaOp[] {
  const delta: DeltaOp[] = [];
  let index = 0;
  for (const c of [...changes].sort((a, b) => a.index - b.index)) {
    if (c.index > index) delta.push({ retain: c.index - index });
    if (c.remove > 0) delta.push({ delete: c.remove });
    if (c.insert) delta.push({ insert: c.insert });
    index = c.index + c.remove;
  }
  return delta;
}

/** `text` with non-overlapping `changes` made. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const c of [...changes].sort((a, b) => b.index - a.index))
    result = result.slice(0, c.index) + c.insert + result.slice(c.index + c.remove);
  return result;
}

/** Where the line that holds `position` begins. */
const lineStart = (text: string, position: number) =>
  position <= 0 ? 0 : text.lastIndexOf('\n', position - 1) + 1;

export type ListKind = 'opsomming' | 'nummering';

export interface ListEdit {
  /** From the last line to the first, so each index is still right when it is made. */
  changes: TextChange[];
  /** The selection afterwards. */
  selection: [number, number];
}

/**
 * Makes the lines of the selection `start`..`end` items of a list of `kind` (a line that is
 * an item of the other kind changes kind), or plain lines again when all of them are items
 * of that kind already. Blank lines in a selection of several lines are left alone. A
 * numbered line gets the number after the numbered line just above it, or 1.
 */
export function listEdit(text: string, start: number, end: number, kind: ListKind): ListEdit {
  const ordered = kind === 'nummering';
  const lines: { at: number; line: string }[] = [];
  let at = lineStart(text, start);
  // A selection that ends at the very start of a line does not take that line along.
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  for (;;) {
    const next = text.indexOf('\n', at);
    const lineEnd = next === -1 ? text.length : next;
    lines.push({ at, line: text.slice(at, lineEnd) });
    if (next === -1 || next >= last) break;
    at = next + 1;
  }
  const chosen = lines.length === 1 ? lines : lines.filter((l) => l.line.trim() !== '');
  const isKind = (line: string) => listItemOf(line)?.ordered === ordered;
  const off = chosen.length > 0 && chosen.every((l) => isKind(l.line));

  let number = 1;
  const first = chosen[0]?.at ?? 0;
  if (ordered && first > 0) {
    const above = listItemOf(text.slice(lineStart(text, first - 1), first - 1));
    if (above?.ordered) number = above.number + 1;
  }
  const made: TextChange[] = [];
  for (const { at: index, line } of chosen) {
    const remove = listItemOf(line)?.textStart ?? 0;
    const insert = off ? '' : ordered ? `${number++}. ` : '- ';
    if (line.slice(0, remove) !== insert) made.push({ index, remove, insert });
  }
  const delta = deltaOf(made);
  // A caret goes past a new marker; a selection takes the markers of its lines in.
  const selection: [number, number] = [
    moveThrough(start, delta, start === end ? 'after' : 'before'),
    moveThrough(end, delta, 'after'),
  ];
  return { changes: made.reverse(), selection };
}
