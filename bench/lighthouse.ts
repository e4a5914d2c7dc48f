/**
 * `npx tsx bench/lighthouse.ts [--runs 3] [--paths /,/kern/<first pilot>]`
 *
 * Lighthouse 12 (programmatic, its default mobile profile: Moto G Power viewport, simulated
 * Slow 4G and 4x CPU slowdown) with Debian's Chromium through chrome-launcher, against the
 * built app served by the real server (`server/main.ts --demo`, so the first pilot's kern page has
 * example points). Each path is audited `--runs` times in a fresh Chromium; the median run
 * (by performance score) is printed with its scores and LCP, TBT and CLS, and for a missed
 * target the audits that cost the most. A run Lighthouse could not finish is printed with its
 * error and left out of the median. With LIGHTHOUSE_JSON=/tmp/lh each run's report is also
 * written, as /tmp/lh-<path>.json.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { benchKern } from './lib/agenda';
import { chromiumFlags, chromiumPath, copyOfBuild } from './lib/build';
import { layoutShifts } from './lib/layoutShifts';
import { cleanup, deadline, startKernplein } from './lib/servers';
import { table, verdict } from './lib/stats';

interface Run {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Lighthouse could not finish the run (no paint seen, a protocol timeout...). */
  error: string | null;
  problems: string[];
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** Failing audits of a category, worst weighted first, with their display values. */
function problems(lhr: Lhr, category: string): string[] {
  const cat = lhr.categories[category];
  if (!cat) return [];
  return cat.auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id]! }))
    .filter(({ audit }) => audit.score !== null && audit.score < 0.9)
    .filter(({ audit }) => audit.scoreDisplayMode !== 'notApplicable')
    .sort((a, b) => b.ref.weight - a.ref.weight)
    .slice(0, 6)
    .map(
      ({ audit }) =>
        `${category}: ${audit.id} (score ${audit.score})${audit.displayValue ? ` ${audit.displayValue}` : ''}`,
    );
}

/** The elements behind LCP and the layout shifts (what to fix in the UI). */
function elements(lhr: Lhr): string[] {
  const out: string[] = [];
  type Item = { node?: { selector?: string; snippet?: string }; score?: number };
  const items = (id: string) =>
    ((lhr.audits[id]?.details as { items?: Item[] } | undefined)?.items ?? []).filter(
      (i) => i.node,
    );
  for (const item of items('largest-contentful-paint-element').slice(0, 1))
    out.push(`LCP element: ${item.node!.selector} ${item.node!.snippet ?? ''}`);
  for (const item of items('layout-shifts').slice(0, 4))
    out.push(
      `layout shift ${item.score?.toFixed(3) ?? ''}: ${item.node!.selector} ${(item.node!.snippet ?? '').slice(0, 120)}`,
    );
  return out;
}

/** The main thread's long tasks (simulated), which make up TBT: what to split or defer. */
function longTasks(lhr: Lhr): string[] {
  type Task = { url?: string; duration?: number; startTime?: number };
  const items = (lhr.audits['long-tasks']?.details as { items?: Task[] } | undefined)?.items ?? [];
  return items
    .slice(0, 6)
    .map(
      (t) =>
        `long task ${(t.duration ?? 0).toFixed(0)} ms at ${(t.startTime ?? 0).toFixed(0)} ms: ${t.url ?? ''}`,
    );
}

/** Opportunities and diagnostics of the performance category that have a saving. */
function opportunities(lhr: Lhr): string[] {
  return Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.numericValue ?? 0) > 0)
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => `opportunity: ${a.id} ${a.displayValue ?? ''} (${a.title})`);
}

