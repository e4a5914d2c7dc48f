/**
 * The one hook between React and Yjs: a plain snapshot of a doc, read by a model `read*`
 * function, re-read only after the doc changed (cached per update, so React gets the same
 * object between updates). Components never see Y types.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { onDocChange } from '../../sync/docChanges';

interface View<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

function createView<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): View<T> {
  let stale = true;
  let value: T;
  return {
    subscribe(onChange) {
      const handler = () => {
        stale = true;
        onChange();
      };
      const stop = onDocChange(doc, handler);
      // A change between render and subscribe had no listener: read again to be sure.
      stale = true;
      return stop;
    },
    getSnapshot() {
      if (stale) {
        value = read(doc);
        stale = false;
      }
      return value;
    },
  };
}

export function useView<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const view = useMemo(() => createView(doc, read), [doc, read]);
  return useSyncExternalStore(view.subscribe, view.getSnapshot);
}
