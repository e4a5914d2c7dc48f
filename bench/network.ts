/**
 * `npx tsx bench/network.ts [--edits 30] [--conditions loopback,cdp,proxy]`
 *
 * Sync over a poor network: the time from an edit on device A to the change being visible on
 * device B, in Debian's Chromium (playwright-core) with the built app (a private copy of
 * `dist/`) and the real server (`server/main.ts`). Each device is its own browser context
 * (NOTES.md: pages of one context sync through BroadcastChannel, without the relay). The
 * first pilot's kernagenda room is seeded with 40 points (the bench's seeded history), so
 * B renders a realistic agenda. A is a committee member (a commissie token from the token
 * CLI, entered as the access code in the UI); B is a second member watching.
 *
 * One edit: A opens "Bewerken" on a point, types a new title, and clicks "Opslaan"; B waits
 * for an `<article>` whose heading has that title. Two warm-up edits, then `--edits` measured
 * ones, with a random pause of 100–400 ms between edits.
 *
 * Clocks. The figure is taken inside the pages: A stamps `Date.now()` in a capture-phase
 * click listener on `window` (it runs before React's handler, which writes the Yjs update
 * and hands it to the WebSocket synchronously); B stamps `Date.now()` in a MutationObserver
 * callback, i.e. when React has committed the new title to the DOM (the paint follows within
 * a frame). Both renderers are processes on this one machine reading the same system clock,
 * so `Date.now()` (1 ms resolution) compares directly; `performance.timeOrigin` is fixed per
 * document and can drift from the wall clock between two processes, so it is not used. The
 * offset of each page's `Date.now()` against Node's is checked (NTP-style, best of 7 round
 * trips) and printed. The Node-side time (before `click()` is called until B's `evaluate`
 * resolves) is printed as a cross-check: it adds Playwright's actionability checks and two
 * CDP round trips, tens of milliseconds on a loaded 2-core machine, which is why it is not
 * the headline figure. An init script taps `WebSocket` in both pages (a subclass, no app
 * change) to split the time: click → A sends the update, A sent → B received it (network and
 * relay), B received → B's DOM shows it.
 *
 * Conditions (network emulation on BOTH devices, applied through a CDP session per page
 * before the app is reloaded, so every app socket is opened under it):
 * - `loopback`: no emulation (target p95 ≤ 1 s);
 * - `cdp`: `Network.emulateNetworkConditions` with latency 150 ms and 200,000 bytes/s down
 *   and up, about 1.6 Mbit/s (target p95 ≤ 3 s);
 * - `proxy`: the same throughput by CDP, latency 0 in CDP, and instead a TCP proxy in this
 *   process between the browser and the server that delays every chunk by 75 ms each way
 *   (150 ms RTT on every round trip, WebSocket frames included; the connect to the proxy
 *   itself is not delayed) (target p95 ≤ 3 s).
 * The third exists because CDP's latency does not reach WebSocket frames: Chromium's
 * WebSocketInterceptor throttles frames with `start=false`, which applies throughput only;
 * the latency is added to the opening handshake (an HTTP request) alone. The probes below
 * show it (Chromium 156: handshake +150 ms, a small frame's round trip ~15 ms instead of
 * ~150 ms, 100 KB up or down at ~200,000 bytes/s, also on a socket opened before the
 * emulation was switched on), so `cdp` measures a 1.6 Mbit/s link with a fast round trip,
 * and `proxy` is the condition with the 150 ms RTT the target is about.
 *
 * Probes (is the emulation applied to WebSockets?): in each device's page, raw WebSockets
 * to the relay (read-only, no token): the opening handshake, the round trip of a sync step 1
 * to its step 2 reply on an empty room (median of 5), an upload of a ~100 KB sync step 1 (a
 * valid state vector of unknown clients; the reply is tiny) and a download of a ~100 KB step
 * 2 (the full state of a second seeded room), each before the emulation, and after it on the
 * socket opened before and on a new socket.
 */
