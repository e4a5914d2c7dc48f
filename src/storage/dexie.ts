/**
 * Dexie: the only module that imports it. db.ts loads it on first use of the device db, so
 * this module is a chunk of its own, after the first bundle.
 */
export { Dexie, liveQuery } from 'dexie';
export type { EntityTable } from 'dexie';
