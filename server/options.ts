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

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
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
    },
  });
  const port = integer('port', values.port ?? env.PORT ?? '8080', 0);
  if (port > 65535) throw new OptionsError(`--port must be at most 65535, got ${port}`);
  return {
    port,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir: resolve(values.data ?? env.DATA_DIR ?? './data'),
    staticDir: resolve(values.static ?? 'dist'),
    config: loadConfig(values.config ?? env.KERNPLEIN_CONFIG ?? defaultConfigPath),
    demo: values.demo ?? false,
    maxMessageBytes: integer('max-message-bytes', values['max-message-bytes'] ?? '1048576', 1024),
    allowedOrigins: origins(values['allowed-origins'] ?? env.ALLOWED_ORIGINS ?? ''),
    unloadAfterMs: integer('unload-after-ms', values['unload-after-ms'] ?? '30000', 0),
    compactEvery: integer('compact-every', values['compact-every'] ?? '500', 1),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
