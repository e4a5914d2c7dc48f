/**
 * Keeps rooms in the offline search index (src/sync/searchIndex.ts) for as long as a
 * component is mounted: the rooms are held open through the registry (shared with every
 * other user of the same room) and their entries rewritten as they change. One indexer per
 * device db, made on first use: every screen that indexes shares it, so a room shown on two
 * screens is indexed once.
 */
import { useEffect } from 'react';
import type { GemeenteConfig } from '../../config/gemeente';
import { agendaRoom, roomName } from '../../model/rooms';
import type { DeviceDb } from '../../storage/db';
import type { RoomRegistry } from '../../sync/registry';
import { openRoom } from '../../sync/room';
import {
  agendaTarget,
  createSearchIndexer,
  ideasTarget,
  pleinTarget,
  type SearchIndexer,
} from '../../sync/searchIndex';
import { useServices } from './useServices';

/** A room to index: the plein, a kern's kernagenda or a kern's ideas board. */
export type IndexedRoom =
  { kind: 'plein' } | { kind: 'agenda'; kern: string } | { kind: 'ideeen'; kern: string };

const indexers = new WeakMap<DeviceDb, SearchIndexer>();

function indexerFor(db: DeviceDb): SearchIndexer {
  let indexer = indexers.get(db);
  if (!indexer) {
    indexer = createSearchIndexer(db);
    indexers.set(db, indexer);
  }
  return indexer;
}

/** The rooms a kern's pages show: its kernagenda, its ideas board and the plein. */
export const kernRooms = (kern: string): IndexedRoom[] => [
  { kind: 'agenda', kern },
  { kind: 'ideeen', kern },
  { kind: 'plein' },
];

function keep(
  spec: IndexedRoom,
  {
    config,
    registry,
    indexer,
  }: { config: GemeenteConfig; registry: RoomRegistry; indexer: SearchIndexer },
): (() => void)[] {
  const held: (() => void)[] = [];
  const hold = (name: string) => {
    held.push(registry.retain(name));
    return registry.get(name);
  };
  if (spec.kind === 'plein') {
    const room = hold(roomName({ kind: 'inspiratie' }));
    held.push(indexer.keep(pleinTarget(room.doc, room.ready)));
  } else if (spec.kind === 'agenda') {
    const room = hold(agendaRoom(config, spec.kern));
    held.push(indexer.keep(agendaTarget(config.agendaSlug(spec.kern), room.doc, room.ready)));
  } else {
    const board = hold(roomName({ kind: 'ideeen', kern: spec.kern }));
    const agenda = hold(agendaRoom(config, spec.kern));
    const ready = Promise.all([board.ready, agenda.ready]);
    held.push(indexer.keep(ideasTarget(spec.kern, board.doc, agenda.doc, ready)));
  }
  // Released in reverse: the index takes a pending change before the rooms may close.
  return held.reverse();
}

/** Indexes `rooms` while mounted and `enabled` (e.g. once the room on screen has loaded). */
export function useSearchIndexing(rooms: readonly IndexedRoom[], enabled = true): void {
  const { config, db, registry } = useServices();
  registry.supplyRooms(openRoom);
  const key = enabled ? JSON.stringify(rooms) : '';
  useEffect(() => {
    if (!key) return;
    const indexer = indexerFor(db);
    const held = (JSON.parse(key) as IndexedRoom[]).map((spec) =>
      keep(spec, { config, registry, indexer }),
    );
    return () => held.reverse().forEach((release) => release.forEach((r) => r()));
  }, [key, config, db, registry]);
}
