/**
 * What this device keeps (followed kernen, tokens), as live React values: every change in
 * the device db (in this tab or another) re-renders the components that use it.
 * `undefined` while the first read is in flight.
 *
 * One live query per table and device db, shared by every component that asks (the home
 * page has a follow button per kern): each Dexie live query is its own transaction on every
 * change, and thirty of them were a long task on a phone. The query starts with its first
 * subscriber and stops with its last; the last value is kept for the next one. On a device
 * without the database (a first visit) both are empty at once, without loading Dexie.
 */
import { useSyncExternalStore } from 'react';
import {
  listFollows,
  listTokens,
  watch,
  type DeviceDb,
  type FollowRow,
  type TokenRow,
} from '../../storage/db';
import { useServices } from './useServices';

interface Shared<T> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => T | undefined;
}

function shared<T>(db: DeviceDb, query: () => Promise<T>, empty: T): Shared<T> {
  const listeners = new Set<() => void>();
  let value: T | undefined;
  let stop: (() => void) | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= watch(
        db,
        query,
        (next) => {
          value = next;
          for (const l of listeners) l();
        },
        { empty },
      );
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
    getSnapshot: () => value,
  };
}

interface DeviceQueries {
  follows: Shared<FollowRow[]>;
  tokens: Shared<TokenRow[]>;
}

const queries = new WeakMap<DeviceDb, DeviceQueries>();

function queriesOf(db: DeviceDb): DeviceQueries {
  let found = queries.get(db);
  if (!found) {
    found = {
      follows: shared(db, () => listFollows(db), []),
      tokens: shared(db, () => listTokens(db), []),
    };
    queries.set(db, found);
  }
  return found;
}

function useShared<T>(pick: (q: DeviceQueries) => Shared<T>): T | undefined {
  const { db } = useServices();
  const query = pick(queriesOf(db));
  return useSyncExternalStore(query.subscribe, query.getSnapshot);
}

export const useFollows = (): readonly FollowRow[] | undefined => useShared((q) => q.follows);

export const useTokens = (): readonly TokenRow[] | undefined => useShared((q) => q.tokens);
