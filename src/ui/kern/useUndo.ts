/**
 * Undo and redo of this person's own edits to one kernagenda (model/undo.ts), with
 * Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac; Ctrl+Y too) while focus is not in a text field,
 * where the browser's own undo of the typing wins.
 *
 * The undo history and the edit origin belong to the person AND the document: they are
 * keyed by the writer's id (the id in the token this device writes the room with, see
 * `useWriterId`), not by the display name (two members may share one) nor by the document
 * alone. `editOrigin(doc, writer)` is the transaction origin of every write this page makes
 * to `doc` for that person, so their history follows only their own edits here, never the
 * ones that came in from others nor those another person made on this same device: on the
 * dorpshuis laptop, when Anna forgets her code and Bram enters his, Bram starts with an
 * empty history and cannot undo Anna's edits. A history lives as long as the document
 * (Y.UndoManager ends itself when the doc is destroyed), so it survives leaving the page
 * and coming back while the room is still open, and returns if the same code comes back.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createUndo, type Undo } from '../../model/undo';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';

interface Person {
  origin: object;
  history?: Undo;
}

const people = new WeakMap<Y.Doc, Map<string, Person>>();

function personOf(doc: Y.Doc, writer: string): Person {
  let byWriter = people.get(doc);
  if (!byWriter) {
    byWriter = new Map();
    people.set(doc, byWriter);
  }
  let person = byWriter.get(writer);
  if (!person) {
    person = { origin: { kernpagina: true } };
    byWriter.set(writer, person);
  }
  return person;
}

/** The transaction origin of the writes `writer` (a token id) makes to `doc` on this page. */
export function editOrigin(doc: Y.Doc, writer: string): object {
  return personOf(doc, writer).origin;
}

/** Typing in a description within this many ms of the last keystroke is one undo step. */
const typingStep = 1_000;

function historyOf(doc: Y.Doc, writer: string): Undo {
  const person = personOf(doc, writer);
  person.history ??= createUndo(doc, person.origin, { typing: typingStep });
  return person.history;
}

/**
 * The id of whoever writes `room` on this device now (the token the room connects with,
 * the same one the display name comes from); null when nobody may write it here.
 */
export function useWriterId(room: Room): string | null {
  const { registry } = useServices();
  useStore(registry.access);
  return registry.writerFor(room.name)?.claims.id ?? null;
}

export interface UndoControls {
  canUndo: boolean;
  canRedo: boolean;
  /** True when something changed. */
  undo(): boolean;
  redo(): boolean;
}

const noSteps = () => () => undefined;
const textInputs =
  /^(text|search|email|url|tel|password|number|date|datetime-local|month|time|week)$/;

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && textInputs.test(target.type);
}

/**
 * The undo controls of `doc` for the person `writer` (their token id) who edits as `actor`
 * (the name the history log shows); either null for someone who may not edit: no controls.
 * `onStep` hears what a shortcut or button did, for a status message.
 */
export function useUndo(
  doc: Y.Doc,
  writer: string | null,
  actor: string | null,
  onStep: (kind: 'undo' | 'redo', changed: boolean) => void,
): UndoControls | null {
  const { now } = useServices();
  const undo = writer !== null && actor !== null ? historyOf(doc, writer) : null;

  const state = useSyncExternalStore(undo ? undo.onChange : noSteps, () =>
    undo ? `${undo.canUndo()}|${undo.canRedo()}` : 'false|false',
  );
  const step = useCallback(
    (kind: 'undo' | 'redo') => {
      if (!undo || !actor) return false;
      const log = { actor, now: now().toISOString() };
      const changed = kind === 'undo' ? undo.undo(log) : undo.redo(log);
      onStep(kind, changed);
      return changed;
    },
    [undo, actor, now, onStep],
  );

  useEffect(() => {
    if (!undo) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || inTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z') {
        event.preventDefault();
        step(event.shiftKey ? 'redo' : 'undo');
      } else if (key === 'y' && !event.shiftKey) {
        event.preventDefault();
        step('redo');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, step]);

  if (!undo) return null;
  const [canUndo, canRedo] = state.split('|').map((s) => s === 'true');
  return {
    canUndo: canUndo!,
    canRedo: canRedo!,
    undo: () => step('undo'),
    redo: () => step('redo'),
  };
}
