/**
 * The built PWA as the end-to-end tests serve it: a private copy of `dist/` per test file,
 * served with `--static <copy>`, so a rebuild running elsewhere cannot pull files from under
 * a test, and a test may publish a new version of the app into its copy.
 *
 * `precacheEntries(dir)` reads the precache manifest out of the generated `sw.js` (the list
 * workbox precaches on install); `publishNewVersion(dir, marker)` makes the next version of
 * the app the way a real deploy does: a changed `index.html` with a new revision in `sw.js`.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../helpers/server';

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
 * Deploys "the next version" into `dir`: `index.html` gets `<meta name="kernplein-build"
 * content=marker>` (replacing an earlier version's) and `sw.js` the matching new revision for it, so the browser finds a
 * byte-different service worker that precaches a different shell.
 */
export function publishNewVersion(dir: string, marker: string): void {
  const htmlPath = join(dir, 'index.html');
  const html = readFileSync(htmlPath, 'utf8')
    .replace(/<meta name="kernplein-build" content="[^"]*" \/>/, '')
    .replace('</head>', `<meta name="kernplein-build" content="${marker}" /></head>`);
  writeFileSync(htmlPath, html);
  const revision = createHash('md5').update(html).digest('hex');
  const swPath = join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const updated = sw.replace(
    /\{"revision":"[0-9a-f]+","url":"index\.html"\}/,
    `{"revision":"${revision}","url":"index.html"}`,
  );
  if (updated === sw) throw new Error('index.html is not in the precache manifest of sw.js');
  writeFileSync(swPath, updated);
}
