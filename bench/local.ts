/**
 * `npx tsx bench/local.ts [--opens 5] [--keystrokes 30] [--saves 5] [--live-edits 490]
 *   [--throttle 4] [--dist DIR] [--profile] [--via launch,newtab,tab,home]`
 *
 * Local-first speed in real Chromium (Debian's, playwright-core) with the CPU throttled 4x
 * through CDP (`Emulation.setCPUThrottlingRate`), phone-sized, against the built app (`dist/`,
 * or `--dist`) served by the real server. The kern is the configuration's first pilot; its
 * kernagenda holds 200 points and 5,000 edits (agendaHistory), stored in the server's SQLite
 * as one row per edit.
 *
 * Two devices, each a persistent Chromium profile (a real on-disk IndexedDB; an incognito
 * context keeps IndexedDB in memory), open the kern online once with a commissie code:
 * - "followed": the server holds the first 5,000 − `--live-edits` edits when the device first
 *   syncs (one entry); the last `--live-edits` arrive live from another client while the page
 *   is open, so y-indexeddb stores each as its own entry: just under its 500-entry merge, the
 *   most entries a device that followed the edits keeps.
 * - "fresh": opened after all 5,000 edits: the whole history in one entry.
 * (y-indexeddb also adds one small entry of the then-empty doc on every open.)
 *
 * Then the server is stopped (the relay is unreachable; the service worker serves the app)
 * and each device is opened cold `--opens` times each way: a new Chromium process on its
 * profile (the app was closed: nothing in memory; disk and code caches warm, as on a phone),
 * CPU throttled before navigating to /kern/<kern>, as a whole page load three ways (`Via`: the
 * first page of the just-started browser; a new tab of a browser running for 2 s; the app's
 * own tab, from its home page), and from the home page with a click. The bench waits for the
 * paint by polling through CDP, not with Playwright's waits, which evaluate Playwright's
 * injected script in the measured document. Measured in the page, in `performance.now()`
 * (ms since navigation start): "rendered" is when a MutationObserver sees the 200th `article.point`
 * in the DOM, "painted" the first task after the next animation frame (rAF, then a
 * MessageChannel message: after that frame's paint). The kern page draws its first point
 * cards at once and the rest right after that paint, so "first screen" is timed too: point
 * cards reach below the bottom of the screen, painted. Before the app runs, the service
 * worker's copy of the page this device kept (storage/pageSnapshot.ts) is shown: "first
 * shown" is that copy painted (it holds the page's first screen; all of it parsed, then the
 * paint), else the app's first screen. Target: first
 * shown painted p95 ≤ 300 ms; the app's first screen and all 200 are printed beside it. For
 * scale, in turn with the launch and new-tab opens, a page of two lines from a service worker
 * of a few lines is opened the same way (bench/lib/floor.ts): the least any page takes there.
 * `--via` opens only some of the ways (and `--keystrokes 0` skips input to screen). The
 * phases come from the first render of the app's shell (main bundle ran; a MutationObserver)
 * and from wrapping IndexedDB in the page: the room's db opened, its `updates` read (getAll), Y apply (until the next request
 * on that db), then meta, tokens and the React render of the agenda. A device that showed
 * the kern before draws the agenda it showed last (a saved screen in the device db, inert)
 * before the room opens: then the phases are the saved screen's, and the table says how many
 * opens showed it first, and how far the first screen moved when the copy gave way to the app
 * (it should not move: the copy stands where the app's page will).
 *
 * Input to screen, in one more cold-opened page of the followed device: the edit form of the
 * first point, `--keystrokes` keystrokes in its title field (playwright key presses, 150 ms
 * apart): from the keydown's `event.timeStamp` to after the next paint once the field shows
 * the new value (the rAF loop checks the value, then a MessageChannel message). Target p95
 * ≤ 50 ms. Cross-checked with the Event Timing API (duration to the next paint, reported
 * only from 16 ms). The five slowest keystrokes are listed with the long animation frames
 * (≥ 50 ms, the Long Animation Frames API) they fell in and the scripts that ran in those,
 * by what invoked them (an idle callback, a timer, an event...). For scale, the same
 * keystrokes are then typed, measured the same way, into the one text field of a page of two
 * lines in a new Chromium (bench/lib/floor.ts). For reference (no target): `--saves` times
 * Enter in the form, to the point's card showing the new title painted (a Y edit, re-read and
 * re-rendered).
 *
 * A missed target (or `--profile`) adds where the time goes: one more cold open, traced and
 * CPU-profiled (main-thread time per phase: script, style, layout, paint...; the heaviest
 * functions), and 10 more keystrokes the same way (bench/lib/cpu.ts). Functions are named by
 * file and source line when the served build has source maps: `npx vite build --sourcemap
 * --outDir /tmp/kernplein-map --emptyOutDir`, then `--dist /tmp/kernplein-map`. The raw CPU
 * profiles (`.cpuprofile`) are kept in a temporary folder, whose path is printed.
 *
 * The figures depend on the machine and its load: the load average is printed with them.
 */
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { openSqliteStore } from '../server/store';
import { agendaRoom } from '../src/model/rooms';
import { firstScreenParts, KernPage } from '../tests/e2e/pages/app';
import { activatedServiceWorker } from '../tests/e2e/serviceWorker';
import { agendaHistory, benchConfig, benchKern } from './lib/agenda';
import { chromiumFlags, chromiumPath, copyOfBuild, phoneProfile } from './lib/build';
import {
  profileLines,
  startTrace,
  traceLines,
  traceMark,
  traceSummary,
  traceTimeline,
  type CpuProfile,
  type TraceEvent,
} from './lib/cpu';
import { loadClient } from './lib/clients';
import { startFloor } from './lib/floor';
import {
  cleanup,
  deadline,
  makeToken,
  sleep,
  startKernplein,
  tempDir,
  type Relay,
} from './lib/servers';
import { median, ms, msDiff, percentile, table, verdict } from './lib/stats';

export interface LocalOptions {
  /** Cold opens per device. */
  opens: number;
  /** Keystrokes measured in the title field. */
  keystrokes: number;
  /** Saves (Enter in the edit form) measured, for reference. */
  saves: number;
  /** Edits of the 5,000 that reach the "followed" device live (one IndexedDB entry each). */
  liveEdits: number;
  /** CPU slowdown through CDP (default 4). */
  throttle?: number;
  /** The build to serve (default `dist/`); with source maps the profile names source files. */
  dist?: string;
  /** Always add the traced and profiled runs (otherwise only when a target is missed). */
  profile?: boolean;
  /** Only these ways of opening (default all); with `keystrokes` 0 input is not measured. */
  via?: Via[];
}

