/** Subscribes a component to one of the app's small observable stores (sync status, access). */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import type { Store } from '../../sync/status';

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * The same for what may show a moment late (the header's sync status): its changes render as
 * a transition. A store read with `useStore` re-renders at once, and React then starts again
 * any page it was rendering; the sync status changes many times while a kern page opens its
 * rooms, and each change used to restart the page's first render (lazyPage.tsx).
 */
export function useStoreLater<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.getSnapshot);
  useEffect(() => {
    const update = () => startTransition(() => setValue(store.getSnapshot()));
    update(); // what changed between the render and this subscription
    return store.subscribe(update);
  }, [store]);
  return value;
}
