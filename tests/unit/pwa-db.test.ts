// The device db (Dexie over fake-indexeddb): follows, tokens, visits, screens, live queries.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addToken,
  follow,
  listFollows,
  listReads,
  listTokens,
  listVisits,
  markRead,
  mayHaveScreen,
  mayHoldTokens,
  openDeviceDb,
  readScreen,
  recordVisit,
  rememberTokens,
  removeToken,
  saveScreen,
  TokenRefused,
  findSearchEntries,
  replaceSearchEntries,
  searchEntriesOf,
  unfollow,
  watch,
  type DeviceDb,
} from '../../src/storage/db';
import { until } from '../helpers/until';
import * as Y from 'yjs';
import { addPoint, readKernagenda } from '../../src/model/kernagenda';
import { buildEntries, queryWords, type SearchEntry } from '../../src/search/index';
import { westBetuwe } from './support/config';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'HS256' })}.${b64(payload)}.c2ln`;

let n = 0;
const dbs: DeviceDb[] = [];
const fresh = () => {
  const db = openDeviceDb(`test-${n++}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await (await db.tables()).delete();
});

describe('follows', () => {
  it('keeps one row per kern with the first follow time, and unfollows', async () => {
    const db = fresh();
    await follow(db, 'beesd', '2025-01-01T00:00:00.000Z');
    await follow(db, 'beesd', '2025-02-01T00:00:00.000Z');
    await follow(db, 'asperen', '2025-03-01T00:00:00.000Z');
    expect(await listFollows(db)).toEqual([
      { kern: 'asperen', since: '2025-03-01T00:00:00.000Z' },
      { kern: 'beesd', since: '2025-01-01T00:00:00.000Z' },
    ]);
    await unfollow(db, 'beesd');
    expect((await listFollows(db)).map((f) => f.kern)).toEqual(['asperen']);
  });
});

describe('tokens', () => {
  it('stores a token with its claims, newest first, and removes it', async () => {
    const db = fresh();
    const a = jwt({ sub: 'a', role: 'commissie', kern: 'beesd', name: 'Anna' });
    const b = jwt({ sub: 'b', role: 'beheerder' });
    await addToken(db, a, '2025-01-01T00:00:00.000Z');
    await addToken(db, b, '2025-01-02T00:00:00.000Z');
    const rows = await listTokens(db);
    expect(rows.map((r) => r.token)).toEqual([b, a]);
    expect(rows[1]).toMatchObject({ id: 'a', role: 'commissie', kern: 'beesd', name: 'Anna' });
    expect(rows[0]).toMatchObject({ id: 'b', role: 'beheerder', name: 'Beheerder' });
    await removeToken(db, a);
    expect((await listTokens(db)).map((r) => r.token)).toEqual([b]);
  });
  it('refuses what is not a Kernplein token and stores nothing', async () => {
    const db = fresh();
    await expect(addToken(db, 'onzin', '2025-01-01T00:00:00.000Z')).rejects.toBeInstanceOf(
      TokenRefused,
    );
    await expect(
      addToken(db, jwt({ sub: 'x', role: 'koning' }), '2025-01-01T00:00:00.000Z'),
    ).rejects.toBeInstanceOf(TokenRefused);
    expect(await listTokens(db)).toEqual([]);
  });
});

describe('visits and watch', () => {
  it('records the last visit per kern', async () => {
    const db = fresh();
    await recordVisit(db, 'beesd', '2025-01-01T00:00:00.000Z');
    await recordVisit(db, 'beesd', '2025-01-05T00:00:00.000Z');
    expect(await listVisits(db)).toEqual([
      { kern: 'beesd', lastVisitedAt: '2025-01-05T00:00:00.000Z' },
    ]);
  });
  it('delivers the current value and every change, until unsubscribed', async () => {
    const db = fresh();
    const seen: string[][] = [];
    const stop = watch(
      db,
      () => listFollows(db),
      (rows) => seen.push(rows.map((r) => r.kern)),
    );
    await until(() => seen.length === 1, { message: 'first value' });
    await follow(db, 'tuil', '2025-01-01T00:00:00.000Z');
    await until(() => seen.at(-1)?.join() === 'tuil', { message: 'value after follow' });
    stop();
    await follow(db, 'rumpt', '2025-01-01T00:00:00.000Z');
    expect(await listFollows(db)).toHaveLength(2);
    expect(seen.at(-1)).toEqual(['tuil']);
  });
});

