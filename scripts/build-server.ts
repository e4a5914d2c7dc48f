/**
 * `tsx scripts/build-server.ts` (`npm run build:server`, part of `npm run build`): the server
 * as one JavaScript file, `dist-server/main.mjs` (with a source map), which `npm start` and
 * `npm run serve` run with plain Node.
 *
 * Run through tsx, the server carried tsx's loader in a thread of its own and transpiled its
 * sources at every start: about 28 MB more memory (112–120 → 84–87 MB idle, 142–149 →
 * 120–125 MB with 1,000 clients) and 454–700 ms to listen instead of 212–293 ms, which a
 * restart's reconnect storm waits for (docs/performance.md). Packages stay outside the
 * bundle (`node_modules` is there at run time, and better-sqlite3's native module cannot be
 * bundled). The CLIs (token, invite, revoke, backup, restore) still run through tsx: they are
 * short-lived and run by hand.
 *
 * Not into `dist/`: that folder is served to the public.
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const serverBundle = join(repoRoot, 'dist-server', 'main.mjs');
/** Node's arguments that run the built server, as `npm run serve` does (tests, benches). */
export const serverCommand = ['--enable-source-maps', serverBundle];

/**
 * Builds the bundle and its map. Each file is written beside its place and renamed into it, so
 * a server starting meanwhile (a test, `npm run serve` twice) reads the old file or the new
 * one, never half of one.
 */
export async function buildServer(): Promise<void> {
  const { outputFiles } = await build({
    entryPoints: [join(repoRoot, 'server', 'main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(dirname(serverBundle), { recursive: true });
  for (const file of outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildServer();