const targets = { open: 300, input: 50 };

/** Runs, p50, p95 and the verdict against the open target, for a table row. */
const figures = (runs: number[]) => [
  runs.map((r) => r.toFixed(0)).join(' '),
  ms(median(runs)),
  ms(percentile(runs, 95)),
  verdict(percentile(runs, 95) <= targets.open),
];
const kern = benchKern();
const room = agendaRoom(benchConfig(), kern);
const dbName = `kernplein:${room}`;
const kernPath = `/kern/${kern}`;

/** What the probe (below) leaves in the page as `window.__kp`. */
interface Probe {
  marks: Record<string, number>;
  entries: number;
  entryBytes: number;
  points: number;
  /** Elements in the document when the points are rendered. */
  elements: number;
  /** The points first rendered were the saved screen (inert), not the loaded document. */
  fromSaved: boolean;
  /**
   * How far the first screen's parts moved when the copy gave way to the app (px, the most
   * any moved; null: no copy). The copy is made to stand where the app's page will.
   */
  moved: number | null;
  /** Characters of the stylesheet inline in the page with the copy (null: no copy). */
  inlineCss: number | null;
  /** Layout shift score (CLS's sum, shifts without input) from navigation to all painted. */
  shifted: number;
  nav: {
    responseEnd: number;
    domContentLoaded: number;
    firstContentfulPaint: number;
    /** The app's stylesheet and main script received (resource timing `responseEnd`). */
    stylesheet: number;
    script: number;
  } | null;
  expect: { kind: 'value' | 'text'; id: string; value: string } | null;
  /** Per measured key press: keydown time, to after the paint, to the frame that shows it. */
  inputs: { start: number; latency: number; frame: number }[];
  /** Resolvers waiting for `inputs` to grow (so the bench does not poll the page). */
  waiters: (() => void)[];
  events: { name: string; duration: number; interactionId: number; start: number }[];
  /** Long animation frames (≥ 50 ms) and the scripts that ran in them (LoAF API). */
  frames: LongFrame[];
}

interface LongFrame {
  start: number;
  duration: number;
  scripts: { invoker: string; source: string; start: number; duration: number }[];
}

/**
 * Runs in the page before its own scripts (`addInitScript`): marks when the 200th point is
 * in the DOM and painted, times the room's IndexedDB (open, read of `updates`, the first
 * request after the read = Y apply done), and measures a keystroke or an Enter from its
 * keydown to after the paint that shows it (`expect` set from the bench before the press).
 */
function probe({ points, dbName, parts }: { points: number; dbName: string; parts: string[] }) {
  const state: Probe = {
    marks: {},
    entries: 0,
    entryBytes: 0,
    points: 0,
    elements: 0,
    fromSaved: false,
    moved: null,
    inlineCss: null,
    shifted: 0,
    nav: null,
    expect: null,
    inputs: [],
    waiters: [],
    events: [],
    frames: [],
  };
  (window as unknown as { __kp: Probe }).__kp = state;
  const mark = (name: string) => {
    if (state.marks[name] !== undefined) return;
    state.marks[name] = performance.now();
    performance.mark(`kp-${name}`); // in a trace too
  };
  // After the frame's paint: a user-blocking task runs before the app's own tasks queued in
  // that frame (its relay connect), which would otherwise count as time before the paint.
  type PostTask = (fn: () => void, options: { priority: string }) => Promise<void>;
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  const afterPaint = (then: () => void) =>
    requestAnimationFrame(() => {
      if (scheduler?.postTask) return void scheduler.postTask(then, { priority: 'user-blocking' });
      const channel = new MessageChannel();
      channel.port1.onmessage = then;
      channel.port2.postMessage(null);
    });

  // Where the first screen's parts stand (in the page) in the copy and in the app when it
  // gives way.
  const tops = (frame: Element) =>
    parts.map((part) => {
      const element = frame.querySelector(part);
      return element ? element.getBoundingClientRect().top + window.scrollY : null;
    });
  let copyTops: (number | null)[] = [];
  const observer = new MutationObserver(() => {
    if (document.getElementById('root')?.firstChild) mark('shell');
    // The service worker's copy of the page (storage/pageSnapshot.ts), its first screen: all
    // of it parsed (the copy is followed by the rest of the page).
    const copy = document.getElementById('snapshot');
    if (state.marks.copy === undefined && copy?.nextSibling) {
      mark('copy');
      copyTops = tops(copy);
      state.inlineCss = document.querySelector('style[data-href]')?.textContent?.length ?? null;
      afterPaint(() => mark('copyPainted'));
    }
    const root = document.getElementById('root');
    if (state.marks.copy !== undefined && !copy && state.moved === null && root) {
      const appTops = tops(root);
      state.moved = Math.max(
        0,
        ...copyTops.map((top, i) => (top === null ? 0 : Math.abs((appTops[i] ?? top) - top))),
      );
    }
    const cards = document.querySelectorAll('#root article.point');
    const count = cards.length;
    // The first screen: point cards reach below the bottom of the screen (or all are there).
    if (
      state.marks.screen === undefined &&
      count > 0 &&
      (count >= points || cards[count - 1]!.getBoundingClientRect().top >= window.innerHeight)
    ) {
      mark('screen');
      afterPaint(() => mark('screenPainted'));
    }
    if (count < points) return;
    observer.disconnect();
    state.points = count;
    state.elements = document.getElementsByTagName('*').length;
    state.fromSaved = document.querySelector('.agenda-view[inert]') !== null;
    mark('rendered');
    afterPaint(() => {
      mark('painted');
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      const received = (extension: string) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
          (entry) => /\/assets\/index-[^/]*$/.test(entry.name) && entry.name.endsWith(extension),
        )?.responseEnd ?? Number.NaN;
      if (nav)
        state.nav = {
          responseEnd: nav.responseEnd,
          domContentLoaded: nav.domContentLoadedEventEnd,
          firstContentfulPaint:
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          stylesheet: received('.css'),
          script: received('.js'),
        };
    });
  });
  observer.observe(document, { childList: true, subtree: true });

  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    const request = open.call(this, name, version);
    const which = name === dbName ? 'room' : name === 'kernplein' ? 'device' : null;
    if (which) {
      mark(`${which}DbOpen`);
      request.addEventListener('success', () => mark(`${which}DbOpened`));
    }
    return request;
  } as typeof open;
  const ofRoom = (store: IDBObjectStore) => store.transaction.db.name === dbName;
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
    const request = getAll.apply(this, args as Parameters<typeof getAll>);
    if (ofRoom(this) && this.name === 'updates' && state.marks.read === undefined) {
      mark('readStart');
      // Registered before y-indexeddb sets `onsuccess`, so it runs first: Y apply follows.
      request.addEventListener('success', () => {
        mark('read');
        const rows = request.result as Uint8Array[];
        state.entries = rows.length;
        state.entryBytes = rows.reduce((sum, row) => sum + row.byteLength, 0);
      });
    }
    return request;
  } as typeof getAll;
  // Not `add`: y-indexeddb adds the (empty) doc's state right before it applies the entries.
  for (const method of ['get', 'getKey', 'openCursor', 'openKeyCursor', 'count', 'put']) {
    const proto = IDBObjectStore.prototype as unknown as Record<
      string,
      (...a: unknown[]) => unknown
    >;
    const original = proto[method]!;
    proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (state.marks.read !== undefined && ofRoom(this)) mark('applied');
      return original.apply(this, args);
    };
  }

  // An open from the home page starts with the click on the kern.
  addEventListener('click', () => mark('click'), true);

  // Input to screen.
  addEventListener(
    'keydown',
    (event) => {
      const expect = state.expect;
      if (!expect) return;
      state.expect = null;
      const start = event.timeStamp;
      const shown = () => {
        const element = document.getElementById(expect.id);
        return expect.kind === 'value'
          ? (element as HTMLInputElement | null)?.value === expect.value
          : element?.textContent === expect.value;
      };
      const frame = () => {
        if (!shown()) return void requestAnimationFrame(frame);
        const frameAt = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          state.inputs.push({ start, latency: performance.now() - start, frame: frameAt - start });
          for (const wake of state.waiters.splice(0)) wake();
        };
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
  new PerformanceObserver((list) => {
    if (state.marks.painted !== undefined) return;
    for (const entry of list.getEntries() as unknown as {
      value: number;
      hadRecentInput: boolean;
    }[])
      if (!entry.hadRecentInput) state.shifted += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[])
        state.events.push({
          name: entry.name,
          duration: entry.duration,
          interactionId: (entry as unknown as { interactionId?: number }).interactionId ?? 0,
          start: entry.startTime,
        });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  } catch {
    // No Event Timing: the own measurement still runs.
  }
  try {
    type Script = {
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      sourceCharPosition: number;
      startTime: number;
      duration: number;
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as (PerformanceEntry & {
        scripts: Script[];
      })[])
        state.frames.push({
          start: entry.startTime,
          duration: entry.duration,
          scripts: entry.scripts.map((script) => ({
            invoker: script.invoker,
            source: `${script.sourceFunctionName || '?'} ${script.sourceURL.replace(/^.*\//, '')}:${script.sourceCharPosition}`,
            start: script.startTime,
            duration: script.duration,
          })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true } as PerformanceObserverInit);
  } catch {
    // No LoAF: the slowest keystrokes are printed without what ran with them.
  }
}

function launch(profile: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumFlags,
    baseURL,
    ...phoneProfile,
  });
}

