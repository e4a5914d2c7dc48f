/**
 * Undo and redo of this person's own edits to one kernagenda (model/undo.ts), with
 * Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac; Ctrl+Y too) while focus is not in a text field,
 * where the browser's own undo of the typing wins.
 *
 * `editOrigin(doc)` is the transaction origin of every write this page makes to `doc`: one
 * value per document for as long as the document is open, so the undo history follows only
 * edits made here, never the ones that came in from others. The history lives as long as the
 * document (Y.UndoManager ends itself when the doc is destroyed), so it survives leaving
 * the page and coming back while the room is still open.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createUndo, type Undo } from '../../model/undo';
import { useServices } from '../hooks/useServices';

const origins = new WeakMap<Y.Doc, object>();
const histories = new WeakMap<Y.Doc, Undo>();

export function editOrigin(doc: Y.Doc): object {
  let origin = origins.get(doc);
  if (!origin) {
    origin = { kernpagina: true };
    origins.set(doc, origin);
  }
  return origin;
}

function historyOf(doc: Y.Doc): Undo {
  let undo = histories.get(doc);
  if (!undo) {
    undo = createUndo(doc, editOrigin(doc));
    histories.set(doc, undo);
  }
  return undo;
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
 * The undo controls of `doc` for `actor` (null for someone who may not edit: no controls).
 * `onStep` hears what a shortcut or button did, for a status message.
 */
export function useUndo(
  doc: Y.Doc,
  actor: string | null,
  onStep: (kind: 'undo' | 'redo', changed: boolean) => void,
): UndoControls | null {
  const { now } = useServices();
  const undo = actor !== null ? historyOf(doc) : null;

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