import { connect, createServer, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { openSqliteStore } from '../server/store';
import { sortedKernen } from '../src/config/gemeente';
import { agendaRoom } from '../src/model/rooms';
import { newDevice } from '../tests/e2e/browser';
import { KernPage, shown } from '../tests/e2e/pages/app';
import { agendaHistory, benchConfig, benchKern } from './lib/agenda';
import { chromiumFlags, chromiumPath, copyOfBuild } from './lib/build';
import {
  cleanup,
  deadline,
  makeToken,
  sleep,
  startKernplein,
  tempDir,
  type Relay,
} from './lib/servers';
import { median, ms, percentile, table, verdict } from './lib/stats';

export type ConditionName = 'loopback' | 'cdp' | 'proxy';

interface Condition {
  name: ConditionName;
  label: string;
  /** CDP Network.emulateNetworkConditions on both pages (null: none). */
  cdp: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
  /** One-way delay of the TCP proxy in front of the server (0: no proxy). */
  proxyOneWayMs: number;
  targetP95: number;
}

const throughput = 200_000; // bytes per second: 1.6 Mbit/s

const conditions: Record<ConditionName, Condition> = {
  loopback: {
    name: 'loopback',
    label: 'loopback, no emulation',
    cdp: null,
    proxyOneWayMs: 0,
    targetP95: 1000,
  },
  cdp: {
    name: 'cdp',
    label: 'CDP: 150 ms latency, 1.6 Mbit/s down/up',
    cdp: { latency: 150, downloadThroughput: throughput, uploadThroughput: throughput },
    proxyOneWayMs: 0,
    targetP95: 3000,
  },
  proxy: {
    name: 'proxy',
    label: 'TCP proxy 2×75 ms + CDP 1.6 Mbit/s down/up',
    cdp: { latency: 0, downloadThroughput: throughput, uploadThroughput: throughput },
    proxyOneWayMs: 75,
    targetP95: 3000,
  },
};

/**
 * Installed in every page before the app runs (a string: tsx's name helpers must not end up
 * in the page). `window.__bench`: the WebSocket tap, the click stamp, the watcher, probes.
 */
const pageScript = String.raw`(() => {
  const Native = window.WebSocket;
  const log = { sent: [], sentBytes: [], received: [] };
  const isUpdate = (b) => b.length > 1 && b[0] === 0 && b[1] === 2;
  class Tapped extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (e) => {
        if (e.data instanceof ArrayBuffer && isUpdate(new Uint8Array(e.data, 0, Math.min(2, e.data.byteLength))))
          log.received.push(Date.now());
      });
    }
    send(data) {
      const b = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
      if (b && isUpdate(b)) { log.sent.push(Date.now()); log.sentBytes.push(b.byteLength); }
      return super.send(data);
    }
  }
  window.WebSocket = Tapped;

  const varuint = (out, n) => {
    while (n > 127) { out.push(128 | (n & 127)); n = Math.floor(n / 128); }
    out.push(n);
  };
  const step1 = (sv) => {
    const head = [0, 0];
    varuint(head, sv.length);
    const msg = new Uint8Array(head.length + sv.length);
    msg.set(head, 0);
    msg.set(sv, head.length);
    return msg;
  };
  const sockets = {};
  const request = (ws, msg) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('no reply within 30 s')), 30000);
    const started = performance.now();
    const onMessage = (e) => {
      const b = new Uint8Array(e.data);
      if (b[0] === 0 && b[1] === 1) done(null, { ms: performance.now() - started, bytes: b.byteLength });
    };
    const onClose = (e) => done(new Error('probe socket closed: ' + e.code));
    const done = (error, value) => {
      clearTimeout(timer);
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', onClose);
      error ? reject(error) : resolve(value);
    };
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', onClose);
    ws.send(msg);
  });

  window.__bench = {
    log,
    clickAt: null,
    seen: null,
    armClick() {
      window.__bench.clickAt = null;
      const on = (e) => {
        const button = e.target instanceof Element ? e.target.closest('button') : null;
        if (!button || button.textContent.trim() !== 'Opslaan') return;
        window.__bench.clickAt = Date.now();
        window.removeEventListener('click', on, true);
      };
      window.addEventListener('click', on, true);
    },
    watch(title) {
      const found = () => {
        for (const h of document.querySelectorAll('article h4')) if (h.textContent === title) return true;
        return false;
      };
      window.__bench.seen = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!found()) return;
          const at = Date.now();
          observer.disconnect();
          resolve(at);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    },
    firstAfter(list, t) {
      const i = log[list].findIndex((x) => x >= t);
      return i < 0 ? null : { at: log[list][i], bytes: list === 'sent' ? log.sentBytes[i] : null };
    },
    async open(name, room) {
      const started = performance.now();
      const ws = new Native((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/sync/' + room);
      ws.binaryType = 'arraybuffer';
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onclose = (e) => reject(new Error('probe socket closed: ' + e.code));
      });
      ws.onclose = null;
      sockets[name] = ws;
      return performance.now() - started;
    },
    async rtt(name, rounds) {
      const out = [];
      for (let i = 0; i < rounds; i++) out.push((await request(sockets[name], step1([0]))).ms);
      return out;
    },
    async upload(name, bytes) {
      const sv = [];
      const entries = Math.floor(bytes / 6);
      varuint(sv, entries);
      for (let i = 0; i < entries; i++) { varuint(sv, 2 ** 30 + i); varuint(sv, 1); }
      const msg = step1(sv);
      const reply = await request(sockets[name], msg);
      return { bytes: msg.byteLength, ms: reply.ms };
    },
    async download(name) {
      return request(sockets[name], step1([0]));
    },
    close(name) {
      sockets[name]?.close();
      delete sockets[name];
    },
  };
})();`;

const call = async <T>(page: Page, expression: string): Promise<T> =>
  (await page.evaluate(expression)) as T;

interface Probe {
  handshake: number;
  rtt: number;
  up: { bytes: number; ms: number };
  down: { bytes: number; ms: number };
}

/** Transfer rate of a probe, with the round trip measured on the same socket taken off. */
const rate = (t: { bytes: number; ms: number }, rtt: number) =>
  `${Math.round(t.bytes / 1024)} KB in ${ms(t.ms)} (${((t.bytes / Math.max(1, t.ms - rtt)) * 1000).toFixed(0)} B/s)`;

interface Rooms {
  /** Empty room: small round trips and the upload. */
  empty: string;
  /** Seeded room: the download. */
  big: string;
}

async function probe(page: Page, rooms: Rooms, suffix: string, reuse = false): Promise<Probe> {
  let handshake = Number.NaN;
  if (!reuse) {
    handshake = await call<number>(page, `window.__bench.open('e${suffix}', '${rooms.empty}')`);
    await call(page, `window.__bench.open('b${suffix}', '${rooms.big}')`);
  }
  const rtts = await call<number[]>(page, `window.__bench.rtt('e${suffix}', 5)`);
  const up = await call<Probe['up']>(page, `window.__bench.upload('e${suffix}', 100000)`);
  const down = await call<Probe['down']>(page, `window.__bench.download('b${suffix}')`);
  return { handshake, rtt: median(rtts), up, down };
}

async function closeProbe(page: Page, suffix: string) {
  await call(page, `window.__bench.close('e${suffix}')`);
  await call(page, `window.__bench.close('b${suffix}')`);
}

/** Offset of the page's Date.now() against Node's, from the fastest of 7 round trips. */
async function clockOffset(page: Page): Promise<{ offset: number; bound: number }> {
  let best = { offset: 0, bound: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 7; i++) {
    const t0 = Date.now();
    const inPage = await call<number>(page, 'Date.now()');
    const t1 = Date.now();
    const bound = (t1 - t0) / 2 + 1;
    if (bound < best.bound) best = { offset: inPage - (t0 + t1) / 2, bound };
  }
  return best;
}

interface Device {
  name: string;
  page: Page;
  kern: KernPage;
  probes: { label: string; p: Probe }[];
}

async function openDevice(
  browser: Browser,
  baseURL: string,
  condition: Condition,
  who: { name: string; token: string },
  kern: { slug: string; name: string },
  rooms: Rooms,
): Promise<Device> {
  const context = await newDevice(browser, baseURL);
  await context.addInitScript({ content: pageScript });
  const page = await context.newPage();
  const kernPage = new KernPage(page);
  await kernPage.open(kern.slug, kern.name);
  const probes: Device['probes'] = [];
  const before = condition.proxyOneWayMs ? 'proxy only, no CDP' : 'no CDP emulation';
  probes.push({ label: before, p: await probe(page, rooms, '1') });
  if (condition.cdp) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...condition.cdp });
    probes.push({ label: 'CDP on, socket opened before', p: await probe(page, rooms, '1', true) });
    probes.push({ label: 'CDP on, new socket', p: await probe(page, rooms, '2') });
    await closeProbe(page, '2');
  }
  await closeProbe(page, '1');
  // The app itself runs entirely under the emulation: reload, then enter the access code.
  await page.reload();
  await kernPage.heading(kern.name).waitFor(shown);
  await kernPage.useAccessCode(who.token);
  await kernPage.waitForAgenda();
  await kernPage.waitForSync();
  return { name: who.name, page, kern: kernPage, probes };
}

