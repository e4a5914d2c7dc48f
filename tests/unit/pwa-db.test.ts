// The device db (Dexie over fake-indexeddb): follows, tokens, visits, screens, live queries.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addToken,
  follow,
  listFollows,
  listTokens,
  listVisits,
  openDeviceDb,
  readScreen,
  recordVisit,
  removeToken,
  saveScreen,
  TokenRefused,
  unfollow,
  watch,
  type DeviceDb,
} from '../../src/storage/db';
import { until } from '../helpers/until';

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
  for (const db of dbs.splice(0)) await db.delete();
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