/** The probe, in every document the page opens from now on (before its own scripts). */
async function addProbe(page: Page, setup: Setup): Promise<void> {
  // tsx (esbuild keepNames) wraps the probe's inner functions in `__name(...)` calls.
  await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await page.addInitScript(probe, { points: setup.points, dbName, parts: firstScreenParts });
}

const firstPage = async (context: BrowserContext) =>
  context.pages()[0] ?? (await context.newPage());

/** Entries in the room's y-indexeddb `updates` store, read in the page. */
function entriesIn(page: Page): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => (db.close(), reject(count.error));
        };
      }),
    dbName,
  );
}

/**
 * Opens the kern online on a profile (unthrottled: setting up is not measured), with the
 * commissie code, until synced; `live` then sends edits from another client while the page
 * is open. Returns the number of entries the device's IndexedDB holds for the room.
 */
async function prepareDevice(
  profile: string,
  relay: Relay,
  token: string,
  points: number,
  live?: { updates: Uint8Array[] },
): Promise<number> {
  const context = await launch(profile, relay.httpUrl);
  try {
    const page = await firstPage(context);
    const kernPage = new KernPage(page);
    await page.goto(kernPath);
    await kernPage.waitForAgenda();
    await kernPage.useAccessCode(token);
    await kernPage.pointsHeading(points).waitFor({ timeout: 60_000 });
    await kernPage.waitForSync();
    await activatedServiceWorker(page);
    const before = await entriesIn(page);
    if (live) {
      const client = loadClient(relay, room, { token });
      await client.synced;
      for (const [i, update] of live.updates.entries()) {
        Y.applyUpdate(client.doc, update);
        if (i % 10 === 9) await sleep(50);
      }
      const want = before + live.updates.length;
      const end = performance.now() + 120_000;
      while ((await entriesIn(page)) < want) {
        if (performance.now() > end) throw new Error(`the device did not store ${want} entries`);
        await sleep(250);
      }
      client.destroy();
    }
    await kernPage.waitForSync();
    await sleep(500); // the room's meta (what the server has) is saved after 300 ms
    return await entriesIn(page);
  } finally {
    await context.close();
  }
}

interface Open {
  marks: Record<string, number>;
  entries: number;
  entryBytes: number;
  points: number;
  elements: number;
  fromSaved: boolean;
  moved: number | null;
  inlineCss: number | null;
  shifted: number;
  nav: Probe['nav'];
}

/** Where a cold open's time went: a trace and a CPU profile of the same open. */
interface Diagnosed {
  open: Open;
  trace: TraceEvent[];
  cpu: CpuProfile;
}

interface Setup {
  baseURL: string;
  points: number;
  throttle: number;
}

/**
 * A new Chromium on `profile`, CPU throttled, opening the kern page `via` one of the ways;
 * `use` runs once the 200 points are painted. With `diagnose`, the open is traced and
 * CPU-profiled.
 */
