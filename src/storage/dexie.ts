/** Dexie, loaded on first use of the device db (db.ts): this module is its chunk. */
export { Dexie, liveQuery } from 'dexie';
