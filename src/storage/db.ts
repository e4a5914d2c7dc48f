/**
 * What this device keeps besides the Yjs documents: the only module that imports Dexie.
 *
 * Owns: the schema (versioned; add `db.version(N + 1).stores({...})` with the new table and
 * keep the versions before it as they are), small typed functions over it, and `watch`
 * (Dexie's liveQuery) so the UI can react without importing Dexie. Invariants: one row per
 * followed kern, per token string, per visited kern and per room's screen; times are ISO
 * strings; a token is stored only when its payload reads as Kernplein claims (the relay
 * verifies the signature, not this device).
 *
 * A screen (`screens`) is a copy of what a room's page last showed, in the shape its
 * `format` names, so the page can show it while the room's document still loads from
 * IndexedDB; the document stays the truth, and a screen of another format is not read.
 *
 * Read state (`reads`, version 3) is per device: one row per gemeente notice this device has
 * shown (in Berichten or on a kern page), with the first time it was shown. A notice without
 * a row counts as unread; rows are never needed back, so they are only ever added.
 *
 * The offline search index (`search`, version 4) holds one SearchEntry (src/search/index.ts)
 * per project, kernagendapunt or idea this device has read, with a multiEntry index on its
 * terms. It is derived from the documents (src/sync/searchIndex.ts rewrites a room's
 * entries when that room changes), so it may always be rebuilt; a query never opens a room.
 */
import { Dexie, liveQuery, type EntityTable } from 'dexie';
import type { Role } from '../model/access';
import { diffEntries, type SearchEntry } from '../search/index';
import { readTokenClaims } from './accessCode';

export interface FollowRow {
  kern: string;
  since: string;
}
export interface TokenRow {
  token: string;
  /** The holder's id (the token's subject). */
  id: string;
  role: Role;
  name: string;
  kern?: string;
  expiresAt: string | null;
  addedAt: string;
}
export interface VisitRow {
  kern: string;
  lastVisitedAt: string;
}

export interface ScreenRow {
  room: string;
  /** Names the shape of `value` (and its version), e.g. `kernagenda/1`. */
  format: string;
  value: unknown;
  savedAt: string;
}

/** A gemeente notice this device has shown. */
export interface ReadRow {
  /** The notice's id. */
  id: string;
  readAt: string;
}

export type DeviceDb = Dexie & {
  follows: EntityTable<FollowRow, 'kern'>;
  tokens: EntityTable<TokenRow, 'token'>;
  visits: EntityTable<VisitRow, 'kern'>;
  screens: EntityTable<ScreenRow, 'room'>;
  reads: EntityTable<ReadRow, 'id'>;
  search: EntityTable<SearchEntry, 'key'>;
};

/** Opens (lazily, on first use) the device database. Call once, in the composition root. */
export function openDeviceDb(name = 'kernplein'): DeviceDb {
  const db = new Dexie(name) as DeviceDb;
  db.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
  db.version(2).stores({ screens: 'room' });
  db.version(3).stores({ reads: 'id' });
  db.version(4).stores({ search: 'key, source, kind, kern, *terms' });
  return db;
}

export async function follow(db: DeviceDb, kern: string, now: string): Promise<void> {
  await db.transaction('rw', db.follows, async () => {
    if (!(await db.follows.get(kern))) await db.follows.put({ kern, since: now });
  });
}

export async function unfollow(db: DeviceDb, kern: string): Promise<void> {
  await db.follows.delete(kern);
}

export function listFollows(db: DeviceDb): Promise<FollowRow[]> {
  return db.follows.orderBy('kern').toArray();
}

export class TokenRefused extends Error {
  constructor() {
    super('Not a Kernplein token');
    this.name = 'TokenRefused';
  }
}