async function withColdPage<T>(
  profile: string,
  setup: Setup,
  use: (page: Page, cdp: CDPSession, stop: () => Promise<Diagnosis | null>) => Promise<T>,
  diagnose = false,
  via: Via = 'launch',
): Promise<T> {
  const context = await launch(profile, setup.baseURL);
  try {
    // A browser that has been running: its own start-up work is done when the tab opens.
    if (via === 'newtab') await sleep(2_000);
    const page = via === 'newtab' ? await context.newPage() : await firstPage(context);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: setup.throttle });
    await addProbe(page, setup);
    let stop = async (): Promise<Diagnosis | null> => null;
    const link = page.locator(`a.kern-link[href="${kernPath}"]`);
    if (via === 'home' || via === 'tab') {
      await page.goto('/');
      await link.waitFor({ timeout: 30_000 });
      // The home page settles and runs the kern page's code when idle (App.tsx).
      await page.waitForFunction(
        () =>
          performance
            .getEntriesByType('resource')
            .some((entry) => entry.name.includes('/assets/KernPage-')),
        null,
        { timeout: 30_000, polling: 200 },
      );
      await sleep(1_000);
    }
    if (diagnose) stop = await startDiagnosis(cdp);
    if (via === 'home') await link.click();
    else await page.goto(kernPath, { waitUntil: 'commit' });
    await untilInPage(cdp, 'window.__kp?.marks.painted !== undefined', 60_000).catch(
      async (error: unknown) => {
        const seen = await page
          .evaluate(() => ({
            marks: (window as unknown as { __kp?: Probe }).__kp?.marks,
            points: document.querySelectorAll('article.point').length,
            text: document.body?.innerText.slice(0, 400),
          }))
          .catch(() => null);
        throw new Error(`the cold open of ${page.url()} did not paint: ${JSON.stringify(seen)}`, {
          cause: error,
        });
      },
    );
    return await use(page, cdp, stop);
  } finally {
    await context.close();
  }
}

/**
 * Waits until `expression` is true in the page, polling through CDP every 100 ms. Not
 * Playwright's `waitForFunction`: that first evaluates Playwright's injected script in the
 * document, 35–50 ms of main-thread work at 4× CPU, which fell just before the first paint
 * being measured.
 */
async function untilInPage(cdp: CDPSession, expression: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const done = await cdp
      .send('Runtime.evaluate', { expression, returnByValue: true })
      .then(({ result }) => result.value === true)
      // Between two documents there is no context to evaluate in.
      .catch(() => false);
    if (done) return;
    if (Date.now() > end) throw new Error(`not true after ${timeoutMs} ms: ${expression}`);
    await sleep(100);
  }
}

interface Diagnosis {
  trace: TraceEvent[];
  cpu: CpuProfile;
}

/** Starts a trace and the V8 CPU profiler (0.25 ms samples); the result stops both. */
async function startDiagnosis(cdp: CDPSession): Promise<() => Promise<Diagnosis>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  const endTrace = await startTrace(cdp);
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    return { trace: await endTrace(), cpu: profile };
  };
}

const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __kp: Probe }).__kp);

/**
 * How the kern is opened. Three whole page loads (its address opened; the app's code is
 * loaded and run):
 * - `launch`: as the first page of a Chromium that was just started for it;
 * - `newtab`: in a new tab of a Chromium that has been running for 2 s, the app's service
 *   worker not running (as a phone's browser usually is when the app is opened again);
 * - `tab`: in the tab where the app's home page runs (a reload, or a link from outside).
 * And `home`: a click on it on the home page of the running app (the app's code is running;
 * the kern's data is not in memory yet).
 */
type Via = 'launch' | 'newtab' | 'tab' | 'home';
const wholeLoads = ['launch', 'newtab', 'tab'] as const;
const viaLabels: Record<(typeof wholeLoads)[number], string> = {
  launch: 'the first page of a Chromium just started',
  newtab: 'a new tab of a running Chromium',
  tab: "in the app's own tab, from its home page",
};

async function coldOpen(profile: string, setup: Setup, via: Via): Promise<Open> {
  return withColdPage(
    profile,
    setup,
    async (page) => toOpen(await readProbe(page), setup),
    false,
    via,
  );
}

/** Bytes of the build's stylesheet (minified, not compressed). */
const stylesheetBytes = (dist: string) =>
  readdirSync(join(dist, 'assets'))
    .filter((file) => file.endsWith('.css'))
    .reduce((sum, file) => sum + statSync(join(dist, 'assets', file)).size, 0);

/** The stylesheet inline with the copy (the most over the opens that showed one). */
function inlineCssOf(opens: Open[]): string {
  const sizes = opens.flatMap((open) => (open.inlineCss === null ? [] : [open.inlineCss]));
  return sizes.length ? `${(Math.max(...sizes) / 1024).toFixed(1)} KB` : 'no copy shown';
}

/** The most the first screen moved when the copy gave way, over the opens that showed one. */
function movedOf(opens: Open[]): string {
  const moved = opens.flatMap((open) => (open.moved === null ? [] : [open.moved]));
  return moved.length ? `at most ${Math.max(...moved).toFixed(0)} px` : 'no copy shown';
}

function toOpen(probe: Probe, setup: Setup): Open {
  if (probe.points !== setup.points)
    throw new Error(`rendered ${probe.points} points, expected ${setup.points}`);
  return {
    marks: probe.marks,
    entries: probe.entries,
    entryBytes: probe.entryBytes,
    points: probe.points,
    elements: probe.elements,
    fromSaved: probe.fromSaved,
    moved: probe.moved,
    inlineCss: probe.inlineCss,
    shifted: probe.shifted,
    nav: probe.nav,
  };
}

async function diagnosedOpen(profile: string, setup: Setup, via: Via): Promise<Diagnosed> {
  return withColdPage(
    profile,
    setup,
    async (page, _cdp, stop) => {
      const open = toOpen(await readProbe(page), setup);
      const diagnosis = (await stop())!;
      return { open, ...diagnosis };
    },
    true,
    via,
  );
}

const phaseSteps: [string, string | null, string][] = [
  ['HTML from the service worker', null, 'html'],
  ['main bundle loaded and run (shell rendered)', 'html', 'shell'],
  ['kern page chunk, React (room db opened)', 'shell', 'roomDbOpen'],
  ['IndexedDB open of the room db', 'roomDbOpen', 'roomDbOpened'],
  ['IndexedDB read of the updates', 'roomDbOpened', 'read'],
  ['Y apply of the entries', 'read', 'applied'],
  ['meta, tokens, React render of the agenda', 'applied', 'rendered'],
  ['to the paint', 'rendered', 'painted'],
];

