/**
 * The built PWA as the end-to-end tests serve it: a private copy of `dist/` per test file,
 * served with `--static <copy>`, so a rebuild running elsewhere cannot pull files from under
 * a test, and a test may publish a new version of the app into its copy.
 *
 * `precacheEntries(dir)` reads the precache manifest out of the generated `sw.js` (the list
 * workbox precaches on install); `buildVersion(version)` builds another version of the app
 * and `deploy(build, dir)` puts it where a server serves it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, tempDir } from '../helpers/server';

const run = promisify(execFile);
const viteBin = join(repoRoot, 'node_modules/vite/bin/vite.js');

/** The build under test: `dist/`, or another build folder named by KERNPLEIN_E2E_DIST. */
export const distDir = process.env.KERNPLEIN_E2E_DIST ?? join(repoRoot, 'dist');

/** Copies the build into a temp dir (removed by cleanup()) and returns the copy's path. */
export function copyBuild(from = distDir): string {
  for (const file of ['index.html', 'sw.js', 'manifest.webmanifest'])
    if (!existsSync(join(from, file)))
      throw new Error(`${join(from, file)} is missing: run \`npm run build\` first`);
  const copy = tempDir('kernplein-dist-');
  cpSync(from, copy, { recursive: true });
  return copy;
}

export { precacheEntries, type PrecacheEntry } from '../../bench/lib/firstLoad';

/**
 * Builds the app again as version `version` (`KERNPLEIN_VERSION`, shown in the footer) into
 * a temp dir, with the real build: its code differs, so its files have new names and its
 * service worker a new precache list, as a real next release has.
 */
export async function buildVersion(version: string): Promise<string> {
  const outDir = tempDir(`kernplein-${version}-`);
  await run(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: repoRoot,
    env: { ...process.env, KERNPLEIN_VERSION: version },
  });
  return outDir;
}

/**
 * Deploys the build in `from` into the folder a server serves, as a real deploy does: the
 * old version's files are gone (its code under its old names can no longer be fetched).
 */
export function deploy(from: string, to: string): void {
  for (const entry of readdirSync(to)) rmSync(join(to, entry), { recursive: true });
  cpSync(from, to, { recursive: true });
}
