/**
 * A real `Room` (server/relay/room.ts) on a store in memory: its rows, connections that
 * record what they were sent and how they were closed, and a fresh doc from the rows.
 */
import * as Y from 'yjs';
import type { Log } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import type { Connection } from '../../../server/relay/connection';
import { decodeClientMessage, encodeUpdate } from '../../../server/relay/protocol';
import { Room } from '../../../server/relay/room';
import { SyncQueue } from '../../../server/relay/syncQueue';
import type { RoomStore } from '../../../server/store';
import type { StoreGuard } from '../../../server/storeGuard';

export interface TestConnection extends Connection {
  readonly closed: { code: number; reason: string } | null;
}

/** The message inside a frame from `binaryFrame`: after a header of 2, 4 or 10 bytes. */
const payloadOf = (frame: Buffer) =>
  frame.subarray(frame[1]! < 126 ? 2 : frame[1] === 126 ? 4 : 10);

export async function memoryRoom(options: { compactEvery?: number; rows?: Uint8Array[] } = {}) {
  const events: string[] = [];
  const rows: Uint8Array[] = options.rows ?? [];
  const store = {
    load: () => rows.slice(),
    append: (_room: string, update: Uint8Array) => {
      rows.push(update);
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
    eventLoopDelay: () => ({ p99: 0, max: 0, all: { buckets: [], count: 0, sum: 0 } }),
  });
  let dropped = 0;
  const room = await Room.load('kern/beesd/agenda', {
    store,
    metrics,
    log,
    compactEvery: options.compactEvery ?? 500,
    guard: { fault: null } as unknown as StoreGuard,
    syncs: new SyncQueue(8),
    maxDocBytes: 1024 * 1024,
    onDropped: () => void dropped++,
  });
  /** A writing connection that joined the room; `onMessage` sees every message it is sent. */
  const connect = (name: string, onMessage?: (message: Uint8Array) => void) => {
    const conn = {
      canWrite: true,
      awarenessIds: new Set<number>(),
      closed: null as { code: number; reason: string } | null,
      send: (message: Uint8Array) => {
        events.push(`${name} ${message.byteLength}`);
        onMessage?.(message);
      },
      sendFrame: (frame: Buffer) => conn.send(payloadOf(frame)),
      close(code: number, reason: string) {
        conn.closed ??= { code, reason };
      },
    };
    room.join(conn as unknown as Connection);
    return conn as unknown as TestConnection;
  };
  /** `update` as a y-websocket update message from `conn`. */
  const send = (conn: Connection, update: Uint8Array) =>
    room.receive(conn, decodeClientMessage(encodeUpdate(update)));
  /** A fresh doc loaded from what the store holds now. */
  const stored = () => {
    const copy = new Y.Doc();
    for (const row of rows) Y.applyUpdate(copy, row);
    return copy;
  };
  return {
    room,
    store,
    events,
    rows,
    connect,
    send,
    stored,
    dropped: () => dropped,
    metrics,
  };
}
