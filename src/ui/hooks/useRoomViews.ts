/**
 * Several rooms at once, for screens that show a list of documents (the kern page's joint
 * projects, the gemeente's overview of every kernagenda): the rooms named are held open
 * through the registry (shared with every other user of the same room) while mounted, and
 * each document is read by a model `read*` function into a plain snapshot, re-read only after
 * that document changed; each room's sync status comes along, so a list can say per room
 * whether it is still loading. The many-documents counterpart of useView: components get
 * plain data, never Y types.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { onDocChange } from '../../sync/docChanges';
import { openRoom, type Room } from '../../sync/room';
import type { SyncSnapshot } from '../../sync/status';
import { useServices } from './useServices';

export interface RoomView<T> {
  name: string;
  value: T;
  status: SyncSnapshot;
  /** The content is known: loaded and in sync once (now or before), or offline with this copy. */
  known: boolean;
}

/** Whether a room's content is known (see RoomView.known). */
export const contentKnown = (status: SyncSnapshot): boolean =>
  status.localLoaded && (status.synced || status.lastSyncedAt !== null || !status.online);

interface Views<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): readonly RoomView<T>[];
}

function createViews<T>(rooms: readonly Room[], read: (doc: Y.Doc, name: string) => T): Views<T> {
  const cache = rooms.map(() => ({ stale: true, value: undefined as T }));
  let snapshot: readonly RoomView<T>[] | null = null;
  return {
    subscribe(onChange) {
      const stops = rooms.map((room, i) => {
        const changed = () => {
          cache[i]!.stale = true;
          snapshot = null;
          onChange();
        };
        const moved = () => {
          snapshot = null;
          onChange();
        };
        const stopDoc = onDocChange(room.doc, changed);
        const stopStatus = room.status.subscribe(moved);
        return () => {
          stopDoc();
          stopStatus();
        };
      });
      // A change between render and subscribe had no listener: read again to be sure.
      for (const entry of cache) entry.stale = true;
      snapshot = null;
      return () => stops.forEach((stop) => stop());
    },
    getSnapshot() {
      snapshot ??= Object.freeze(
        rooms.map((room, i) => {
          const entry = cache[i]!;
          if (entry.stale) {
            entry.value = read(room.doc, room.name);
            entry.stale = false;
          }
          const status = room.status.getSnapshot();
          return { name: room.name, value: entry.value, status, known: contentKnown(status) };
        }),
      );
      return snapshot;
    },
  };
}

/** The rooms `names`, each read with `read` (keep `read` stable, e.g. with useCallback). */
export function useRoomViews<T>(
  names: readonly string[],
  read: (doc: Y.Doc, name: string) => T,
): readonly RoomView<T>[] {
  const { registry } = useServices();
  // Rooms, and with them Yjs, come with the screens that use this hook (see registry.ts).
  registry.supplyRooms(openRoom);
  const key = names.join('\n');
  useEffect(() => {
    const releases = key ? key.split('\n').map((name) => registry.retain(name)) : [];
    return () => releases.forEach((release) => release());
  }, [registry, key]);
  const views = useMemo(
    () => createViews(key ? key.split('\n').map((name) => registry.get(name)) : [], read),
    [registry, key, read],
  );
  return useSyncExternalStore(views.subscribe, views.getSnapshot);
}
