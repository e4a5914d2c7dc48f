/**
 * `tsx scripts/check-size.ts [--dist DIR]`: fails (exit 1) when the first load of a build is
 * over 160 KB gzipped (the home page's, and a first visit to any other page's), or its
 * precache over 1.5 MB, printing the figures either way.
 * Run after `npm run build`; what counts is described in bench/lib/firstLoad.ts.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import {
  defaultDist,
  firstLoadBudget,
  gzipLevel,
  measureFirstLoad,
  precacheBudget,
} from '../bench/lib/firstLoad';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const { values } = parseArgs({ options: { dist: { type: 'string' } } });
const dist = values.dist ? resolve(values.dist) : defaultDist;

try {
  const load = measureFirstLoad(dist);
  const problems: string[] = [];
  if (load.total > firstLoadBudget)
    problems.push(
      `first load ${kb(load.total)} gzipped is over the budget of ${kb(firstLoadBudget)}: ` +
        load.files.map((f) => `${f.path} ${kb(f.gzip)}`).join(', '),
    );
  for (const page of load.pages)
    if (page.total > firstLoadBudget)
      problems.push(
        `a first visit to ${page.route} loads ${kb(page.total)} gzipped, over the budget of ` +
          `${kb(firstLoadBudget)}`,
      );
  const largest = load.pages.reduce<(typeof load.pages)[number] | null>(
    (a, b) => (a === null || b.total > a.total ? b : a),
    null,
  );
  if (load.precache.bytes > precacheBudget)
    problems.push(
      `precache ${kb(load.precache.bytes)} is over the budget of ${kb(precacheBudget)}`,
    );
  const summary =
    `first load ${kb(load.total)} gzipped (level ${gzipLevel}) of ${kb(firstLoadBudget)}, ` +
    (largest
      ? `a first visit to ${largest.route} ${kb(largest.total)} (the most of any page), `
      : 'no page with code of its own, ') +
    `precache ${kb(load.precache.bytes)} of ${kb(precacheBudget)}`;
  if (problems.length) {
    console.error(`check-size: ${problems.join('\n')}`);
    console.error(`check-size: ${summary}`);
    process.exit(1);
  }
  console.log(`check-size: ok, ${summary}`);
} catch (error) {
  console.error(`check-size: ${(error as Error).message}`);
  process.exit(1);
}
