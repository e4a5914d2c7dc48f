/**
 * The order of a room's broadcast (server/relay/room.ts): an update is stored first, then
 * sent to the other connections, and echoed to its writer last.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Log } from '../../server/log';
import { createMetrics } from '../../server/metrics';
import type { Connection } from '../../server/relay/connection';
import { decodeClientMessage, encodeUpdate } from '../../server/relay/protocol';
import { Room } from '../../server/relay/room';
import { SyncQueue } from '../../server/relay/syncQueue';
import { WriteBatch } from '../../server/relay/writeBatch';
import type { RoomStore } from '../../server/store';
import type { StoreGuard } from '../../server/storeGuard';

describe('Room broadcast', () => {
  it('stores an update, sends it to the others, then echoes it to its writer', async () => {
    const events: string[] = [];
    const store = {
      load: async () => [],
      append: () => void events.push('stored'),
      appendMany: () => void events.push('stored'),
      compact: () => {},
      rowCount: () => 0,
      check: () => ({ ok: true }) as const,
      close: () => {},
    } satisfies RoomStore;
    const log = { error() {}, warn() {}, info() {}, debug() {} } as unknown as Log;
    const metrics = createMetrics({
      connections: () => 0,
      roomsLoaded: () => 0,
      syncsInFlight: () => 0,
      syncsQueued: () => 0,
      syncsPeak: () => 0,
      storeFault: () => 0,
    });
    const room = await Room.load('kern/beesd/agenda', {
      store,
      metrics,
      log,
      compactEvery: 500,
      guard: { fault: null } as unknown as StoreGuard,
      syncs: new SyncQueue(8),
      writes: new WriteBatch(store, log),
      maxDocBytes: 1024 * 1024,
      onFailed: () => {},
    });
    const conn = (name: string) =>
      ({
        canWrite: true,
        awarenessIds: new Set<number>(),
        send: (message: Uint8Array) => void events.push(`${name} ${message.byteLength}`),
      }) as unknown as Connection;
    const [writer, first, second] = [conn('writer'), conn('a'), conn('b')];
    for (const c of [writer, first, second]) room.join(c);

    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('m').set('k', 1);
    const size = encodeUpdate(update).byteLength;
    events.length = 0;
    room.receive(writer, decodeClientMessage(encodeUpdate(update)));

    expect(events).toEqual(['stored', `a ${size}`, `b ${size}`, `writer ${size}`]);
    room.destroy();
  });
});
