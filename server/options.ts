/**
 * Command-line flags and environment variables -> the server's `Options`.
 *
 * Owns: the names, defaults and validation of every setting (DESIGN.md "Contracts"). Flags
 * win over environment variables, which win over defaults. Throws `OptionsError` with a
 * message for the operator; nothing here starts anything.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { GemeenteConfig } from '../src/config/gemeente';
import { defaultConfigPath, loadConfig } from './config';

export interface Options {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  config: GemeenteConfig;
  demo: boolean;
  maxMessageBytes: number;
  /** Browser origins allowed besides the server's own. */
  allowedOrigins: string[];
  unloadAfterMs: number;
  /** Compact a room after this many appended updates. */
  compactEvery: number;
  logLevel: string;
  limits: Limits;
}

/** The relay's limits (DESIGN.md "Contracts"; every one a flag, see `helpText`). */
export interface Limits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  maxConnectionsPerAddress: number;
  maxRoomsPerAddress: number;
  /** Count loopback addresses too (off by default: behind a local proxy every client is loopback). */
  limitLoopback: boolean;
  /** Take the client address from the last X-Forwarded-For entry (behind a reverse proxy). */
  trustProxy: boolean;
  maxDocBytes: number;
  /** 0: never close a silent connection. */
  idleTimeoutMs: number;
  pingIntervalMs: number;
  maxConcurrentSyncs: number;
  /** 0: no quota; otherwise the database file may not grow beyond this (SQLITE_FULL). */
  maxStoreBytes: number;
  storeProbeMs: number;
  /** `POST /api/bewoner` per client address: requests at once, then one every N seconds. */
  residentBurst: number;
  residentEverySeconds: number;
}

/** `--help`: every flag with its default. A test checks that each flag is listed here. */
export const helpText = `usage: npm run serve -- [flags]

  --port P                          port (env PORT, default 8080; 0 = any free port)
  --host H                          address to listen on (env HOST, default 0.0.0.0)
  --data DIR                        data directory (env DATA_DIR, default ./data)
  --static DIR                      the built PWA (default dist)
  --config FILE                     gemeente configuration (env KERNPLEIN_CONFIG)
  --demo                            fill the empty pilot kernagenda rooms with examples
  --allowed-origins A,B             browser origins allowed besides the server's own
                                    (env ALLOWED_ORIGINS)
  --unload-after-ms N               unload a room N ms after its last connection (30000)
  --compact-every N                 compact a room after N stored updates (500)

Limits (a connection over a limit is closed; codes in DESIGN.md and server/relay/protocol.ts):
  --max-message-bytes N             largest message (1048576; over it: 1009)
  --max-messages-per-second N       sustained messages per connection (200)
  --message-burst N                 messages a connection may send at once (1000)
  --max-bytes-per-second N          sustained bytes per connection (= --max-message-bytes)
  --byte-burst N                    bytes a connection may send at once (4 x --max-message-bytes)
                                    (over a rate: throttled; flooding on: 4429)
  --max-connections-per-address N   open connections per client address (512; over: 4429)
  --max-rooms-per-address N         distinct rooms open per client address (128; over: 4429)
  --limit-loopback                  apply the two per-address limits to loopback addresses too
  --trust-proxy                     the client address is the last X-Forwarded-For entry
  --max-doc-bytes N                 largest document a room may grow to (10485760; over: 4413)
  --idle-timeout-ms N               close a connection silent for N ms (120000; 0 = never; 4508)
  --ping-interval-ms N              ping every N ms; no pong by the next ping: dropped (30000)
  --max-concurrent-syncs N          initial syncs (sync step 2 replies) in flight at once (8)
  --max-store-bytes N               quota for the database file (0 = none; when full the
                                    server behaves as on a full disk)
  --store-probe-ms N                while the store cannot write, check it every N ms (1000)
  --resident-burst N                resident sessions (POST /api/bewoner) an address may
                                    start at once (5; over it: 429 with Retry-After)
  --resident-every-seconds N        then one more per N seconds (60)
  --help                            this text

Environment: LOG_LEVEL (info; debug logs every connection and request, tokens redacted).
`;

