/**
 * `--demo`: fills the kernagenda of each pilot kern with example points, only when that
 * room has never been written, so a demo restart never duplicates or overwrites anything.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../src/config/gemeente';
import { agendaRoom } from '../src/model/rooms';
import type { RoomStore } from './store';

/** Seeds the empty pilot kernagenda rooms; returns the names of the kernen it seeded. */
export async function seedDemoRooms(
  store: RoomStore,
  config: GemeenteConfig,
  now: Date,
): Promise<string[]> {
  const { seedDemoAgenda } = await import('./demo');
  const seeded: string[] = [];
  for (const kern of config.kernen.filter((k) => k.pilot)) {
    const room = agendaRoom(config, kern.slug);
    if ((await store.load(room)).length > 0) continue;
    const doc = new Y.Doc();
    seedDemoAgenda(doc, config, kern.slug, now);
    store.append(room, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    seeded.push(kern.name);
  }
  return seeded;
}