describe('hints beside the database (localStorage)', () => {
  /** The browser's localStorage, in memory (Node has none). */
  async function withStorage(run: (items: Map<string, string>) => void | Promise<void>) {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      await run(items);
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
    }
  }

  it('says a device holds tokens only after it was told so, until the list is empty', async () => {
    const db = fresh();
    const row = await addToken(
      db,
      jwt({ sub: 'a', role: 'commissie', kern: 'beesd', name: 'An' }),
      'x',
    );
    await withStorage((items) => {
      expect(mayHoldTokens(), 'a first visit: none').toBe(false);
      rememberTokens([row]);
      expect(mayHoldTokens()).toBe(true);
      rememberTokens([]);
      expect(mayHoldTokens()).toBe(false);
      expect(items.size, 'nothing left behind').toBe(0);
    });
  });

  it('says a room may have a saved screen once one was saved, for that room only', async () => {
    const db = fresh();
    await withStorage(async () => {
      expect(mayHaveScreen('kern/beesd/agenda')).toBe(false);
      await saveScreen(db, 'kern/beesd/agenda', 'kernagenda/1', { points: [] }, '2025-01-01');
      expect(mayHaveScreen('kern/beesd/agenda')).toBe(true);
      expect(mayHaveScreen('kern/tuil/agenda')).toBe(false);
    });
  });

  it('assumes tokens and screens (and so waits for them) when storage cannot be read', () => {
    expect(mayHoldTokens()).toBe(true);
    expect(mayHaveScreen('kern/beesd/agenda')).toBe(true);
    expect(() => rememberTokens([])).not.toThrow();
  });
});

describe('a device without the database', () => {
  it('reads as empty without loading Dexie, and goes live with the first write', async () => {
    const db = fresh();
    expect(await db.exists()).toBe(false);
    const seen: string[][] = [];
    const stop = watch(
      db,
      () => listFollows(db),
      (rows) => seen.push(rows.map((r) => r.kern)),
      { empty: [] },
    );
    await until(() => seen.length === 1, { message: 'the empty value' });
    expect(seen).toEqual([[]]);
    expect(db.loaded, 'Dexie not loaded for it').toBeNull();
    await follow(db, 'tuil', '2025-01-01T00:00:00.000Z');
    await until(() => seen.at(-1)?.join() === 'tuil', { message: 'live after the first write' });
    stop();
  });

  it('is read live at once when the database exists', async () => {
    const db = fresh();
    await follow(db, 'asperen', '2025-01-01T00:00:00.000Z');
    const again = openDeviceDb(db.name);
    dbs.push(again);
    expect(await again.exists()).toBe(true);
    const seen: string[][] = [];
    const stop = watch(
      again,
      () => listFollows(again),
      (rows) => seen.push(rows.map((r) => r.kern)),
      { empty: [] },
    );
    await until(() => seen.length === 1, { message: 'the stored value' });
    expect(seen).toEqual([['asperen']]);
    stop();
  });
});