/** Stores a token (replacing the same token). Throws TokenRefused when it reads as no token. */
export async function addToken(db: DeviceDb, token: string, now: string): Promise<TokenRow> {
  const claims = readTokenClaims(token);
  if (!claims) throw new TokenRefused();
  const row: TokenRow = {
    token,
    id: claims.id,
    role: claims.role,
    name: claims.name,
    ...(claims.kern ? { kern: claims.kern } : {}),
    expiresAt: claims.expiresAt,
    addedAt: now,
  };
  await db.tokens.put(row);
  return row;
}

export async function removeToken(db: DeviceDb, token: string): Promise<void> {
  await db.tokens.delete(token);
}

/** Tokens, newest first (a newer code for the same role wins when choosing). */
export async function listTokens(db: DeviceDb): Promise<TokenRow[]> {
  const rows = await db.tokens.toArray();
  return rows.sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0));
}

export async function recordVisit(db: DeviceDb, kern: string, now: string): Promise<void> {
  await db.visits.put({ kern, lastVisitedAt: now });
}

export function listVisits(db: DeviceDb): Promise<VisitRow[]> {
  return db.visits.toArray();
}

export async function saveScreen(
  db: DeviceDb,
  room: string,
  format: string,
  value: unknown,
  now: string,
): Promise<void> {
  await db.screens.put({ room, format, value, savedAt: now });
}

/** The room's last screen in `format`, or null (none, or saved in another format). */
export async function readScreen(db: DeviceDb, room: string, format: string): Promise<unknown> {
  const row = await db.screens.get(room);
  return row?.format === format ? row.value : null;
}

/** Marks notices as shown on this device; ones already read keep their first time. */
export async function markRead(db: DeviceDb, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', db.reads, async () => {
    const known = await db.reads.bulkGet([...ids]);
    const rows = [...new Set(ids)]
      .filter((id) => !known[ids.indexOf(id)])
      .map((id) => ({ id, readAt: now }));
    if (rows.length > 0) await db.reads.bulkPut(rows);
  });
}

/** The ids of every notice this device has shown. */
export async function listReads(db: DeviceDb): Promise<string[]> {
  return (await db.reads.toCollection().primaryKeys()) as string[];
}

/** The search entries stored for one room (`source`). */
export function searchEntriesOf(db: DeviceDb, source: string): Promise<SearchEntry[]> {
  return db.search.where('source').equals(source).toArray();
}

/**
 * Makes the stored entries of `source` equal to `fresh`, writing only the difference
 * (diffEntries) in one transaction. Returns how many entries were written and removed.
 */
export async function replaceSearchEntries(
  db: DeviceDb,
  source: string,
  fresh: readonly SearchEntry[],
): Promise<{ put: number; removed: number }> {
  return db.transaction('rw', db.search, async () => {
    const { put, remove } = diffEntries(await searchEntriesOf(db, source), fresh);
    if (put.length > 0) await db.search.bulkPut(put);
    if (remove.length > 0) await db.search.bulkDelete(remove);
    return { put: put.length, removed: remove.length };
  });
}

/**
 * The entries with, for every query word, a term that starts with one of its forms
 * (`queryWords` of src/search/index.ts): candidates, still to be ranked with `query`.
 */
export async function findSearchEntries(
  db: DeviceDb,
  words: readonly (readonly string[])[],
): Promise<SearchEntry[]> {
  if (words.length === 0) return [];
  return db.transaction('r', db.search, async () => {
    let keys: string[] = [];
    for (const [i, forms] of words.entries()) {
      const found = new Set(
        (await db.search
          .where('terms')
          .startsWithAnyOf([...forms])
          .primaryKeys()) as string[],
      );
      keys = i === 0 ? [...found] : keys.filter((key) => found.has(key));
      if (keys.length === 0) return [];
    }
    const rows = await db.search.bulkGet(keys);
    return rows.filter((row): row is SearchEntry => row !== undefined);
  });
}

/**
 * Runs `query` now and again whenever the tables it read change (in this tab or another).
 * Returns the unsubscribe function.
 */
export function watch<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void = (error) =>
    console.error('Device storage query failed', error),
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}

/** Asks the browser to keep this site's storage (once the user commits to the app). */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
