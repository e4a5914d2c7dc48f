/**
 * The server's structured log (pino, JSON lines on stderr; stdout is kept for the few
 * human lines of main.ts that operators and test helpers read).
 *
 * Invariant: nothing logs a token or a query string; callers log room names, close codes
 * and reasons only (see `safePath`).
 */
import { pino, type Logger } from 'pino';

export type Log = Logger;

export function createLog(level: string): Log {
  return pino({ level, base: { service: 'kernplein' } }, pino.destination(2));
}

/** A request path without its query string (which may carry `token=`). */
export function safePath(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}
