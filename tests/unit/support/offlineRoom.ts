/**
 * A room of the PWA (src/sync/room.ts) opened on a device that is offline: no relay reachable,
 * no other tabs; `options` adds to or overrides that (e.g. the local copy it opens).
 */
import { WebSocket } from 'ws';
import { openRoom, type Room, type RoomOptions } from '../../../src/sync/room';

export function openOfflineRoom(name: string, options: Partial<RoomOptions> = {}): Room {
  return openRoom(name, {
    url: 'ws://127.0.0.1:9/sync',
    token: null,
    online: false,
    now: () => new Date().toISOString(),
    onTokenRejected: () => undefined,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    ...options,
  });
}
