/**
 * Per-address limits on the relay: open connections, and distinct rooms open at once.
 *
 * "Rooms per connection" means nothing for y-websocket: a connection is one room (its URL).
 * What a single client address can cost the server is the number of sockets it holds and the
 * number of rooms it keeps loaded in memory, so those two are capped per address. A slot is
 * taken when an upgrade arrives (before the token is checked or the room loaded, so a burst
 * cannot slip past the count) and given back when that socket is gone, however it ended.
 *
 * Loopback addresses are not counted unless `limitLoopback`: behind a reverse proxy on the
 * same host every client is 127.0.0.1 (use `trustProxy` there, so the forwarded address is
 * counted instead). A village hall behind one NAT address is many people: the defaults are
 * generous (512 connections, 128 rooms).
 */
import type { IncomingMessage } from 'node:http';

export interface AddressLimitOptions {
  maxConnectionsPerAddress: number;
  maxRoomsPerAddress: number;
  limitLoopback: boolean;
  trustProxy: boolean;
}

interface Usage {
  connections: number;
  rooms: Map<string, number>;
}

export type Admission =
  { ok: true; release: () => void } | { ok: false; limit: 'connections' | 'rooms' };

const loopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return direct;
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last ?? direct;
}

export class AddressLimits {
  private readonly usage = new Map<string, Usage>();

  constructor(private readonly options: AddressLimitOptions) {}

  /** Takes a connection slot for `room` from `address`, or says which limit it is over. */
  admit(address: string, room: string): Admission {
    if (!this.options.limitLoopback && loopback(address)) return { ok: true, release: () => {} };
    const usage = this.usage.get(address) ?? { connections: 0, rooms: new Map() };
    if (usage.connections >= this.options.maxConnectionsPerAddress)
      return { ok: false, limit: 'connections' };
    if (!usage.rooms.has(room) && usage.rooms.size >= this.options.maxRoomsPerAddress)
      return { ok: false, limit: 'rooms' };
    usage.connections++;
    usage.rooms.set(room, (usage.rooms.get(room) ?? 0) + 1);
    this.usage.set(address, usage);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        usage.connections--;
        const left = usage.rooms.get(room)! - 1;
        if (left === 0) usage.rooms.delete(room);
        else usage.rooms.set(room, left);
        if (usage.connections === 0) this.usage.delete(address);
      },
    };
  }
}
