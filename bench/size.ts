/**
 * `npx tsx bench/size.ts [--dist DIR]`: the first load and the precache of a build, per file,
 * against the budgets (see lib/firstLoad.ts for what counts). Run `npm run build` first.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  defaultDist,
  firstLoadBudget,
  gzipLevel,
  measureFirstLoad,
  precacheBudget,
} from './lib/firstLoad';
import { kb, table, verdict } from './lib/stats';

export function runSize(dist = defaultDist): { ok: boolean } {
  const load = measureFirstLoad(dist);
  console.log(`\n## First load size (${dist}; gzip level ${gzipLevel}, node zlib; KB = 1024 B)`);
  console.log(
    table([
      ['file', 'bytes', 'gzip'],
      ...load.files.map((f) => [f.path, kb(f.bytes), kb(f.gzip)]),
      ['total JS+CSS', '', kb(load.total)],
    ]),
  );
  console.log('a first visit to another page also loads its code (preloaded with the page):');
  console.log(
    table([
      ['route', 'gzip', ''],
      ...load.pages.map((p) => [p.route, kb(p.total), verdict(p.total <= firstLoadBudget)]),
    ]),
  );
  const firstOk =
    load.total <= firstLoadBudget && load.pages.every((p) => p.total <= firstLoadBudget);
  const precacheOk = load.precache.bytes <= precacheBudget;
  console.log(
    `first load: ${kb(load.total)} gzipped (budget ${kb(firstLoadBudget)}) ${verdict(firstOk)}`,
  );
  console.log(
    `precache: ${load.precache.files.length} files, ${kb(load.precache.bytes)} stored, ` +
      `${kb(load.precache.gzip)} gzipped (budget ${kb(precacheBudget)} stored) ${verdict(precacheOk)}`,
  );
  return { ok: firstOk && precacheOk };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dist: { type: 'string' } } });
  runSize(values.dist ? resolve(values.dist) : defaultDist);
}
