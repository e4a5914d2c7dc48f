/**
 * The relay endpoint `/sync/<room>`: admission of WebSocket upgrades and their connections.
 *
 * Owns: the order of checks on a new connection — browser Origin (4403), room name (4404),
 * connections and rooms per client address (4429), token and its revocation (4401), then the
 * room is loaded — and the life of an admitted socket: decoding each frame (4400 at the first
 * undecodable one), the message size limit (ws `maxPayload`, 1009), flood control (throttle,
 * then 4429), the idle timeout (4508), keepalive pings (no pong by the next ping:
 * terminated), the per-entry check of edits on shared boards and joint projects before the
 * room sees them (entryCheck.ts: 4403, or read-only for a kern outside a joint project),
 * asking writers whose edits waited for the store to reconnect once it recovers (1012),
 * dropping connections whose token was revoked (4401, see below), and leaving the room on
 * close. Per-message deflate is off: it costs memory per socket and CPU per frame, and
 * compressed frames hide their real size from the limits.
 *
 * Invariants: a refused upgrade is accepted and closed at once with a 44xx code (a refused
 * HTTP upgrade shows browsers only an opaque 1006 and they retry forever); every socket has
 * an `error` listener so no frame can crash the process; only the socket at fault is closed;
 * tokens and query strings are never logged.
 *
 * Revocation (`npm run revoke`, another process, writes server/revocations.ts's table): a
 * token is looked up at its upgrade, and again when its socket is attached (the room load in
 * between is async, and a revocation committed then would slip past both the first check and
 * the sweep, which sees only attached connections); once a second the sweep reads the rows
 * added since its last read and closes the open connections they cover.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { GemeenteConfig } from '../../src/config/gemeente';
import { canWrite, everyKern, type Claims } from '../../src/model/access';
import { parseRoom, roomName } from '../../src/model/rooms';
import type { Log } from '../log';
import type { Metrics } from '../metrics';
import type { Limits } from '../options';
import type { StoreGuard } from '../storeGuard';
import { covers, type RevocationWatch, type TokenIdentity } from '../revocations';
import { TokenError, verifyTokenDetails } from '../tokens';
import { AddressLimits, clientAddress } from './addressLimits';
import { Connection } from './connection';
import { EntryCheck, boardOf } from './entryCheck';
import { CloseCode, CloseReason, ProtocolError, decodeClientMessage } from './protocol';
import type { Lease, Rooms } from './rooms';
import { Throttle, type ThrottleLimits } from './throttle';

export interface RelayOptions {
  config: GemeenteConfig;
  rooms: Rooms;
  secret: Uint8Array;
  metrics: Metrics;
  log: Log;
  maxMessageBytes: number;
  /** Browser origins allowed besides the server's own (`http(s)://` + Host header). */
  allowedOrigins: string[];
  limits: Limits;
  guard: StoreGuard;
  revocations: RevocationWatch;
  /** How often open connections are checked against new revocations (default 1000 ms). */
  revocationSweepMs?: number;
}

/** Throttle episodes in a row (never recovering to half full) before a connection is closed. */
const floodEpisodes = 20;

export interface Relay {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection with 1001 and waits (bounded) for the close handshakes. */
  close(): Promise<void>;
}

export const syncPrefix = '/sync/';

class Refusal extends Error {
  constructor(
    readonly code: number,
    /** Sent to the client as the close reason and logged. */
    readonly reason: string,
    /** The `reason` label of the rejections metric. */
    readonly metric: string,
  ) {
    super(reason);
  }
}

function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const own = (scheme: string) => {
    try {
      return new URL(`${scheme}://${req.headers.host ?? ''}`).origin;
    } catch {
      return null;
    }
  };
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return false;
  }
  return normalised === own('http') || normalised === own('https') || allowed.includes(normalised);
}

