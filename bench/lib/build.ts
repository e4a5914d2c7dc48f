/**
 * The built PWA as the browser scripts serve it: a private copy of `dist/` (removed by
 * `cleanup()`), so a rebuild running elsewhere cannot change files under a measurement.
 * `npm run bench` builds first; a part run alone uses the `dist/` that is there.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../tests/helpers/server';

export function copyOfBuild(from = join(repoRoot, 'dist')): string {
  for (const file of ['index.html', 'sw.js'])
    if (!existsSync(join(from, file)))
      throw new Error(`${join(from, file)} is missing: run \`npm run build\` first`);
  const copy = tempDir('kernplein-bench-dist-');
  cpSync(from, copy, { recursive: true });
  return copy;
}

/** The same Chromium, flags and phone as the end-to-end tests. */
export { chromiumFlags, chromiumPath, phoneProfile } from '../../tests/e2e/browser';
