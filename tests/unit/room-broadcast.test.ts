/**
 * The order of a room's broadcast (server/relay/room.ts): an update is stored first, then
 * sent to the other connections, and echoed to its writer last; a live edit that is next in
 * line is stored and sent as it came, anything else as the room's document integrated it.
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

async function setup(compactEvery = 500) {
  const events: string[] = [];
  const rows: Uint8Array[] = [];
  const store = {
    load: async () => [],
    append: (_room: string, update: Uint8Array) => {
      rows.push(update);
      events.push('stored');
    },
    appendMany: (batch: readonly { update: Uint8Array }[]) => {
      rows.push(...batch.map((row) => row.update));
      events.push('stored');
    },
    compact: (_room: string, state: Uint8Array) => {
      rows.splice(0, rows.length, state);
      events.push('compacted');
    },
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
    compactEvery,
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
  events.length = 0;

  /** The writer's doc: each edit's update, and sending one to the room. */
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => void updates.push(u));
  const send = (update: Uint8Array) =>
    room.receive(writer, decodeClientMessage(encodeUpdate(update)));
  /** A fresh doc loaded from what the store holds now. */
  const stored = () => {
    const copy = new Y.Doc();
    for (const row of rows) Y.applyUpdate(copy, row);
    return copy;
  };
  return { room, events, rows, doc, updates, send, stored };
}

describe('Room broadcast', () => {
  it('stores an update, sends it to the others, then echoes it to its writer', async () => {
    const { room, events, doc, updates, send, rows } = await setup();
    doc.getMap('m').set('k', 1);
    const size = encodeUpdate(updates[0]!).byteLength;
    send(updates[0]!);

    expect(events).toEqual(['stored', `a ${size}`, `b ${size}`, `writer ${size}`]);
    expect(rows).toEqual([updates[0]]); // next in line: stored as it came
    expect(room.doc.getMap('m').get('k')).toBe(1);
    room.destroy();
  });

  it('keeps a forwarded edit when a compaction follows it at once', async () => {
    const { room, events, doc, updates, send, stored } = await setup(2);
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('l', 2);
    send(updates[0]!);
    await new Promise((resolve) => setImmediate(resolve)); // a new turn: committed at once
    send(updates[1]!);

    expect(events.filter((e) => e === 'stored' || e === 'compacted')).toEqual([
      'stored',
      'stored',
      'compacted',
    ]);
    expect(stored().getMap('m').toJSON()).toEqual({ k: 1, l: 2 });
    room.destroy();
  });

  it('stores and sends what the doc integrated for an edit that is not next in line', async () => {
    const { room, events, doc, updates, send, rows, stored } = await setup();
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('l', 2);
    send(updates[1]!); // waits for the first: nothing stored, nothing sent
    expect(events).toEqual([]);
    send(updates[0]!);

    expect(events[0]).toBe('stored');
    expect(events.slice(1).map((e) => e.split(' ')[0])).toEqual(['a', 'b', 'writer']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toEqual(updates[0]); // both edits, as the doc integrated them
    expect(stored().getMap('m').toJSON()).toEqual({ k: 1, l: 2 });
    room.destroy();
  });
});