describe('screens', () => {
  it('keeps the last screen per room and reads it only in its own format', async () => {
    const db = fresh();
    await saveScreen(db, 'kern/beesd/agenda', 'kernagenda/1', { points: [1] }, '2025-01-01T00:00Z');
    await saveScreen(db, 'kern/beesd/agenda', 'kernagenda/1', { points: [2] }, '2025-01-02T00:00Z');
    expect(await readScreen(db, 'kern/beesd/agenda', 'kernagenda/1')).toEqual({ points: [2] });
    expect(await readScreen(db, 'kern/beesd/agenda', 'kernagenda/2')).toBeNull();
    expect(await readScreen(db, 'kern/tuil/agenda', 'kernagenda/1')).toBeNull();
  });

  it('upgrades a device db of version 1 without losing what it kept', async () => {
    const name = `test-${n++}`;
    const old = new Dexie(name);
    old.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
    await old.table('follows').put({ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' });
    old.close();
    const db = openDeviceDb(name);
    dbs.push(db);
    expect(await listFollows(db)).toEqual([{ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' }]);
    await saveScreen(db, 'kern/beesd/agenda', 'kernagenda/1', {}, '2025-01-01T00:00Z');
    expect(await readScreen(db, 'kern/beesd/agenda', 'kernagenda/1')).toEqual({});
  });
});

describe('reads (gemeente notices shown on this device)', () => {
  it('adds each notice once, keeping the first time it was shown', async () => {
    const db = fresh();
    expect(await listReads(db)).toEqual([]);
    await markRead(db, ['n1', 'n2', 'n1'], '2027-03-01T08:00:00.000Z');
    await markRead(db, ['n2', 'n3'], '2027-03-02T08:00:00.000Z');
    await markRead(db, [], '2027-03-03T08:00:00.000Z');
    expect((await listReads(db)).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(await (await db.tables()).reads.get('n2')).toEqual({
      id: 'n2',
      readAt: '2027-03-01T08:00:00.000Z',
    });
    expect(await (await db.tables()).reads.get('n3')).toEqual({
      id: 'n3',
      readAt: '2027-03-02T08:00:00.000Z',
    });
  });

  it('tells a watcher when a notice is read', async () => {
    const db = fresh();
    const seen: string[][] = [];
    const stop = watch(
      db,
      () => listReads(db),
      (ids) => seen.push(ids),
    );
    await until(() => seen.length === 1, { message: 'first value' });
    await markRead(db, ['n1'], '2027-03-01T08:00:00.000Z');
    await until(() => seen.at(-1)?.join() === 'n1', { message: 'value after markRead' });
    stop();
  });

  it('upgrades a device db of version 2 without losing what it kept', async () => {
    const name = `test-${n++}`;
    const old = new Dexie(name);
    old.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
    old.version(2).stores({ screens: 'room' });
    await old.table('follows').put({ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' });
    await old.table('screens').put({ room: 'r', format: 'f/1', value: 1, savedAt: 'x' });
    old.close();
    const db = openDeviceDb(name);
    dbs.push(db);
    expect(await listFollows(db)).toEqual([{ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' }]);
    expect(await readScreen(db, 'r', 'f/1')).toBe(1);
    await markRead(db, ['n1'], '2027-03-01T08:00:00.000Z');
    expect(await listReads(db)).toEqual(['n1']);
  });
});

describe('search (the offline search index, version 4)', () => {
  const agenda = (kern: string, titles: string[]): SearchEntry[] => {
    const doc = new Y.Doc();
    const ctx = { actor: 'Els', now: '2026-01-01T00:00:00.000Z', config: westBetuwe };
    for (const title of titles)
      addPoint(doc, { title, theme: 'veiligheid', owner: 'inwoners', status: 'idee' }, ctx);
    return buildEntries({ kind: 'agenda', kern, agenda: readKernagenda(doc) });
  };

  it("replaces one room's entries with the difference only, leaving other rooms alone", async () => {
    const db = fresh();
    const entries = agenda('beesd', ['Speeltuin', 'Bankje']);
    const [speeltuin, bankje] = entries;
    expect(await replaceSearchEntries(db, 'kern/beesd/agenda', entries)).toEqual({
      put: 2,
      removed: 0,
    });
    await replaceSearchEntries(db, 'kern/heukelum/agenda', agenda('heukelum', ['Speeltuin']));
    expect(await replaceSearchEntries(db, 'kern/beesd/agenda', [speeltuin!])).toEqual({
      put: 0,
      removed: 1,
    });
    const renamed = { ...speeltuin!, title: 'Speeltuinen' };
    expect(await replaceSearchEntries(db, 'kern/beesd/agenda', [renamed])).toEqual({
      put: 1,
      removed: 0,
    });
    expect(await searchEntriesOf(db, 'kern/beesd/agenda')).toEqual([renamed]);
    expect(await (await db.tables()).search.get(bankje!.key)).toBeUndefined();
    const [heukelum] = await searchEntriesOf(db, 'kern/heukelum/agenda');
    expect(heukelum?.key).toMatch(/^punt:heukelum:/);
  });

  it('finds the entries that match every query word by a prefix of one of their terms', async () => {
    const db = fresh();
    await replaceSearchEntries(
      db,
      'kern/beesd/agenda',
      agenda('beesd', ['Speeltuin bij de school', 'Bankjes bij de kerk', 'Café']),
    );
    const keys = async (text: string) =>
      (await findSearchEntries(db, queryWords(text))).map((e) => e.title).sort();
    expect(await keys('speeltuinen')).toEqual(['Speeltuin bij de school']);
    expect(await keys('ba')).toEqual(['Bankjes bij de kerk']);
    expect(await keys('CAFÉ')).toEqual(['Café']);
    expect(await keys('beesd')).toHaveLength(3);
    expect(await keys('bankje school')).toEqual([]);
    expect(await keys('')).toEqual([]);
  });

  it('upgrades a device db of version 3 without losing what it kept', async () => {
    const name = `test-${n++}`;
    const old = new Dexie(name);
    old.version(1).stores({ follows: 'kern', tokens: 'token, role, kern', visits: 'kern' });
    old.version(2).stores({ screens: 'room' });
    old.version(3).stores({ reads: 'id' });
    await old.table('follows').put({ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' });
    await old.table('reads').put({ id: 'n1', readAt: '2027-03-01T08:00:00.000Z' });
    old.close();
    const db = openDeviceDb(name);
    dbs.push(db);
    expect(await listFollows(db)).toEqual([{ kern: 'beesd', since: '2025-01-01T00:00:00.000Z' }]);
    expect(await listReads(db)).toEqual(['n1']);
    await replaceSearchEntries(db, 'kern/beesd/agenda', agenda('beesd', ['Speeltuin']));
    expect(await findSearchEntries(db, queryWords('speeltuin'))).toHaveLength(1);
  });
});
