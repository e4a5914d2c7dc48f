/**
 * `npx tsx bench/firstVisit.ts [--paths /,/kern/<first pilot>] [--seconds 8] [--throttle 4]
 *   [--dist DIR]`
 *
 * Where a first visit's main-thread time goes, for the Lighthouse targets (TBT, LCP): a fresh
 * Chromium context (nothing cached, no service worker yet), phone-sized, the CPU throttled 4x
 * through CDP, navigating to each path of the built app served by the real server
 * (`server/main.ts --demo`, as bench/lighthouse.ts). From navigation to `--seconds` later it
 * prints the trace summary (scripting, style, layout...), the long tasks (≥ 50 ms, with the
 * part over 50 ms that TBT counts) and the heaviest functions of a V8 CPU profile. With a
 * build that has source maps (`npx vite build --sourcemap --outDir /tmp/kp-map --emptyOutDir`,
 * then `--dist /tmp/kp-map`) functions are named by source file and line.
 *
 * A diagnosis, not a target: the throttling is real here (Lighthouse simulates it), so the
 * absolute figures are higher than Lighthouse's; compare runs with each other.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { benchKern } from './lib/agenda';
import { chromiumFlags, chromiumPath, copyOfBuild, phoneProfile } from './lib/build';
import { type CpuProfile, profileLines, startTrace, traceLines, traceSummary } from './lib/cpu';
import { cleanup, deadline, sleep, startKernplein } from './lib/servers';
import { ms } from './lib/stats';

/**
 * In the page: first contentful paint and every LCP candidate, with its time and element, and
 * when the page's landmarks (its heading, the kernagenda, its live points) are first rendered.
 */
function paintProbe() {
  const w = window as unknown as { __paints: string[] };
  w.__paints = [];
  const describe = (node: Element | null) =>
    node
      ? `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''} "${(node.textContent ?? '').trim().slice(0, 30)}"`
      : 'none';
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint')
        w.__paints.push(`FCP ${entry.startTime.toFixed(0)} ms`);
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      startTime: number;
      element: Element | null;
    }[])
      w.__paints.push(`LCP ${entry.startTime.toFixed(0)} ms ${describe(entry.element)}`);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // When the page's landmarks are first in the DOM (rendered; painted at the next frame).
  const landmarks = [
    'main p.loading',
    'main h1',
    '.agenda-view',
    '.agenda-view:not([aria-busy]) article.point',
  ];
  const seen = new Set<string>();
  new MutationObserver(() => {
    for (const selector of landmarks)
      if (!seen.has(selector) && document.querySelector(selector)) {
        seen.add(selector);
        w.__paints.push(`DOM ${performance.now().toFixed(0)} ms ${selector}`);
      }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

async function visit(
  baseURL: string,
  path: string,
  seconds: number,
  throttle: number,
  dist: string,
) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    const context = await browser.newContext({ ...phoneProfile, baseURL });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    // tsx (esbuild keepNames) wraps the probe's inner functions in `__name(...)` calls.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(paintProbe);
    const endTrace = await startTrace(cdp);
    await cdp.send('Profiler.start');
    await page.goto(path, { waitUntil: 'commit' });
    await sleep(seconds * 1000);
    const paints = await page.evaluate(
      () => (window as unknown as { __paints: string[] }).__paints,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const events = await endTrace();
    const nav = events.find((e) => e.name === 'navigationStart') ?? events[0]!;
    const main = events.find(
      (e) => e.name === 'TracingStartedInBrowser' || e.name === 'CrRendererMain',
    );
    // The renderer's main thread: the thread with the most RunTask time after navigation.
    const busy = new Map<string, number>();
    for (const e of events)
      if (e.name === 'RunTask' && e.dur)
        busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
    const [pid, tid] = [...busy.entries()]
      .sort((a, b) => b[1] - a[1])[0]![0]
      .split(':')
      .map(Number) as [number, number];
    void main;
    const from = nav.ts;
    const to = from + seconds * 1e6;
    const tasks = events
      .filter(
        (e) => e.pid === pid && e.tid === tid && e.name === 'RunTask' && (e.dur ?? 0) >= 50_000,
      )
      .filter((e) => e.ts >= from && e.ts < to)
      .map((e) => ({
        at: (e.ts - from) / 1000,
        dur: e.dur! / 1000,
        window: [e.ts, e.ts + e.dur!] as const,
      }));
    const blocking = tasks.reduce((sum, t) => sum + t.dur - 50, 0);
    console.log(`\n### ${path} (CPU ${throttle}x, first ${seconds} s after navigation)`);
    console.log(
      ...traceLines(traceSummary(events, { pid, tid }, [[from, to]]), 10).map((l) => `${l}\n`),
    );
    console.log(
      `  long tasks: ${tasks.length}, blocking ${ms(blocking)}: ` +
        tasks.map((t) => `${ms(t.dur)} at ${ms(t.at)}`).join(', '),
    );
    console.log(`  paints: ${paints.join('; ')}`);
    const resources = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((r) => r as PerformanceResourceTiming)
        .filter((r) => /\.(js|css)$/.test(r.name))
        .map(
          (r) =>
            `${r.name.split('/').pop()} ${r.startTime.toFixed(0)}–${r.responseEnd.toFixed(0)} ms`,
        ),
    );
    console.log(`  scripts and styles fetched: ${resources.join(', ')}`);
    const marks = await page.evaluate(() =>
      performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)} ms`),
    );
    if (marks.length > 0) console.log(`  the app's performance marks: ${marks.join(', ')}`);
    // What ran before the last LCP candidate: the work that holds up the largest paint.
    const lcpAt = Math.max(
      0,
      ...paints.filter((p) => p.startsWith('LCP')).map((p) => Number(p.split(' ')[1])),
    );
    if (lcpAt > 0) {
      console.log(`  before the last LCP candidate (${ms(lcpAt)}):`);
      console.log(
        ...traceLines(traceSummary(events, { pid, tid }, [[from, from + lcpAt * 1000]]), 10).map(
          (l) => `${l}\n`,
        ),
      );
      console.log(
        profileLines(profile, { scriptsDir: dist, top: 60, windows: [[from, from + lcpAt * 1000]] })
          .filter((line) => !/react-dom:|scheduler:/.test(line))
          .join('\n'),
      );
    }
    console.log(profileLines(profile, { scriptsDir: dist, top: 25 }).join('\n'));
    for (const task of tasks) {
      console.log(`\n  long task ${ms(task.dur)} at ${ms(task.at)}:`);
      console.log(
        profileLines(profile, { scriptsDir: dist, top: 80, windows: [task.window] }).join('\n'),
      );
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: {
      paths: { type: 'string' },
      seconds: { type: 'string' },
      throttle: { type: 'string' },
      dist: { type: 'string' },
    },
  });
  deadline(10 * 60_000, 'firstVisit');
  const dist = copyOfBuild(values.dist ? String(values.dist) : undefined);
  const relay = await startKernplein({ args: ['--demo', '--static', dist] });
  try {
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const path of String(values.paths ?? `/,/kern/${benchKern()}`).split(','))
      await visit(
        relay.httpUrl,
        path,
        Number(values.seconds ?? 8),
        Number(values.throttle ?? 4),
        dist,
      );
  } finally {
    await relay.stop();
    cleanup();
  }
}