/**
 * The phases when the saved screen came first (useAgendaScreen.ts): the kern page reads it
 * from the device db and draws it before the room opens, so the room's own phases come after
 * the paint.
 */
const savedPhaseSteps: [string, string | null, string][] = [
  ...phaseSteps.slice(0, 2),
  ['kern page chunk, saved screen read, React render of all 200', 'shell', 'rendered'],
  ['to the paint', 'rendered', 'painted'],
];

/** The phases of an open from the home page: from the click instead of from navigation. */
const homePhaseSteps: [string, string | null, string][] = [
  ['React, kern page chunk (room db opened)', 'click', 'roomDbOpen'],
  ...phaseSteps.slice(3),
];
const savedHomePhaseSteps: [string, string | null, string][] = [
  ['React, saved screen read, all 200 rendered', 'click', 'rendered'],
  ['to the paint', 'rendered', 'painted'],
];

/** The saved-screen phases when every open showed the saved screen first, else the room's. */
const stepsFor = (opens: readonly Open[], room: typeof phaseSteps, saved: typeof phaseSteps) =>
  opens.every((open) => open.fromSaved) ? saved : room;

/** Each phase of a cold open as [label, start, end] in ms since navigation start. */
function phaseWindows(open: Open, steps = phaseSteps): [string, number, number][] {
  const at = { ...open.marks, html: open.nav?.responseEnd ?? Number.NaN } as Record<string, number>;
  return steps.map(([label, from, to]) => [label, from ? (at[from] ?? NaN) : 0, at[to] ?? NaN]);
}

/** Table rows: each phase's median length over the opens, one column per device. */
function phaseRows(steps: typeof phaseSteps, opensPerDevice: readonly Open[][]): string[][] {
  const windows = opensPerDevice.map((opens) => opens.map((open) => phaseWindows(open, steps)));
  return steps.map(([label], p) => [
    label,
    ...windows.map((runs) => ms(median(runs.map((r) => r[p]![2] - r[p]![1])))),
  ]);
}

/** Tells the probe what the next key press should show: a field's value or an element's text. */
const expectNext = (page: Page, kind: 'value' | 'text', id: string, value: string) =>
  page.evaluate((expect) => ((window as unknown as { __kp: Probe }).__kp.expect = expect), {
    kind,
    id,
    value,
  });

/**
 * Until the probe has measured `count` key presses: one call that resolves in the page, not a
 * poll (polling would compete with the page).
 */
const waitMeasured = (page: Page, count: number) =>
  page.evaluate((n) => {
    const kp = (window as unknown as { __kp: Probe }).__kp;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a key press was not shown')), 10_000);
      const check = () =>
        kp.inputs.length >= n ? (clearTimeout(timer), resolve()) : kp.waiters.push(check);
      check();
    });
  }, count);

/**
 * `count` letters typed into the focused text field `inputId`, 150 ms apart, each measured by
 * the probe (keydown → the field shows it, painted) before the next.
 */
async function typeKeys(page: Page, inputId: string, count: number): Promise<void> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const measured = await page.evaluate(
    () => (window as unknown as { __kp: Probe }).__kp.inputs.length,
  );
  for (let i = 0; i < count; i++) {
    const key = letters[i % letters.length]!;
    const value = await page.locator(`#${inputId}`).inputValue();
    await expectNext(page, 'value', inputId, value + key);
    await page.keyboard.press(key);
    await waitMeasured(page, measured + i + 1);
    await sleep(150);
  }
}

/** Keystrokes in the title field of the first point's edit form, then saves with Enter. */
async function measureInput(
  profile: string,
  setup: Setup,
  counts: { keystrokes: number; saves: number },
  diagnose = false,
) {
  return withColdPage(profile, setup, async (page, cdp) => {
    await sleep(2000); // past the cold open's own work
    const first = page.locator('article.point').first();
    const titleId = (await first.getAttribute('aria-labelledby'))!;
    const id = titleId.replace(/^punt-/, '');
    const inputId = `pf-${id}-title`;
    const openForm = async () => {
      await page.locator(`#bewerk-${id}`).click();
      await page.locator(`#${inputId}`).waitFor();
      await page.locator(`#${inputId}`).focus();
      await page.keyboard.press('End');
      await sleep(300);
    };
    await openForm();
    const typingDiagnosis = diagnose ? await startDiagnosis(cdp) : null;
    const typedStart = await page.evaluate(() => {
      performance.mark('kp-typing');
      return performance.now();
    });
    await typeKeys(page, inputId, counts.keystrokes);
    let n = counts.keystrokes;
    const typedEnd = await page.evaluate(() => performance.now());
    const typing = typingDiagnosis ? await typingDiagnosis() : null;
    for (let i = 0; i < counts.saves; i++) {
      if (i > 0) {
        await openForm();
        await page.keyboard.type(` ${i}`);
        await sleep(300);
      }
      const value = (await page.locator(`#${inputId}`).inputValue()).trim();
      await expectNext(page, 'text', titleId, value);
      await page.keyboard.press('Enter');
      await waitMeasured(page, ++n);
      await sleep(500);
    }
    const probe = await readProbe(page);
    // Event Timing: the longest entry per keystroke interaction while typing (≥ 16 ms only).
    const perInteraction = new Map<number, number>();
    for (const e of probe.events)
      if (e.interactionId > 0 && e.start >= typedStart && e.start <= typedEnd)
        perInteraction.set(
          e.interactionId,
          Math.max(perInteraction.get(e.interactionId) ?? 0, e.duration),
        );
    return {
      typing: probe.inputs.slice(0, counts.keystrokes),
      saving: probe.inputs.slice(counts.keystrokes),
      eventTiming: [...perInteraction.values()],
      frames: probe.frames.filter((f) => f.start + f.duration >= typedStart && f.start <= typedEnd),
      diagnosis: typing ? { ...typing, from: typedStart, to: typedEnd } : null,
    };
  });
}

/**
 * The slowest keystrokes (when, in ms since the page opened) and the long animation frames
 * (≥ 50 ms) they overlap: the scripts that ran in them, by what invoked them.
 */
