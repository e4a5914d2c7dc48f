/**
 * The server's structured log (pino, JSON lines on stderr; stdout is kept for the few
 * human lines of main.ts that operators and test helpers read).
 *
 * Invariant: no token ever reaches the log. Callers log room names, close codes and reasons
 * and paths without query strings (`safePath`); as a second line of defence every log line
 * passes `redact`: `token` fields and Authorization/Cookie headers are censored by pino's
 * redaction, and every string (the message included) has `token=` query values, `Bearer`
 * credentials, anything shaped like a JWT and invite codes in `/join/<code>` paths replaced
 * by `[redacted]`.
 */
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';

export type Log = Logger;

const censor = '[redacted]';
const secrets: [RegExp, string][] = [
  [/([?&;]token=)[^&\s"'#]*/gi, `$1${censor}`],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${censor}`],
  [/\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g, censor],
  // Invite codes travel in paths: the join page `/join/<code>` and `GET /api/join/<code>`.
  [/(\/join\/)[^/?#\s"']+/gi, `$1${censor}`],
];

export function scrub(text: string): string {
  return secrets.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { type: value.name, message: scrub(value.message), stack: scrub(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubDeep(v, depth + 1)]),
  );
}

/** What a request log line may say about a request. */
function requestSerializer(req: IncomingMessage) {
  return {
    method: req.method,
    url: safePath(req.url),
    headers: { ...req.headers, authorization: undefined, cookie: undefined },
  };
}

export function createLog(level: string): Log {
  return pino(
    {
      level,
      base: { service: 'kernplein' },
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          'headers.cookie',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor,
      },
      serializers: { req: requestSerializer },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    pino.destination(2),
  );
}

/** A request path without its query string (which may carry `token=`). */
export function safePath(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}
