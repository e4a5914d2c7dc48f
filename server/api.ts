/**
 * The HTTP API under /api. Nothing is served here yet: every path answers a JSON 404, so a
 * client never mistakes the app's index.html for an API answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function serveApi(_req: IncomingMessage, res: ServerResponse, pathname: string) {
  res.writeHead(404, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify({ error: 'not_found', path: pathname }));
}
