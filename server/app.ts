/**
 * The server: HTTP routes and the relay on one port, with all of its state.
 *
 * Owns: creating the store, its fault guard, the initial-sync queue, secret, metrics (with
 * the event loop's delay), room
 * registry, the access tables (invites, revocations), the API and relay inside `start()` (no module-level state, so tests and future
 * multi-instance setups can run several), the pid file in DATA_DIR, routing HTTP requests
 * (every response with the security headers of headers.ts), and the orderly shutdown: stop
 * accepting, close sockets with 1001, compact and unload every room, close the database.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAccessHandle } from './accessDb';
import { createApi } from './api';
import { writePidFile } from './dataDirLock';
import { seedDemoRooms } from './demoRooms';
import { applySecurityHeaders, securityHeaders } from './headers';
import { watchEventLoopDelay } from './eventLoopDelay';
import { serveHealth } from './health';
import { createLog, safePath, type Log } from './log';
import { createMetrics } from './metrics';
import type { Options } from './options';
import { createRelay, syncPrefix } from './relay/relay';
import { Rooms } from './relay/rooms';
import { SyncQueue } from './relay/syncQueue';
import { createStatic } from './static';
import { RevocationWatch } from './revocations';
import { openSqliteStore } from './store';
import { StoreGuard } from './storeGuard';
import { loadOrCreateSecret } from './tokens';

export interface App {
  url: string;
  port: number;
  /** Names of the kernen whose kernagenda `--demo` filled at this start. */
  demoSeeded: string[];
  log: Log;
  close(): Promise<void>;
}

export async function start(options: Options): Promise<App> {
  const log = createLog(options.logLevel);
  const { limits } = options;
  const store = openSqliteStore(options.dataDir, { maxBytes: limits.maxStoreBytes });
  const secret = loadOrCreateSecret(options.dataDir);
  const access = openAccessHandle(options.dataDir, {
    busyTimeoutMs: 1000,
    onSchemaError: (error) =>
      log.error({ err: error }, 'access tables could not be created: joins answer 503'),
  });
  const revocations = new RevocationWatch(() => access.db);
  const removePidFile = writePidFile(options.dataDir);
  const guard = new StoreGuard(store, log, limits.storeProbeMs);
  // A store that cannot write from the start (a read-only file, a full disk) serves reads
  // and holds edits back at once, instead of failing the first room that is written.
  guard.check();
  const syncs = new SyncQueue(limits.maxConcurrentSyncs);
  const loop = watchEventLoopDelay();
  const metrics = createMetrics({
    connections: () => rooms.connections,
    roomsLoaded: () => rooms.loaded,
    syncsInFlight: () => syncs.inFlight,
    syncsQueued: () => syncs.queued,
    syncsPeak: () => syncs.peak,
    storeFault: () => (guard.fault === null ? 0 : 1),
    eventLoopDelay: () => loop.read(),
  });
  const rooms: Rooms = new Rooms({
    store,
    metrics,
    log,
    guard,
    syncs,
    maxDocBytes: limits.maxDocBytes,
    compactEvery: options.compactEvery,
    unloadAfterMs: options.unloadAfterMs,
  });
  const demoSeeded = options.demo ? await seedDemoRooms(store, options.config, new Date()) : [];
  const relay = createRelay({
    config: options.config,
    rooms,
    secret,
    metrics,
    log,
    maxMessageBytes: options.maxMessageBytes,
    allowedOrigins: options.allowedOrigins,
    limits,
    guard,
    revocations,
  });
  const serveApi = createApi({
    config: options.config,
    secret,
    access,
    log,
    limits: options.limits,
  });
  const serveStatic = createStatic(options.staticDir);

  function route(req: IncomingMessage, res: ServerResponse) {
    applySecurityHeaders(req, res);
    log.debug({ req }, 'request');
    const pathname = safePath(req.url);
    if (pathname === '/healthz')
      return serveHealth(res, guard, { rooms: rooms.loaded, connections: rooms.connections });
    if (pathname === '/metrics') {
      res.writeHead(200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return res.end(metrics.render());
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) return serveApi(req, res, pathname);
    if (pathname === '/sync' || pathname.startsWith(syncPrefix)) {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      return res.end('This is the relay endpoint: connect with a WebSocket.\n');
    }
    serveStatic(req, res, pathname);
  }

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      log.error({ err: error, path: safePath(req.url) }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    }
  });
  server.on('upgrade', (req, socket, head) => {
    log.debug({ req }, 'upgrade');
    if (safePath(req.url).startsWith(syncPrefix)) return relay.handleUpgrade(req, socket, head);
    socket.on('error', () => {});
    const headers = Object.entries(securityHeaders(req.headers.host))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n${headers}\r\n`,
    );
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  log.info({ port, host: options.host, dataDir: options.dataDir }, 'listening');

  let closed: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    demoSeeded,
    log,
    close: () =>
      (closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await relay.close();
        guard.close();
        loop.stop();
        rooms.closeAll();
        store.close();
        access.close();
        removePidFile();
        server.closeAllConnections();
        await stopped;
        log.info('stopped');
      })()),
  };
}
