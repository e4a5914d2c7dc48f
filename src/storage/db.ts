/**
 * What this device keeps besides the Yjs documents: the only module that uses Dexie (loaded
 * on first use through ./dexie.ts).
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
import type { Dexie, EntityTable } from './dexie';
import type { Role } from '../model/access';
import { diffEntries, type SearchEntry } from '../search/index';
import { afterLoad, idle } from '../sync/schedule';
import { readTokenClaims } from './accessCode';
import { forgetPageSnapshots } from './pageSnapshot';

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

type Tables = Dexie & {
  follows: EntityTable<FollowRow, 'kern'>;
  tokens: EntityTable<TokenRow, 'token'>;
  visits: EntityTable<VisitRow, 'kern'>;
  screens: EntityTable<ScreenRow, 'room'>;
  reads: EntityTable<ReadRow, 'id'>;
  search: EntityTable<SearchEntry, 'key'>;
};

/**
 * The device database. Dexie itself (a third of the first bundle) is fetched on first use,
 * after the first screen has started: `tables()` loads it and opens the database once;
 * `loaded` is the opened database from then on, and `whenLoaded` resolves then (without
 * loading it). `exists` says whether the database is on this device at all, without Dexie:
 * on a first visit nothing is stored, so a page can show what it reads as empty and leave
 * Dexie until something is written.
 */
export interface DeviceDb {
  readonly name: string;
  readonly loaded: Tables | null;
  tables(): Promise<Tables>;
  whenLoaded(): Promise<Tables>;
  exists(): Promise<boolean>;
  /**
   * For work that can wait (keeping a screen, the search index, the last visit): resolves
   * when the browser is idle, and, while Dexie is not loaded yet, not before the page has
   * settled (`settleMs` after it loaded): on a first visit, loading Dexie and creating the
   * database would otherwise be long tasks while the page is still starting.
   */
  background(): Promise<void>;
}

const settleMs = 5_000;

/** Creates the handle of the device database. Call once, in the composition root. */
export function openDeviceDb(name = 'kernplein'): DeviceDb {
  let loaded: Tables | null = null;
  let opening: Promise<Tables> | null = null;
  let announce: (tables: Tables) => void = () => undefined;
  const whenLoaded = new Promise<Tables>((resolve) => (announce = resolve));
  let existing: Promise<boolean> | null = null;
  let pageSettled: Promise<void> | null = null;
  return {
    name,
    get loaded() {
      return loaded;
    },
    tables() {
      opening ??= import('./dexie').then(({ Dexie }) => {
        const db = new Dexie(name) as Tables;
        db.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
        db.version(2).stores({ screens: 'room' });
        db.version(3).stores({ reads: 'id' });
        db.version(4).stores({ search: 'key, source, kind, kern, *terms' });
        announce(db);
        return (loaded = db);
      });
      return opening;
    },
    whenLoaded: () => whenLoaded,
    async background() {
      if (!loaded) await Promise.race([whenLoaded, (pageSettled ??= afterLoad(settleMs))]);
      await idle(2_000);
    },
    exists() {
      // Without `indexedDB.databases()` it may exist: load it to see.
      existing ??= (async () => {
        if (loaded || typeof indexedDB?.databases !== 'function') return true;
        return (await indexedDB.databases()).some((info) => info.name === name);
      })().catch(() => true);
      return existing;
    },
  };
}

/**
 * Runs `fn` on the tables: at once when Dexie is loaded (a live query, `watch`, tracks what
 * its query reads only when the query reaches Dexie without awaiting anything else first),
 * else once it is.
 */
const using = <T>(db: DeviceDb, fn: (t: Tables) => Promise<T>): Promise<T> =>
  db.loaded ? fn(db.loaded) : db.tables().then(fn);

export function follow(db: DeviceDb, kern: string, now: string): Promise<void> {
  return using(db, (t) =>
    t.transaction('rw', t.follows, async () => {
      if (!(await t.follows.get(kern))) await t.follows.put({ kern, since: now });
    }),
  );
}

export function unfollow(db: DeviceDb, kern: string): Promise<void> {
  return using(db, (t) => t.follows.delete(kern));
}

export function listFollows(db: DeviceDb): Promise<FollowRow[]> {
  return using(db, (t) => t.follows.orderBy('kern').toArray());
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
  await using(db, (t) => t.tokens.put(row));
  return row;
}

/** Forgets a code, and the copies of pages this device kept (they may show what it allowed). */
export async function removeToken(db: DeviceDb, token: string): Promise<void> {
  await Promise.all([using(db, (t) => t.tokens.delete(token)), forgetPageSnapshots()]);
}

/** Tokens, newest first (a newer code for the same role wins when choosing). */
export function listTokens(db: DeviceDb): Promise<TokenRow[]> {
  return using(db, async (t) => {
    const rows = await t.tokens.toArray();
    return rows.sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0));
  });
}

/**
 * Hints: facts about the database kept beside it in localStorage, readable at once, before
 * Dexie has loaded, so a page need not wait for it to decide how to start. They are written
 * with the facts they describe. A hint may be missing (a first visit, storage that was
 * cleared) or unreadable (`null`); each use says what it assumes then.
 */
function readHint(key: string): boolean | null {
  try {
    return localStorage.getItem(`kernplein:${key}`) === '1';
  } catch {
    return null;
  }
}