/** Thrown for `--help`: main.ts prints `helpText` and exits 0. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}

export class OptionsError extends Error {
  override name = 'OptionsError';
}

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new OptionsError(`--${name} must be a whole number of at least ${min}, got "${text}"`);
  return value;
}

function origins(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      try {
        const url = new URL(origin);
        if (url.origin === 'null') throw new Error();
        return url.origin;
      } catch {
        throw new OptionsError(
          `--allowed-origins: "${origin}" is not an origin like https://example.nl`,
        );
      }
    });
}

/** The server's flags (parseArgs spec); every one is documented in `helpText`. */
export const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  static: { type: 'string' },
  config: { type: 'string' },
  demo: { type: 'boolean' },
  'max-message-bytes': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'unload-after-ms': { type: 'string' },
  'compact-every': { type: 'string' },
  'max-messages-per-second': { type: 'string' },
  'message-burst': { type: 'string' },
  'max-bytes-per-second': { type: 'string' },
  'byte-burst': { type: 'string' },
  'max-connections-per-address': { type: 'string' },
  'max-rooms-per-address': { type: 'string' },
  'limit-loopback': { type: 'boolean' },
  'trust-proxy': { type: 'boolean' },
  'max-doc-bytes': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  'ping-interval-ms': { type: 'string' },
  'max-concurrent-syncs': { type: 'string' },
  'max-store-bytes': { type: 'string' },
  'store-probe-ms': { type: 'string' },
  'resident-burst': { type: 'string' },
  'resident-every-seconds': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: flags });
  const number = (name: keyof typeof values, fallback: number, min: number) => {
    const text = values[name];
    return typeof text === 'string' ? integer(name, text, min) : fallback;
  };
  if (values.help) throw new HelpRequested();
  const port = integer('port', values.port ?? env.PORT ?? '8080', 0);
  if (port > 65535) throw new OptionsError(`--port must be at most 65535, got ${port}`);
  const maxMessageBytes = number('max-message-bytes', 1048576, 1024);
  const limits: Limits = {
    messagesPerSecond: number('max-messages-per-second', 200, 1),
    messageBurst: number('message-burst', 1000, 1),
    bytesPerSecond: number('max-bytes-per-second', maxMessageBytes, 1024),
    byteBurst: number('byte-burst', 4 * maxMessageBytes, maxMessageBytes),
    maxConnectionsPerAddress: number('max-connections-per-address', 512, 1),
    maxRoomsPerAddress: number('max-rooms-per-address', 128, 1),
    limitLoopback: values['limit-loopback'] ?? false,
    trustProxy: values['trust-proxy'] ?? false,
    maxDocBytes: number('max-doc-bytes', 10 * 1024 * 1024, 1024),
    idleTimeoutMs: number('idle-timeout-ms', 120_000, 0),
    pingIntervalMs: number('ping-interval-ms', 30_000, 10),
    maxConcurrentSyncs: number('max-concurrent-syncs', 8, 1),
    maxStoreBytes: number('max-store-bytes', 0, 0),
    storeProbeMs: number('store-probe-ms', 1000, 10),
    residentBurst: number('resident-burst', 5, 1),
    residentEverySeconds: number('resident-every-seconds', 60, 1),
  };
  return {
    port,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir: resolve(values.data ?? env.DATA_DIR ?? './data'),
    staticDir: resolve(values.static ?? 'dist'),
    config: loadConfig(values.config ?? env.KERNPLEIN_CONFIG ?? defaultConfigPath),
    demo: values.demo ?? false,
    maxMessageBytes,
    allowedOrigins: origins(values['allowed-origins'] ?? env.ALLOWED_ORIGINS ?? ''),
    unloadAfterMs: integer('unload-after-ms', values['unload-after-ms'] ?? '30000', 0),
    compactEvery: integer('compact-every', values['compact-every'] ?? '500', 1),
    logLevel: env.LOG_LEVEL ?? 'info',
    limits,
  };
}
