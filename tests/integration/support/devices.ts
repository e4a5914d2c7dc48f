/**
 * PWA devices against the real relay: rooms opened through the app's own sync layer
 * (src/sync/room.ts), each keeping its copy in memory instead of IndexedDB and without a
 * BroadcastChannel, so several devices share one test process and see each other only
 * through the relay.
 *
 * `pwaRelay()` starts a relay before the file's tests and, after them, closes every device
 * still open and stops the relay. Call it once, at the top of a test file.
 */
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import type { LocalCopy } from '../../../src/sync/local';
import { openRoom, type Room } from '../../../src/sync/room';
import { cleanup, makeToken, startServer, type ServerHandle } from '../../helpers/server';

/** An on-device copy that keeps its meta in memory and stores no document. */
function memoryCopy(): LocalCopy {
  const meta = new Map<string, unknown>();
  return {
    loaded: Promise.resolve(),
    origin: Symbol('memory'),
    getMeta: async (key) => meta.get(key),
    setMeta: async (key, value) => void meta.set(key, value),
    destroy: async () => undefined,
  };
}

export interface PwaRelay {
  /** A token the relay accepts (role, kern and display name as `token` CLI flags). */
  token(role: string, kern?: string, name?: string): Promise<string>;
  /** One device with `room` open and online; `token` null is a visitor. */
  device(room: string, token: string | null): Room;
  /** Closes one device, as closing the app does. */
  close(device: Room): Promise<void>;
}

export function pwaRelay(): PwaRelay {
  let server: ServerHandle | null = null;
  const open = new Set<Room>();
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await Promise.all([...open].map((room) => room.destroy()));
    await cleanup();
  });
  const started = () => {
    if (!server) throw new Error('pwaRelay: the relay starts in beforeAll');
    return server;
  };

  return {
    token: (role, kern, name) => makeToken(started().dataDir, role, kern, name),
    device(name, token) {
      const room = openRoom(name, {
        url: `${started().wsUrl}/sync`,
        token,
        online: true,
        now: () => new Date().toISOString(),
        onTokenRejected: () => undefined,
        disableBc: true,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        openLocal: () => memoryCopy(),
      });
      open.add(room);
      return room;
    },
    async close(device) {
      open.delete(device);
      await device.destroy();
    },
  };
}