function writeHint(key: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(`kernplein:${key}`, '1');
    else localStorage.removeItem(`kernplein:${key}`);
  } catch {
    // No hint: the next page waits for the database, as it would without hints.
  }
}

/**
 * Whether this device may hold tokens (`rememberTokens` keeps the hint with every change of
 * the token list), so a page can connect its rooms before Dexie has loaded. Without the hint
 * a device is taken to hold none: at worst a room connects without a code first and again
 * with it once the list is read, which only costs a connection.
 */
export const mayHoldTokens = (): boolean => readHint('has-tokens') ?? true;

export const rememberTokens = (rows: readonly TokenRow[]): void =>
  writeHint('has-tokens', rows.length > 0);

/**
 * Whether this device may have a saved screen of `room` (saveScreen keeps the hint), so a
 * page waits for it only when there is one to wait for.
 */
export const mayHaveScreen = (room: string): boolean => readHint(`screen:${room}`) ?? true;

export function recordVisit(db: DeviceDb, kern: string, now: string): Promise<void> {
  return using(db, async (t) => void (await t.visits.put({ kern, lastVisitedAt: now })));
}

export function listVisits(db: DeviceDb): Promise<VisitRow[]> {
  return using(db, (t) => t.visits.toArray());
}

export function saveScreen(
  db: DeviceDb,
  room: string,
  format: string,
  value: unknown,
  now: string,
): Promise<void> {
  return using(db, async (t) => {
    await t.screens.put({ room, format, value, savedAt: now });
    writeHint(`screen:${room}`, true);
  });
}

/** The room's last screen in `format`, or null (none, or saved in another format). */
export function readScreen(db: DeviceDb, room: string, format: string): Promise<unknown> {
  return using(db, async (t) => {
    const row = await t.screens.get(room);
    return row?.format === format ? row.value : null;
  });
}

/** Marks notices as shown on this device; ones already read keep their first time. */
export async function markRead(db: DeviceDb, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await using(db, (t) =>
    t.transaction('rw', t.reads, async () => {
      const known = await t.reads.bulkGet([...ids]);
      const rows = [...new Set(ids)]
        .filter((id) => !known[ids.indexOf(id)])
        .map((id) => ({ id, readAt: now }));
      if (rows.length > 0) await t.reads.bulkPut(rows);
    }),
  );
}

/** The ids of every notice this device has shown. */
export function listReads(db: DeviceDb): Promise<string[]> {
  return using(db, async (t) => (await t.reads.toCollection().primaryKeys()) as string[]);
}

const entriesOf = (t: Tables, source: string) => t.search.where('source').equals(source).toArray();

/** The search entries stored for one room (`source`). */
export function searchEntriesOf(db: DeviceDb, source: string): Promise<SearchEntry[]> {
  return using(db, (t) => entriesOf(t, source));
}

/**
 * Makes the stored entries of `source` equal to `fresh`, writing only the difference
 * (diffEntries) in one transaction. Returns how many entries were written and removed.
 */
export function replaceSearchEntries(
  db: DeviceDb,
  source: string,
  fresh: readonly SearchEntry[],
): Promise<{ put: number; removed: number }> {
  return using(db, (t) =>
    t.transaction('rw', t.search, async () => {
      const { put, remove } = diffEntries(await entriesOf(t, source), fresh);
      if (put.length > 0) await t.search.bulkPut(put);
      if (remove.length > 0) await t.search.bulkDelete(remove);
      return { put: put.length, removed: remove.length };
    }),
  );
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
  return using(db, (t) =>
    t.transaction('r', t.search, async () => {
      let keys: string[] = [];
      for (const [i, forms] of words.entries()) {
        const found = new Set(
          (await t.search
            .where('terms')
            .startsWithAnyOf([...forms])
            .primaryKeys()) as string[],
        );
        keys = i === 0 ? [...found] : keys.filter((key) => found.has(key));
        if (keys.length === 0) return [];
      }
      const rows = await t.search.bulkGet(keys);
      return rows.filter((row): row is SearchEntry => row !== undefined);
    }),
  );
}

/**
 * Runs `query` (a function of this module on `db`) now and again whenever the tables it read
 * change (in this tab or another), once Dexie is loaded. With `empty` (what the query gives
 * on an empty database), a device without the database gets `empty` at once, and the query
 * runs only once something else has loaded Dexie (a first write creates the database).
 * Returns the unsubscribe function.
 */
export function watch<T>(
  db: DeviceDb,
  query: () => Promise<T>,
  onValue: (value: T) => void,
  options: { empty?: T; onError?: (error: unknown) => void } = {},
): () => void {
  const onError =
    options.onError ?? ((error: unknown) => console.error('Device storage query failed', error));
  let stopped = false;
  let subscription: { unsubscribe(): void } | null = null;
  const subscribe = () =>
    Promise.all([db.tables(), import('./dexie')]).then(([, { liveQuery }]) => {
      if (!stopped) subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
    }, onError);
  if (!('empty' in options) || db.loaded) void subscribe();
  else
    void db.exists().then((exists) => {
      if (stopped) return;
      if (exists) return void subscribe();
      onValue(options.empty as T);
      void db.whenLoaded().then(subscribe);
    });
  return () => {
    stopped = true;
    subscription?.unsubscribe();
  };
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
