/**
 * The PWA's sync layer (src/sync: registry, room, provider, status) against the real relay
 * process, with real y-websocket clients on the other side. IndexedDB is fake-indexeddb
 * (y-indexeddb runs on it unchanged); the socket is the `ws` package, as in Node.
 * Every room name is used by one test only: the fake IndexedDB lives as long as the file.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { addPoint, readKernagenda, type PointInput } from '../../src/model/kernagenda';
import { readTokenClaims } from '../../src/storage/accessCode';
import { createRoomRegistry, type RoomRegistry } from '../../src/sync/registry';
import { openRoom, type Room } from '../../src/sync/room';
import type { DeviceToken } from '../../src/sync/tokens';
import {
  cleanup,
  connect,
  makeToken,
  startServer,
  tempDir,
  until,
  type ServerHandle,
} from '../helpers/server';
import { filledDataDir, freeStore } from '../helpers/store';

const config = parseGemeenteConfig(
  JSON.parse(
    readFileSync(new URL('../../src/config/gemeenten/west-betuwe.json', import.meta.url), 'utf8'),
  ),
);
const ctx = () => ({ actor: 'Anna', now: new Date().toISOString(), config });
const point = (title: string): PointInput => ({
  title,
  theme: 'economie',
  owner: 'inwoners',
  status: 'idee',
});
const titles = (doc: Room['doc']) => readKernagenda(doc).points.map((p) => p.title);

let server: ServerHandle;
const registries: RoomRegistry[] = [];

function deviceToken(token: string): DeviceToken {
  const { expiresAt, ...claims } = readTokenClaims(token)!;
  return { token, claims, expiresAt };
}

function registry(
  options: {
    tokens?: string[];
    online?: boolean;
    network?: EventTarget;
    relay?: ServerHandle;
  } = {},
) {
  const r = createRoomRegistry({
    openRoom,
    url: `${(options.relay ?? server).wsUrl}/sync`,
    config,
    lingerMs: 50,
    network: { online: options.online ?? true, target: options.network ?? null },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  r.setTokens((options.tokens ?? []).map(deviceToken));
  registries.push(r);
  return r;
}

const state = (room: Room) => room.status.getSnapshot();

beforeAll(async () => {
  server = await startServer();
});
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.destroy()));
});
afterAll(cleanup);

describe('a committee device', () => {
  it('saves an edit, has it confirmed by the relay, and another client gets it', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd', 'Anna');
    const { room } = registry({ tokens: [token] }).open('kern/beesd/agenda');
    await room.ready;
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'first sync' });
    expect(state(room).lastSyncedAt).not.toBeNull();

    addPoint(room.doc, point('Bankjes bij de kerk'), ctx());
    expect(state(room)).toMatchObject({ unsent: true, state: 'lokaal' });
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'edit confirmed' });

    const reader = connect(server.url, 'kern/beesd/agenda');
    await until(() => titles(reader.doc).includes('Bankjes bij de kerk'), {
      message: 'reader sees the edit',
    });
  });

  it('keeps edits while the relay is down and sends them when it is back', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum');
    const { room } = registry({ tokens: [token] }).open('kern/heukelum/agenda');
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'first sync' });

    await server.stop();
    await until(() => state(room).connection !== 'connected', { message: 'connection lost' });
    addPoint(room.doc, point('Zebrapad'), ctx());
    expect(state(room)).toMatchObject({ unsent: true, state: 'lokaal' });

    server = await server.restart();
    await until(() => state(room).state === 'gesynchroniseerd', {
      timeout: 15_000,
      message: 'synced after restart',
    });
    const reader = connect(server.url, 'kern/heukelum/agenda');
    await until(() => titles(reader.doc).includes('Zebrapad'), { message: 'reader sees it' });
  });

  it('says offline on the offline event, disconnects, and sends on the online event', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'asperen');
    const network = new EventTarget();
    const reg = registry({ tokens: [token], network });
    const { room } = reg.open('kern/asperen/agenda');
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'first sync' });

    network.dispatchEvent(new Event('offline'));
    expect(state(room).state).toBe('offline');
    expect(reg.status.getSnapshot()?.state).toBe('offline');
    expect(reg.online.getSnapshot()).toBe(false);
    await until(() => state(room).connection === 'disconnected', { message: 'disconnected' });
    addPoint(room.doc, point('Glasbak'), ctx());
    expect(state(room)).toMatchObject({ state: 'offline', unsent: true });

    network.dispatchEvent(new Event('online'));
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'back in sync' });
    const reader = connect(server.url, 'kern/asperen/agenda');
    await until(() => titles(reader.doc).includes('Glasbak'), { message: 'reader sees it' });
  });

  it('reconnects with write access as soon as a token is added', async () => {
    const reg = registry();
    const { room } = reg.open('kern/deil/agenda');
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'read-only sync' });
    expect(reg.writerFor('kern/deil/agenda')).toBeNull();

    reg.setTokens([deviceToken(await makeToken(server.dataDir, 'commissie', 'deil'))]);
    expect(reg.writerFor('kern/deil/agenda')?.claims.kern).toBe('deil');
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'write sync' });
    addPoint(room.doc, point('Speeltuin'), ctx());
    await until(() => !state(room).unsent, { message: 'edit confirmed' });
    const reader = connect(server.url, 'kern/deil/agenda');
    await until(() => titles(reader.doc).includes('Speeltuin'), { message: 'reader sees it' });
  });
});

describe('refusals', () => {
  it('a device without a token: the relay refuses its edit, which stays unsent here', async () => {
    const { room } = registry().open('kern/est/agenda');
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'read-only sync' });
    addPoint(room.doc, point('Niet toegestaan'), ctx());
    await until(() => state(room).editsRefused !== null, { message: 'permission denied' });
    expect(state(room)).toMatchObject({ unsent: true, state: 'lokaal' });
    // The relay's reason reaches the device, to be shown as it is.
    expect(state(room).editsRefused).toMatch(/lezen, maar niet wijzigen/);

    const reader = connect(server.url, 'kern/est/agenda');
    await until(() => reader.provider.synced, { message: 'reader synced' });
    expect(titles(reader.doc)).toEqual([]);
  });

  it('a token the relay rejects (4401) is dropped and the room reads on without it', async () => {
    const foreign = await makeToken(tempDir(), 'commissie', 'tuil'); // another secret
    const reg = registry({ tokens: [foreign] });
    const { room } = reg.open('kern/tuil/agenda');
    await until(() => state(room).tokenRejected, { message: 'token rejected' });
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'read-only sync' });
    expect(reg.writerFor('kern/tuil/agenda')).toBeNull();
  });

  it('an unknown room is refused for good (4404) and says so', async () => {
    const { room } = registry().open('kern/nergens/agenda');
    await until(() => state(room).refused !== null, { message: 'refused' });
    expect(state(room).refused?.code).toBe(4404);
    expect(state(room).state).toBe('lokaal');
  });
});

describe('the on-device copy', () => {
  it('remembers across a reopen what the server has, and what it has not', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'rumpt');
    const first = registry({ tokens: [token] });
    const synced = first.open('kern/rumpt/agenda').room;
    await until(() => state(synced).state === 'gesynchroniseerd', { message: 'first sync' });
    addPoint(synced.doc, point('Op de server'), ctx());
    await until(() => !state(synced).unsent, { message: 'confirmed' });
    await first.destroy();

    const offline = registry({ tokens: [token], online: false });
    const again = offline.open('kern/rumpt/agenda').room;
    await again.ready;
    expect(titles(again.doc)).toEqual(['Op de server']);
    expect(state(again)).toMatchObject({ state: 'offline', unsent: false });
    expect(state(again).lastSyncedAt).not.toBeNull();
    addPoint(again.doc, point('Alleen hier'), ctx());
    await offline.destroy();

    const later = registry({ tokens: [token], online: false }).open('kern/rumpt/agenda').room;
    await later.ready;
    expect(titles(later.doc)).toEqual(['Op de server', 'Alleen hier']);
    expect(state(later).unsent).toBe(true);
  });
});

describe('a store that cannot write', () => {
  it('tells the device why, keeps its edit through a reopen, and sends it when the store works', async () => {
    const { dataDir, args } = filledDataDir();
    const relay = await startServer({ dataDir, args });
    const token = await makeToken(dataDir, 'commissie', 'rumpt', 'Anna');
    const name = 'kern/rumpt/agenda';
    const first = registry({ tokens: [token], relay });
    const { room } = first.open(name);
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'first sync' });

    // Another writer fills the store until SQLite is full (the relay closes it with 4503).
    const filler = connect(relay.url, 'kern/rumpt/agenda', token);
    await until(() => filler.provider.synced, { message: 'filler synced' });
    for (let i = 0; i < 200 && !filler.closes.includes(4503); i++) {
      filler.map.set(`vul-${i}`, 'v'.repeat(8 * 1024));
      await until(() => room.doc.getMap('test').has(`vul-${i}`) || filler.closes.includes(4503), {
        message: `edit ${i} relayed or the store full`,
      });
    }
    expect(filler.closes).toContain(4503);
    filler.destroy();

    // The committee member's edit is held back; the device says why, in the server's words.
    await until(() => state(room).state === 'gesynchroniseerd', { message: 'back after 4503' });
    addPoint(room.doc, point('Hondenuitlaatplek'), ctx());
    await until(() => state(room).editsRefused !== null, { message: 'edit held back' });
    expect(state(room).editsRefused).toMatch(/kan nu niets opslaan/);
    expect(state(room)).toMatchObject({ unsent: true, state: 'lokaal' });

    // The app is closed and opened again: the edit is still on the device, still unsent.
    await first.destroy();
    const second = registry({ tokens: [token], relay });
    const reopened = second.open(name).room;
    await reopened.ready;
    expect(titles(reopened.doc)).toContain('Hondenuitlaatplek');
    expect(state(reopened).unsent).toBe(true);

    // The store works again: the device is asked back and sends the edit.
    freeStore(dataDir);
    await until(() => state(reopened).state === 'gesynchroniseerd' && !state(reopened).unsent, {
      timeout: 15_000,
      message: 'sent after recovery',
    });
    expect(state(reopened).editsRefused).toBeNull();
    await relay.kill();
    const after = await startServer({ dataDir });
    const reader = connect(after.url, name);
    await until(() => titles(reader.doc).includes('Hondenuitlaatplek'), {
      message: 'stored: a fresh server serves it',
    });
  });
});