export function createRelay(options: RelayOptions): Relay {
  const { config, rooms, secret, metrics, log } = options;
  const { limits } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
  });
  const throttleLimits: ThrottleLimits = {
    messagesPerSecond: limits.messagesPerSecond,
    messageBurst: limits.messageBurst,
    bytesPerSecond: limits.bytesPerSecond,
    byteBurst: limits.byteBurst,
    maxEpisodes: floodEpisodes,
  };
  const addresses = new AddressLimits(limits);
  const entries = new EntryCheck({ config, metrics, log });
  const connections = new Map<WebSocket, Connection>();
  let closing = false;

  function roomOf(req: IncomingMessage, url: URL) {
    if (!originAllowed(req, options.allowedOrigins))
      throw new Refusal(CloseCode.forbidden, 'origin not allowed', 'origin');
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(syncPrefix.length));
    } catch {
      throw new Refusal(CloseCode.unknownRoom, 'unknown room', 'unknown_room');
    }
    const room = parseRoom(name, config);
    if (!room) throw new Refusal(CloseCode.unknownRoom, 'unknown room', 'unknown_room');
    return room;
  }

  function takeAddressSlot(req: IncomingMessage, socket: Duplex, stored: string) {
    const admission = addresses.admit(clientAddress(req, limits.trustProxy), stored);
    if (!admission.ok)
      throw admission.limit === 'connections'
        ? new Refusal(
            CloseCode.tooManyMessages,
            CloseReason.tooManyConnections,
            'too_many_connections',
          )
        : new Refusal(CloseCode.tooManyMessages, CloseReason.tooManyRooms, 'too_many_rooms');
    // Whatever happens next (refusal, failure, a normal close), the socket closes once.
    socket.once('close', admission.release);
  }

  function admit(req: IncomingMessage, url: URL, socket: Duplex) {
    const room = roomOf(req, url);
    takeAddressSlot(req, socket, roomName(room));
    const token = url.searchParams.get('token');
    let identity: TokenIdentity | null = null;
    if (token) {
      try {
        identity = verifyTokenDetails(secret, token, config);
      } catch (error) {
        if (error instanceof TokenError)
          throw new Refusal(CloseCode.badToken, error.message, 'bad_token');
        throw error;
      }
      if (options.revocations.isRevoked(identity)) throw revokedRefusal();
    }
    const claims = identity?.claims ?? null;
    // A joint project's writers are in its document and change while it is open: every
    // committee connects as a possible writer, each edit is judged (entryCheck.ts).
    const writable = canWrite(room, claims, { config, jointKernen: everyKern(config) });
    return { stored: roomName(room), identity, writable };
  }

  function refuse(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    refusal: Refusal,
    path: string,
  ) {
    metrics.reject(refusal.metric, refusal.code);
    log.info({ path, code: refusal.code, reason: refusal.reason }, 'connection refused');
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {});
      ws.close(refusal.code, refusal.reason);
    });
  }

  function attach(
    ws: WebSocket,
    wire: Duplex,
    lease: Lease,
    identity: TokenIdentity | null,
    writable: boolean,
  ) {
    const { room } = lease;
    const claims: Claims | null = identity?.claims ?? null;
    const conn = new Connection(ws, wire, room.name, claims, writable, identity?.issuedAt ?? 0);
    conn.nextPingAt = performance.now() + limits.pingIntervalMs;
    connections.set(ws, conn);
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        metrics.reject('too_big', CloseCode.tooBig);
        log.info({ room: room.name, code: CloseCode.tooBig }, 'message over the limit');
      } else {
        metrics.reject('socket_error', 'none');
        log.info({ room: room.name, err: error.message }, 'socket error');
      }
    });
    ws.on('pong', () => (conn.alive = true));
    // Control frames (pongs) do not count: a connection is idle when it sends no message.
    const throttle = new Throttle(throttleLimits);
    const board = boardOf(room.name, config);
    let resumeTimer: NodeJS.Timeout | null = null;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!conn.open) return;
      const frame = toBytes(data);
      conn.lastMessageAt = performance.now();
      metrics.bytesReceived += frame.byteLength;
      const verdict = throttle.charge(frame.byteLength);
      if (verdict === 'flood') {
        metrics.reject('flood', CloseCode.tooManyMessages);
        log.info({ room: room.name, code: CloseCode.tooManyMessages }, 'connection floods');
        return conn.close(CloseCode.tooManyMessages, 'too many messages');
      }
      if (verdict !== 'ok') metrics.throttled++;
      if (verdict !== 'ok' && !resumeTimer) {
        // Stop reading this socket until the buckets have refilled; TCP slows the sender.
        ws.pause();
        resumeTimer = setTimeout(() => {
          resumeTimer = null;
          ws.resume();
        }, verdict);
      }
      if (!isBinary) return malformed(conn, 'text frames are not part of the protocol');
      try {
        const message = decodeClientMessage(frame);
        if (entries.admit(conn, room, board, message)) room.receive(conn, message);
      } catch (error) {
        if (error instanceof ProtocolError) return malformed(conn, error.message);
        // A bug must cost this connection, never the process (a throw here would be uncaught).
        log.error({ room: room.name, err: error }, 'message handling failed');
        metrics.reject('internal', CloseCode.internalError);
        conn.close(CloseCode.internalError, 'internal error');
      }
    });
    ws.on('close', (code: number) => {
      if (resumeTimer) clearTimeout(resumeTimer);
      connections.delete(ws);
      room.leave(conn);
      lease.release();
      log.debug({ room: room.name, code }, 'connection closed');
    });
    room.join(conn);
    log.debug({ room: room.name, role: claims?.role ?? 'none', writable }, 'connection opened');
    // Revoked while the room loaded (see the header): closed at once, before any edit of it
    // can arrive. A check that cannot read the table closes it too, as transient (1011).
    if (!identity) return;
    try {
      if (options.revocations.isRevoked(identity)) dropRevoked(conn);
    } catch (error) {
      log.error({ room: room.name, err: error }, 'revocation check failed');
      conn.close(CloseCode.internalError, 'internal error');
    }
  }

  function dropRevoked(conn: Connection) {
    metrics.reject('revoked', CloseCode.badToken);
    log.info({ room: conn.roomName, code: CloseCode.badToken }, 'revoked token: connection closed');
    conn.close(CloseCode.badToken, revokedReason);
  }

  function malformed(conn: Connection, reason: string) {
    metrics.reject('malformed', CloseCode.malformed);
    log.info({ room: conn.roomName, code: CloseCode.malformed, reason }, 'malformed message');
    conn.close(CloseCode.malformed, 'malformed message');
  }

  async function handle(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const path = url.pathname;
    let admitted;
    try {
      admitted = admit(req, url, socket);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return refuse(req, socket, head, error, path);
    }
    let lease: Lease;
    try {
      lease = await rooms.acquire(admitted.stored);
    } catch (error) {
      log.error({ room: admitted.stored, err: error }, 'room could not be loaded');
      return refuse(
        req,
        socket,
        head,
        new Refusal(CloseCode.internalError, 'room could not be loaded', 'store'),
        path,
      );
    }
    if (closing || socket.destroyed) {
      lease.release();
      return socket.destroy();
    }
    // ws may drop a dead socket without calling back: release the lease then too.
    const early = () => lease.release();
    socket.once('close', early);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', early);
      attach(ws, socket, lease, admitted.identity, admitted.writable);
    });
  }

  // Keepalive: a connection that did not answer the previous ping is dead (rural links drop
  // without a FIN); terminating it releases its room and awareness states. Each connection
  // is pinged once per interval counted from when it was attached, so a thousand connections
  // are not pinged in one burst (a socket write each: milliseconds that would hold up every
  // broadcast queued behind them); the sweep runs often and pings those that are due.
  const pingEvery = limits.pingIntervalMs;
  const ping = setInterval(
    () => {
      const now = performance.now();
      for (const [ws, conn] of connections) {
        if (now < conn.nextPingAt) continue;
        conn.nextPingAt = now + pingEvery;
        if (!conn.alive) {
          metrics.reject('no_pong', 'none');
          log.info({ room: conn.roomName }, 'no pong: connection dropped');
          ws.terminate();
        } else {
          conn.alive = false;
          ws.ping();
        }
      }
    },
    Math.max(10, Math.min(pingEvery / 32, 1000)),
  );

  // Idle timeout: y-websocket clients renew their awareness every 15 s, so an honest client
  // is never silent for long; a socket that sends nothing only holds a room and memory. The
  // code is transient (4508): a client that wakes up (a phone back from the background)
  // simply reconnects.
  const idleMs = limits.idleTimeoutMs;
  const idle =
    idleMs > 0
      ? setInterval(
          () => {
            const now = performance.now();
            for (const conn of connections.values()) {
              if (!conn.open || now - conn.lastMessageAt < idleMs) continue;
              metrics.reject('idle', CloseCode.idle);
              log.debug({ room: conn.roomName, code: CloseCode.idle }, 'idle connection closed');
              conn.close(CloseCode.idle, CloseReason.idle);
            }
          },
          Math.max(10, Math.min(idleMs / 4, 5000)),
        )
      : null;

  // Revocations made by another process (the revoke CLI) reach open connections here.
  const revocationSweep = setInterval(() => {
    let fresh;
    try {
      fresh = options.revocations.poll();
    } catch (error) {
      // Nothing was consumed: the same rows are read at the next sweep.
      return log.error({ err: error }, 'revocation sweep failed');
    }
    if (fresh.length === 0) return;
    for (const conn of connections.values()) {
      const { claims } = conn;
      if (!conn.open || !claims) continue;
      const token = { claims, issuedAt: conn.issuedAt };
      if (fresh.some((revocation) => covers(revocation, token))) dropRevoked(conn);
    }
  }, options.revocationSweepMs ?? 1000);

  // Writers told that their edits wait for the store reconnect now: their provider's sync
  // step 1/2 exchange then sends what the server lacks (and clears any read-only state the
  // client derived from the refusal).
  options.guard.onRecovered(() => {
    for (const conn of connections.values())
      if (conn.storeDenied) conn.close(CloseCode.storeRecovered, CloseReason.storeRecovered);
  });

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => {});
      if (closing) return void socket.destroy();
      handle(req, socket, head).catch((error: unknown) => {
        log.error({ err: error, path: url(req) }, 'upgrade failed');
        socket.destroy();
      });
    },
    async close() {
      closing = true;
      clearInterval(ping);
      clearInterval(revocationSweep);
      if (idle) clearInterval(idle);
      const sockets = [...connections.keys()];
      const closed = sockets.map(
        (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
      );
      for (const ws of sockets) ws.close(CloseCode.goingAway, 'server shutting down');
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([Promise.all(closed), timeout]);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}

const revokedReason = 'token revoked';
const revokedRefusal = () => new Refusal(CloseCode.badToken, revokedReason, 'revoked');

const url = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