function slowestKeystrokes(typed: Probe['inputs'], frames: LongFrame[], count = 5): string[] {
  const lines = [`the ${count} slowest keystrokes and the long frames (≥ 50 ms) around them:`];
  for (const key of [...typed].sort((a, b) => b.latency - a.latency).slice(0, count)) {
    const around = frames.filter(
      (f) => f.start <= key.start + key.latency && f.start + f.duration >= key.start,
    );
    lines.push(
      `  ${ms(key.latency)}, ${ms(key.start)} after the page opened` +
        (around.length ? ':' : ': in no long frame'),
    );
    for (const frame of around) {
      lines.push(`    a frame of ${ms(frame.duration)} from ${msDiff(frame.start - key.start)}:`);
      for (const script of frame.scripts)
        lines.push(
          `      ${ms(script.duration)} ${script.invoker} (${script.source}) from ${msDiff(script.start - key.start)}`,
        );
    }
  }
  return lines;
}

function machine(): string {
  const cpu = cpus();
  return `${type()} ${release()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

export async function runLocal(options: LocalOptions): Promise<void> {
  const history = agendaHistory(benchConfig());
  const points = history.ids.length;
  const live = Math.max(0, Math.min(options.liveEdits, history.updates.length - points));
  const rate = options.throttle ?? 4;
  console.log(
    `\n## Local-first: cold open from IndexedDB and input to screen (${room}: ${points} points, ` +
      `${history.updates.length} edits; Chromium, CPU ${rate}x throttled)`,
  );
  console.log(`machine: ${machine()}; load average at start ${load()} (1 / 5 / 15 min)`);

  const dataDir = tempDir('kernplein-bench-local-');
  const store = openSqliteStore(dataDir);
  for (const update of history.updates.slice(0, history.updates.length - live))
    store.append(room, update);
  store.close();
  const token = await makeToken(dataDir, 'commissie', kern, 'Bench');
  const served = copyOfBuild(options.dist);
  const relay = await startKernplein({ dataDir, args: ['--static', served] });
  const setup: Setup = { baseURL: relay.httpUrl, points, throttle: rate };
  const devices = [
    { name: 'followed', profile: tempDir('kernplein-bench-followed-') },
    { name: 'fresh', profile: tempDir('kernplein-bench-fresh-') },
  ] as const;
  const [followed, fresh] = devices;
  const entries = new Map<string, number>();
  let version = '';
  try {
    entries.set(
      followed.name,
      await prepareDevice(followed.profile, relay, token, points, {
        updates: history.updates.slice(history.updates.length - live),
      }),
    );
    entries.set(fresh.name, await prepareDevice(fresh.profile, relay, token, points));
    const context = await launch(fresh.profile, relay.httpUrl);
    try {
      const cdp = await context.newCDPSession(await firstPage(context));
      version = ((await cdp.send('Browser.getVersion')) as { product: string }).product;
    } finally {
      await context.close();
    }
  } finally {
    // From here on the relay is unreachable: the service worker serves the app.
    await relay.stop();
  }
  console.log(`browser: ${version} (${chromiumPath}), headless, 390×844 at 2x, mobile`);
  console.log(
    `state: ${Y.encodeStateAsUpdate(history.doc).byteLength} bytes; IndexedDB after the online open: ` +
      `followed ${entries.get(followed.name)} entries (${live} edits received live, one entry each), ` +
      `fresh ${entries.get(fresh.name)} entries`,
  );

  let openMissed = false;
  const ways = options.via ?? [...wholeLoads, 'home'];
  // The page of two lines is opened beside the launch and the new tab, and typed into after
  // the title field.
  const floor =
    ways.some((w) => w === 'launch' || w === 'newtab') || options.keystrokes > 0
      ? await startFloor()
      : null;
  for (const via of wholeLoads.filter((w) => ways.includes(w))) {
    const opens = new Map<string, Open[]>(devices.map((d) => [d.name, []]));
    // For scale, in turn with the kern page's opens: a two-line page opened the same way,
    // with the same probe in it.
    const floorRuns: number[] = [];
    const openers = [
      ...devices.map((d) => async () => {
        opens.get(d.name)!.push(await coldOpen(d.profile, setup, via));
      }),
      ...(floor && via !== 'tab'
        ? [
            async () => {
              floorRuns.push(await floor.open(via, rate, (page) => addProbe(page, setup)));
            },
          ]
        : []),
    ];
    // Each round starts with the next of them: none always opens right after the same one
    // (after a browser that just closed, or one whose profile is larger).
    for (let i = 0; i < options.opens; i++)
      for (let j = 0; j < openers.length; j++) await openers[(i + j) % openers.length]!();
    const painted = (name: string) => opens.get(name)!.map((r) => r.marks.painted!);
    const screen = (name: string) => opens.get(name)!.map((r) => r.marks.screenPainted!);
    // What is shown first: the service worker's copy of the page, else the app's first screen.
    const shown = (name: string) =>
      opens.get(name)!.map((r) => r.marks.copyPainted ?? r.marks.screenPainted!);
    openMissed ||= devices.some((d) => percentile(screen(d.name), 95) > targets.open);
    console.log(
      `\ncold open as a whole page load, ${viaLabels[via]}: from IndexedDB, relay unreachable ` +
        `(navigation start → the first screen of points painted, and all ${setup.points}), ` +
        `${options.opens} opens per device, each in a new Chromium:`,
    );
    console.log(
      table([
        [
          'device',
          'room in IndexedDB',
          'painted',
          'runs (ms)',
          'p50',
          'p95',
          `≤ ${targets.open} ms`,
        ],
        ...devices.flatMap((d) => {
          const runs = opens.get(d.name)!;
          const room =
            runs[0]!.entries > 0
              ? `${runs[0]!.entries} entries, ${(runs[0]!.entryBytes / 1024).toFixed(0)} KB`
              : `${entries.get(d.name)} entries (read after the paint)`;
          const copies = runs.filter((r) => r.marks.copyPainted !== undefined).length;
          return [
            [
              d.name,
              room,
              `first shown (copy ${copies}/${runs.length})`,
              ...figures(shown(d.name)),
            ],
            ['', '', 'first screen, app', ...figures(screen(d.name))],
            ['', '', `all ${setup.points}`, ...figures(painted(d.name))],
          ];
        }),
      ]),
    );
    if (floorRuns.length)
      console.log(
        `for scale, the same way: a page of two lines from a service worker of a few lines ` +
          `(bench/lib/floor.ts), first contentful paint: runs ${floorRuns.map((r) => r.toFixed(0)).join(' ')}, ` +
          `p50 ${ms(median(floorRuns))}, p95 ${ms(percentile(floorRuns, 95))}; the kern page's ` +
          `first shown above it, p50: ${devices
            .map((d) => `${d.name} ${msDiff(median(shown(d.name)) - median(floorRuns))}`)
            .join(', ')}`,
      );
    const inline = devices.map((d) => `${d.name} ${inlineCssOf(opens.get(d.name)!)}`).join(', ');
    const whole = `${(stylesheetBytes(served) / 1024).toFixed(1)} KB`;
    console.log(
      `DOM when the points are rendered: ${opens.get(followed.name)![0]!.elements} elements; ` +
        `the app first showed the saved screen: ${devices
          .map(
            (d) =>
              `${d.name} ${opens.get(d.name)!.filter((o) => o.fromSaved).length} of ${opens.get(d.name)!.length}`,
          )
          .join(', ')}; the first screen moved when the copy gave way to the app: ${devices
          .map((d) => `${d.name} ${movedOf(opens.get(d.name)!)}`)
          .join(', ')}; ` +
        `the stylesheet inline with the copy (its first screen's rules): ${inline} of the whole ${whole}; ` +
        `layout shifts until all 200 painted (CLS), the most: ${devices
          .map(
            (d) => `${d.name} ${Math.max(...opens.get(d.name)!.map((o) => o.shifted)).toFixed(3)}`,
          )
          .join(', ')}; load average after these opens: ${load()}`,
    );
    const steps = stepsFor([...opens.values()].flat(), phaseSteps, savedPhaseSteps);
    const since = (label: string, runs: (name: string) => number[]) => [
      `${label}, since navigation start`,
      ...devices.map((d) => ms(median(runs(d.name)))),
    ];
    console.log(
      table([
        ['phase (median of the runs)', ...devices.map((d) => d.name)],
        ...phaseRows(
          steps,
          devices.map((d) => opens.get(d.name)!),
        ),
        since('first contentful paint (the browser)', (name) =>
          opens.get(name)!.map((r) => r.nav?.firstContentfulPaint ?? Number.NaN),
        ),
        since('HTML received (from the service worker)', (name) =>
          opens.get(name)!.map((r) => r.nav?.responseEnd ?? Number.NaN),
        ),
        since('stylesheet received', (name) =>
          opens.get(name)!.map((r) => r.nav?.stylesheet ?? Number.NaN),
        ),
        since('main script received', (name) =>
          opens.get(name)!.map((r) => r.nav?.script ?? Number.NaN),
        ),
        since("the page's copy painted", shown),
        since('first screen painted', screen),
        since('all painted', painted),
      ]),
    );
  }

  if (ways.includes('home')) {
    // The same kernagenda opened from the home page of the running app: click → painted.
    const fromHome = new Map<string, Open[]>();
    for (const d of devices) {
      const runs: Open[] = [];
      for (let i = 0; i < options.opens; i++) runs.push(await coldOpen(d.profile, setup, 'home'));
      fromHome.set(d.name, runs);
    }
    const sinceClick = (name: string, to = 'painted') =>
      fromHome.get(name)!.map((r) => r.marks[to]! - r.marks.click!);
    const savedFirst = devices
      .map((d) => `${d.name} ${fromHome.get(d.name)!.filter((o) => o.fromSaved).length}`)
      .join(', ');
    console.log(
      `\nopened from the home page (the app runs; the kern's data is not in memory): ` +
        `click → the first screen of points painted, and all ${setup.points}, ` +
        `${options.opens} opens per device (first shown from the saved screen: ${savedFirst}):`,
    );
    console.log(
      table([
        ['device', 'painted', 'runs (ms)', 'p50', 'p95', `≤ ${targets.open} ms`],
        ...devices.flatMap((d) => [
          [d.name, 'first screen', ...figures(sinceClick(d.name, 'screenPainted'))],
          ['', `all ${setup.points}`, ...figures(sinceClick(d.name))],
        ]),
      ]),
    );
    const homeSteps = stepsFor([...fromHome.values()].flat(), homePhaseSteps, savedHomePhaseSteps);
    console.log(
      table([
        ['phase (median of the runs)', ...devices.map((d) => d.name)],
        ...phaseRows(
          homeSteps,
          devices.map((d) => fromHome.get(d.name)!),
        ),
      ]),
    );
  }

  let inputMissed = false;
  if (options.keystrokes > 0) {
    const input = await measureInput(followed.profile, setup, options);
    const typed = input.typing.map((t) => t.latency);
    const inputP95 = percentile(typed, 95);
    inputMissed = inputP95 > targets.input;
    console.log(
      `\ninput to screen, ${typed.length} keystrokes in the title field of a point's edit form ` +
        `(keydown → field shows it, painted):`,
    );
    console.log(
      `p50 ${ms(median(typed))}, p95 ${ms(inputP95)}, worst ${ms(Math.max(...typed))} ` +
        `(to the frame that shows it: p50 ${ms(median(input.typing.map((t) => t.frame)))}); ` +
        `target p95 ≤ ${targets.input} ms: ${verdict(inputP95 <= targets.input)}`,
    );
    console.log(
      `Event Timing: ${input.eventTiming.length} of ${typed.length} keystrokes took ≥ 16 ms ` +
        `to the next paint` +
        (input.eventTiming.length
          ? ` (p50 of those ${ms(median(input.eventTiming))}, worst ${ms(Math.max(...input.eventTiming))})`
          : ''),
    );
    console.log(slowestKeystrokes(input.typing, input.frames).join('\n'));
    // For scale: the same keystrokes in the one text field of a page of two lines.
    const plain = await floor!.typeIn(
      rate,
      (page) => addProbe(page, setup),
      async (page, fieldId) => {
        await page.locator(`#${fieldId}`).focus();
        await page.keyboard.press('End');
        await sleep(300);
        await typeKeys(page, fieldId, options.keystrokes);
        return (await readProbe(page)).inputs.map((t) => t.latency);
      },
    );
    console.log(
      `for scale, the same way: ${plain.length} keystrokes in the one text field of a page of two ` +
        `lines (bench/lib/floor.ts): p50 ${ms(median(plain))}, p95 ${ms(percentile(plain, 95))}; ` +
        `the title field above it: p50 ${msDiff(median(typed) - median(plain))}, ` +
        `p95 ${msDiff(inputP95 - percentile(plain, 95))}`,
    );
    if (input.saving.length) {
      const saved = input.saving.map((t) => t.latency);
      console.log(
        `for reference, ${saved.length} saves (Enter in the form → card shows the new title, ` +
          `painted): p50 ${ms(median(saved))}, worst ${ms(Math.max(...saved))}`,
      );
    }
  }
  await floor?.stop();
  console.log(`load average at the end: ${load()}`);

  if (!options.profile && !openMissed && !inputMissed) return;
  const scriptsDir = served;
  // The raw profiles are kept (the served build and its source maps are not): for a closer
  // look than the summary below, e.g. in Chromium's DevTools (Performance, load profile).
  const profilesDir = mkdtempSync(join(tmpdir(), 'kernplein-bench-profiles-'));
  const keep = (name: string, cpu: CpuProfile) => {
    const file = join(profilesDir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(cpu));
    return file;
  };
  console.log(
    `\nwhere the time goes (one more traced and CPU-profiled run; ` +
      `${existsSync(join(served, 'assets')) && readdirSync(join(served, 'assets')).some((f) => f.endsWith('.map')) ? 'source maps of the build' : 'no source maps: build a copy with `npx vite build --sourcemap --outDir DIR` and pass `--dist DIR` for file names'}):`,
  );
  if (options.profile || openMissed) {
    // The first way of opening asked for (`--via`), by default the coldest.
    const via = ways[0]!;
    const { open, trace, cpu } = await diagnosedOpen(followed.profile, setup, via);
    const thread = traceMark(trace, 'kp-painted');
    // performance.now() 0 on the trace clock (µs), which is also the profile's clock.
    const origin = thread.ts - open.marks.painted! * 1000;
    const at = (ms: number) => origin + ms * 1000;
    console.log(
      `cold open of the followed device (${via}), painted at ${ms(open.marks.painted!)} ` +
        `(tracing and profiling slow it down); the main thread per phase:`,
    );
    const diagnosedSteps = open.fromSaved ? savedPhaseSteps : phaseSteps;
    for (const [label, from, to] of phaseWindows(open, diagnosedSteps)) {
      const summary = traceSummary(trace, thread, [[at(from), at(to)]]);
      console.log(
        `  ${label}: ${ms(to - from)}, busy ${ms(summary.total)}: ` +
          summary.groups
            .slice(0, 4)
            .map(([group, time]) => `${group} ${ms(time)}`)
            .join(', '),
      );
    }
    const copyAt = open.marks.copyPainted;
    if (copyAt !== undefined) {
      console.log(
        `the main thread's tasks, navigation start → the page's copy painted (${ms(copyAt)}):`,
      );
      for (const line of traceTimeline(trace, thread, origin, at(copyAt))) console.log(line);
    }
    console.log('all of it, navigation start → painted:');
    for (const line of traceLines(traceSummary(trace, thread, [[origin, thread.ts]]), 10))
      console.log(line);
    console.log(`CPU profile, navigation start → painted (all of it: ${keep('cold-open', cpu)}):`);
    for (const line of profileLines(cpu, { scriptsDir, windows: [[origin, thread.ts]] }))
      console.log(line);
    for (const [label, from, to] of phaseWindows(open, diagnosedSteps).filter(
      ([, a, b]) => b - a > 150,
    )) {
      console.log(`CPU profile of the phase "${label}" (${ms(to - from)}):`);
      for (const line of profileLines(cpu, { scriptsDir, windows: [[at(from), at(to)]], top: 6 }))
        console.log(line);
    }
  }
  if ((options.profile && options.keystrokes > 0) || inputMissed) {
    const keystrokes = 10;
    const traced = await measureInput(followed.profile, setup, { keystrokes, saves: 0 }, true);
    const d = traced.diagnosis!;
    const thread = traceMark(d.trace, 'kp-typing');
    const origin = thread.ts - d.from * 1000;
    // Each keystroke from its keydown to after the paint that shows it.
    const windows = traced.typing.map(
      (t) => [origin + t.start * 1000, origin + (t.start + t.latency) * 1000] as const,
    );
    console.log(
      `${keystrokes} more keystrokes, traced and profiled (p50 ${ms(median(traced.typing.map((t) => t.latency)))} ` +
        `while traced); the main thread per keystroke, keydown → painted:`,
    );
    for (const line of traceLines(traceSummary(d.trace, thread, windows, keystrokes), 10))
      console.log(line);
    console.log(
      `CPU profile per keystroke, keydown → painted (all of it: ${keep('typing', d.cpu)}):`,
    );
    for (const line of profileLines(d.cpu, { scriptsDir, windows, per: keystrokes, top: 8 }))
      console.log(line);
    console.log(
      `CPU profile of the whole typing period (${ms(d.to - d.from)}, also between keystrokes), totals:`,
    );
    for (const line of profileLines(d.cpu, {
      scriptsDir,
      windows: [[origin + d.from * 1000, origin + d.to * 1000]],
      top: 8,
    }))
      console.log(line);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: {
      opens: { type: 'string' },
      keystrokes: { type: 'string' },
      saves: { type: 'string' },
      'live-edits': { type: 'string' },
      throttle: { type: 'string' },
      dist: { type: 'string' },
      profile: { type: 'boolean' },
      via: { type: 'string' },
    },
  });
  const via = typeof values.via === 'string' ? values.via.split(',') : undefined;
  const ways: readonly string[] = [...wholeLoads, 'home'];
  const unknown = via?.filter((w) => !ways.includes(w));
  if (unknown?.length)
    throw new Error(`--via: ${unknown.join(', ')} is not one of ${ways.join(', ')}`);
  deadline(20 * 60_000, 'local');
  runLocal({
    opens: Math.min(20, Number(values.opens ?? 5)),
    keystrokes: Math.min(200, Number(values.keystrokes ?? 30)),
    ...(via ? { via: via as Via[] } : {}),
    saves: Math.min(20, Number(values.saves ?? 5)),
    liveEdits: Math.min(497, Number(values['live-edits'] ?? 490)),
    throttle: Number(values.throttle ?? 4),
    ...(typeof values.dist === 'string' ? { dist: values.dist } : {}),
    profile: values.profile === true,
  })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