async function audit(url: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', ...chromiumFlags],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!result) throw new Error(`no Lighthouse result for ${url}`);
    const { lhr } = result;
    if (process.env.LIGHTHOUSE_JSON)
      writeFileSync(
        `${process.env.LIGHTHOUSE_JSON}-${new URL(url).pathname.replaceAll('/', '_')}.json`,
        JSON.stringify(lhr),
      );
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
      problems: [
        ...problems(lhr, 'performance'),
        ...problems(lhr, 'accessibility'),
        ...problems(lhr, 'best-practices'),
        ...opportunities(lhr),
        ...elements(lhr),
        ...longTasks(lhr),
        ...lhr.runWarnings.map((w) => `warning: ${w}`),
      ],
    };
  } finally {
    chrome.kill();
  }
}

export async function runLighthouse(options: { runs: number; paths: string[] }): Promise<void> {
  console.log(
    `\n## Lighthouse 12 (mobile default: simulated Slow 4G, 4x CPU; median of the runs that finished, of ${options.runs})`,
  );
  const relay = await startKernplein({ args: ['--demo', '--static', copyOfBuild()] });
  try {
    const rows: (string | number)[][] = [
      ['path', 'performance', 'accessibility', 'best practices', 'LCP', 'TBT', 'CLS'],
    ];
    const notes: string[] = [];
    const failures: string[] = [];
    for (const path of options.paths) {
      const runs: Run[] = [];
      for (let i = 0; i < options.runs; i++) {
        // A run Lighthouse could not finish has no scores (0): it is reported, not ranked.
        const run = await audit(`${relay.httpUrl}${path}`).catch((error: unknown) => ({
          error: error instanceof Error ? error.message : String(error),
        }));
        if (run.error) failures.push(`${path} run ${i + 1}: ${run.error}`);
        else runs.push(run as Run);
      }
      if (!runs.length) {
        rows.push([path, `no run finished ${verdict(false)}`, '', '', '', '', '']);
        continue;
      }
      runs.sort((a, b) => a.performance - b.performance);
      const run = runs[Math.floor(runs.length / 2)]!;
      const ok = {
        performance: run.performance >= 90,
        accessibility: run.accessibility === 100,
        bestPractices: run.bestPractices >= 95,
        lcp: run.lcp <= 2500,
        tbt: run.tbt <= 200,
        cls: run.cls <= 0.1,
      };
      rows.push([
        path,
        `${run.performance} ${verdict(ok.performance)}`,
        `${run.accessibility} ${verdict(ok.accessibility)}`,
        `${run.bestPractices} ${verdict(ok.bestPractices)}`,
        `${(run.lcp / 1000).toFixed(2)} s ${verdict(ok.lcp)}`,
        `${run.tbt.toFixed(0)} ms ${verdict(ok.tbt)}`,
        `${run.cls.toFixed(3)} ${verdict(ok.cls)}`,
      ]);
      console.log(
        `${path}: ${runs.length} of ${options.runs} runs finished; performance per run ` +
          `${runs.map((r) => r.performance).join(', ')}; ` +
          `LCP ${runs.map((r) => (r.lcp / 1000).toFixed(2)).join(', ')} s`,
      );
      if (run.problems.length) notes.push(`${path}:`, ...run.problems.map((p) => `  ${p}`));
      // Lighthouse's own layout-shifts audit fails with this Chromium: say what moved.
      if (!ok.cls)
        for (const shift of await layoutShifts(`${relay.httpUrl}${path}`))
          notes.push(
            `  layout shift ${shift.value.toFixed(3)} at ${shift.at.toFixed(0)} ms: ${shift.sources.join(', ')}`,
          );
    }
    console.log(table(rows));
    console.log('targets: performance ≥ 90, accessibility 100, best practices ≥ 95,');
    console.log('         LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.1');
    if (failures.length)
      console.log(['runs Lighthouse could not finish (left out):', ...failures].join('\n'));
    if (notes.length) console.log(['audits below 0.9 (median run):', ...notes].join('\n'));
  } finally {
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: { runs: { type: 'string' }, paths: { type: 'string' } },
  });
  deadline(15 * 60_000, 'lighthouse');
  runLighthouse({
    runs: Math.min(9, Math.max(1, Number(values.runs ?? 3))),
    paths: String(values.paths ?? `/,/kern/${benchKern()}`).split(','),
  })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