interface Edit {
  total: number;
  /** Size of the update frame A sent. */
  bytes: number;
  node: number;
  clickToSend: number;
  sendToReceive: number;
  receiveToDom: number;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function oneEdit(a: Device, b: Device, from: string, to: string): Promise<Edit> {
  const form = await a.kern.editPoint(from);
  await form.getByLabel('Titel').fill(to);
  await call(a.page, 'window.__bench.armClick()');
  await call(b.page, `window.__bench.watch(${JSON.stringify(to)})`);
  const seen = call<number>(b.page, 'window.__bench.seen');
  const save: Locator = form.getByRole('button', { name: 'Opslaan' });
  const started = performance.now();
  await save.click();
  const seenAt = await withTimeout(seen, 30_000, `"${to}" on ${b.name}`);
  const node = performance.now() - started;
  await form.waitFor({ ...shown, state: 'detached' });
  const clickAt = await call<number | null>(a.page, 'window.__bench.clickAt');
  if (clickAt === null) throw new Error('the click on Opslaan was not stamped');
  type Stamp = { at: number; bytes: number | null } | null;
  const sent = await call<Stamp>(a.page, `window.__bench.firstAfter('sent', ${clickAt})`);
  const received = await call<Stamp>(b.page, `window.__bench.firstAfter('received', ${clickAt})`);
  const sentAt = sent?.at ?? null;
  const receivedAt = received?.at ?? null;
  return {
    bytes: sent?.bytes ?? Number.NaN,
    total: seenAt - clickAt,
    node,
    clickToSend: sentAt === null ? Number.NaN : sentAt - clickAt,
    sendToReceive: sentAt === null || receivedAt === null ? Number.NaN : receivedAt - sentAt,
    receiveToDom: receivedAt === null ? Number.NaN : seenAt - receivedAt,
  };
}

/** A TCP proxy that delays every chunk by `oneWayMs` in each direction (order kept). */
async function delayProxy(targetPort: number, oneWayMs: number) {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    const forward = (from: Socket, to: Socket) => {
      // Timers of one duration fire in the order they were set: chunks stay in order.
      from.on('data', (chunk) =>
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, oneWayMs),
      );
      from.on('end', () => setTimeout(() => to.end(), oneWayMs));
      from.on('close', () => setTimeout(() => to.destroy(), oneWayMs + 5));
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Outcome {
  condition: Condition;
  /** The point's title after the last edit (the next condition starts from it). */
  title: string;
  edits: Edit[];
  failed: number;
  loadBefore: string;
  loadAfter: string;
}

async function runCondition(
  browser: Browser,
  relay: Relay,
  condition: Condition,
  setup: {
    tokens: [string, string];
    kern: { slug: string; name: string };
    rooms: Rooms;
    point: string;
    edits: number;
  },
): Promise<Outcome> {
  const loadBefore = load();
  console.log(`\n### ${condition.label} (load average ${loadBefore})`);
  const proxy = condition.proxyOneWayMs
    ? await delayProxy(Number(new URL(relay.httpUrl).port), condition.proxyOneWayMs)
    : null;
  const baseURL = proxy?.url ?? relay.httpUrl;
  const a = await openDevice(
    browser,
    baseURL,
    condition,
    { name: 'A', token: setup.tokens[0] },
    setup.kern,
    setup.rooms,
  );
  const b = await openDevice(
    browser,
    baseURL,
    condition,
    { name: 'B', token: setup.tokens[1] },
    setup.kern,
    setup.rooms,
  );
  try {
    const rows: string[][] = [
      ['device', 'probe', 'handshake', 'RTT p50 (5)', 'upload', 'download'],
    ];
    for (const d of [a, b])
      for (const { label, p } of d.probes)
        rows.push([
          d.name,
          label,
          ms(p.handshake),
          ms(p.rtt),
          rate(p.up, p.rtt),
          rate(p.down, p.rtt),
        ]);
    console.log(table(rows));
    const clocks = await Promise.all([clockOffset(a.page), clockOffset(b.page)]);
    console.log(
      `clocks: A's Date.now() − Node's ${clocks[0].offset.toFixed(1)} ms (±${clocks[0].bound.toFixed(1)}), ` +
        `B's ${clocks[1].offset.toFixed(1)} ms (±${clocks[1].bound.toFixed(1)})`,
    );
    await a.kern.point(setup.point).waitFor(shown);
    await b.kern.point(setup.point).waitFor(shown);
    let current = setup.point;
    const edits: Edit[] = [];
    let failed = 0;
    const warmUp = 2;
    for (let i = 0; i < warmUp + setup.edits; i++) {
      const next = `Meting ${condition.name} ${i + 1}`;
      try {
        const edit = await oneEdit(a, b, current, next);
        if (i >= warmUp) edits.push(edit);
      } catch (error) {
        failed++;
        console.error(`edit ${i + 1} failed: ${(error as Error).message}`);
        await a.kern.point(next).waitFor(shown);
      }
      current = next;
      await sleep(100 + Math.random() * 300);
    }
    const loadAfter = load();
    const totals = edits.map((e) => e.total);
    console.log(
      `${edits.length} edits: A click → B DOM p50 ${ms(median(totals))}, p95 ${ms(percentile(totals, 95))}, ` +
        `max ${ms(Math.max(...totals))} (target p95 ≤ ${condition.targetP95 / 1000} s: ` +
        `${verdict(percentile(totals, 95) <= condition.targetP95)})` +
        (failed ? `; ${failed} FAILED` : '') +
        `; load average after ${loadAfter}`,
    );
    return { condition, title: current, edits, failed, loadBefore, loadAfter };
  } finally {
    await a.page.context().close();
    await b.page.context().close();
    await proxy?.close();
  }
}

export async function runNetwork(options: {
  edits: number;
  conditions?: ConditionName[];
}): Promise<void> {
  const chosen = (options.conditions ?? ['loopback', 'cdp', 'proxy']).map((n) => conditions[n]);
  const config = benchConfig();
  const slug = benchKern(config);
  const kern = sortedKernen(config).find((k) => k.slug === slug)!;
  const agenda = agendaRoom(config, slug);
  // Two more rooms of their own for the probes (not the measured one).
  const others = [...new Set(sortedKernen(config).map((k) => agendaRoom(config, k.slug)))].filter(
    (room) => room !== agenda,
  );
  const rooms: Rooms = { big: others[0]!, empty: others[1]! };

  const dataDir = tempDir('kernplein-bench-network-');
  const history = agendaHistory(config, { points: 40, edits: 120 });
  const big = agendaHistory(config, { points: 150, edits: 150, seed: 2 });
  const store = openSqliteStore(dataDir);
  for (const update of history.updates) store.append(agenda, update);
  for (const update of big.updates) store.append(rooms.big, update);
  store.close();
  const tokens: [string, string] = [
    await makeToken(dataDir, 'commissie', slug, 'Bench A'),
    await makeToken(dataDir, 'commissie', slug, 'Bench B'),
  ];
  const relay = await startKernplein({ dataDir, args: ['--static', copyOfBuild()] });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    console.log(
      `\n## Sync over a poor network: edit on device A (UI click) → visible on device B (DOM), ` +
        `${options.edits} edits per condition (+2 warm-up)`,
    );
    console.log(
      `Chromium ${browser.version()}, node ${process.version}, load average ${load()}; ` +
        `${agenda}: ${history.ids.length} points (${Y.encodeStateAsUpdate(history.doc).byteLength} bytes of state); ` +
        `probe rooms ${rooms.empty} (empty) and ${rooms.big} (${Y.encodeStateAsUpdate(big.doc).byteLength} bytes)`,
    );
    const outcomes: Outcome[] = [];
    let point = history.titles.get(history.ids[0]!)!;
    for (const condition of chosen) {
      const outcome = await runCondition(browser, relay, condition, {
        tokens,
        kern: { slug, name: kern.name },
        rooms,
        point,
        edits: options.edits,
      });
      outcomes.push(outcome);
      point = outcome.title;
    }
    const rows: (string | number)[][] = [
      [
        'condition',
        'n',
        'p50',
        'p95',
        'max',
        'target p95',
        'Node-side p50/p95',
        'click→send p50',
        'send→receive p50/p95',
        'receive→DOM p50',
        'update frame',
        'load avg before → after',
      ],
    ];
    for (const o of outcomes) {
      const pick = (f: (e: Edit) => number) => o.edits.map(f).filter(Number.isFinite);
      const totals = pick((e) => e.total);
      const p95 = percentile(totals, 95);
      rows.push([
        o.condition.label,
        totals.length + (o.failed ? ` (${o.failed} failed)` : ''),
        ms(median(totals)),
        ms(p95),
        ms(Math.max(...totals)),
        `≤ ${o.condition.targetP95 / 1000} s ${verdict(p95 <= o.condition.targetP95 && !o.failed)}`,
        `${ms(median(pick((e) => e.node)))} / ${ms(
          percentile(
            pick((e) => e.node),
            95,
          ),
        )}`,
        ms(median(pick((e) => e.clickToSend))),
        `${ms(median(pick((e) => e.sendToReceive)))} / ${ms(
          percentile(
            pick((e) => e.sendToReceive),
            95,
          ),
        )}`,
        ms(median(pick((e) => e.receiveToDom))),
        `${median(pick((e) => e.bytes))} B`,
        `${o.loadBefore} → ${o.loadAfter}`,
      ]);
    }
    console.log(`\n${table(rows)}`);
  } finally {
    await browser.close();
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    strict: false,
    options: { edits: { type: 'string' }, conditions: { type: 'string' } },
  });
  const names = String(values.conditions ?? 'loopback,cdp,proxy').split(',') as ConditionName[];
  const unknown = names.filter((n) => !(n in conditions));
  if (unknown.length) {
    console.error(`Onbekende conditie: ${unknown.join(', ')}. Kies uit: loopback, cdp, proxy.`);
    process.exit(2);
  }
  deadline(15 * 60_000, 'network');
  runNetwork({
    edits: Math.min(200, Math.max(1, Number(values.edits ?? 30))),
    conditions: names,
  })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
