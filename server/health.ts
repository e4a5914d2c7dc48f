/**
 * GET /healthz: 200 while the server can serve and store, else 503 with the reason.
 *
 * The store check is a real write (see `RoomStore.check`), so a full disk, a quota reached, a
 * lock held by another process or a closed database all show here. It runs through the
 * `StoreGuard`, so a passing check also ends a store fault at once.
 */
import type { ServerResponse } from 'node:http';
import type { StoreGuard } from './storeGuard';

export function serveHealth(
  res: ServerResponse,
  guard: StoreGuard,
  figures: { rooms: number; connections: number },
) {
  const health = guard.check();
  const body = health.ok
    ? { status: 'ok', store: 'ok', ...figures }
    : { status: 'error', store: 'error', reason: health.reason, ...figures };
  res.writeHead(health.ok ? 200 : 503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}
