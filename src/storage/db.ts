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
 */
import { Dexie, liveQuery, type EntityTable } from 'dexie';
import type { Role } from '../model/access';
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

export type DeviceDb = Dexie & {
  follows: EntityTable<FollowRow, 'kern'>;
  tokens: EntityTable<TokenRow, 'token'>;
  visits: EntityTable<VisitRow, 'kern'>;
  screens: EntityTable<ScreenRow, 'room'>;
};

/** Opens (lazily, on first use) the device database. Call once, in the composition root. */
export function openDeviceDb(name = 'kernplein'): DeviceDb {
  const db = new Dexie(name) as DeviceDb;
  db.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
  db.version(2).stores({ screens: 'room' });
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
