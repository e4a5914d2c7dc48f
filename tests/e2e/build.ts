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
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
 * a temp dir, with the real build: its code differs, so the files whose code changed (most:
 * they import the main bundle) have new names and its service worker a new precache list, as
 * a real next release has. With the repository's configuration (KERNPLEIN_CONFIG as set).
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
 * new version's files go in first, each file replaced at once (written beside it, then
 * renamed over it), and then the old version's files that the new one does not have are
 * removed (its code under its old names can no longer be fetched).
 */
export function deploy(from: string, to: string): void {
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  const next = new Set(files(from));
  for (const file of next) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(from, file), join(to, `${file}.deploying`));
    renameSync(join(to, `${file}.deploying`), join(to, file));
  }
  for (const file of files(to)) if (!next.has(file)) rmSync(join(to, file));
}
