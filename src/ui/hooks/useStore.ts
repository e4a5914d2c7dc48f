/** Subscribes a component to one of the app's small observable stores (sync status, access). */
import { useSyncExternalStore } from 'react';
import type { Store } from '../../sync/status';

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
