/**
 * `npx tsx bench/relay.ts [--clients 10,100,500,1000] [--rate 50[,1000]] [--seconds 10]
 *  [--warmup 1] [--arrive 15] [--rounds 3] [--target kernplein,reference[,reference]] [--profile DIR]
 *  [--pin]`
 *
 * Relay load: real y-websocket clients (`WebsocketProvider` over `ws`, in a child process of
 * their own: lib/loadProcess.ts) spread over the 26 kernen's kernagenda rooms (25 documents:
 * Varik and Heesselt share one; each room by its stored name, `kern/<slug>/agenda`; a
 * beheerder token for Kernplein, who may write every kernagenda; the reference has no auth).
 * Not the ideas boards: there the relay also judges every edit against the model's entry
 * rules (relay/entryCheck.ts), which the bench's plain map entries would fail; that check's
 * cost is its own question. `--rate` writes per second in total, each by a random client,
 * each a map entry carrying its `performance.now()`; every other client of that room records
 * the write's latency when the update arrives.
 *
 * For each client count and rate, Kernplein's relay (a fresh server, run as `npm run serve`
 * runs it, which stores every update before broadcasting it) and the reference
 * `@y/websocket-server` 0.1.1 (in memory) get the same load in turns, A/B, B/A, A/B... for
 * `--rounds` rounds, each run on a fresh server and a fresh load process; the summary gives
 * the median of the rounds with the spread (min–max), and the ratio ours / reference of the
 * medians.
 *
 * A server named twice or more in `--target` runs as that many targets, each fresh every
 * round ("reference #1", "reference #2"): `--target kernplein,reference,reference` measures,
 * in the same rounds, how far the ratio moves between two runs of the same server (an A/A
 * comparison), which is what a ratio of ours / reference must be read against. Every pair of
 * targets gets its ratios.
 *
 * The percentiles of every delivery of all rounds together come with a 95% interval for their
 * ratio (`ratioInterval`, lib/stats.ts: rounds resampled, paired), which says how far that
 * ratio can be trusted from this many rounds.
 *
 * Figures per run: deliveries/s (remote receipts of the window's writes, counted until the
 * last one arrived, at most 10 s after the window), p50/p99 latency, lost deliveries, server
 * RSS at the end of the window, and CPU use during the window — of the server, of the load
 * process and of the whole machine (2 cores = 200%) — with the load average. Each run waits
 * for a quiet machine first, and a round during which other work used more than a
 * quarter of a core is run again (at most 3 × `--rounds` times per configuration), as this
 * machine is shared.
 *
 * `--profile DIR`: both servers run with their inspector open (on loopback) and V8's CPU
 * profiler records each window; the profiles are written to DIR and summarised (self time
 * per script, heaviest functions). Profiling slows the servers: its figures are not the
 * bench's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, defaultConfigPath } from '../server/config';
import { agendaRoom } from '../src/model/rooms';
import { profileLines, type CpuProfile } from './lib/cpu';
import { startLoadProcess, type LoadResult } from './lib/loadProcess';
import {
  cleanup,
  cpuTimeOf,
  deadline,
  machineCpu,
  makeToken,
  memoryOf,
  repoRoot,
  sleep,
  startKernplein,
  startReference,
  type Relay,
} from './lib/servers';
import { mb, median, ms, percentile, ratioInterval, table } from './lib/stats';

export interface RelayOptions {
  clients: number[];
  /** Writes per second, in total; each rate is run with each client count. */
  rates: number[];
  seconds: number;
  /** Seconds of unmeasured writes before the window (default 1). */
  warmup: number;
  /**
   * Over how many seconds the clients connect, evenly (default 15; 0: in batches of 50, as
   * fast as they sync). y-websocket clients renew their awareness every 15 s, so clients
   * that arrive over 15 s renew it evenly during the window, as they do once a relay has
   * run a while; clients that connect within a second or two renew it all at once, a wave
   * that falls in the window or not depending on `warmup` (as after a restart, when every
   * client reconnects at once).
   */
  arrive: number;
  /** Runs per server and configuration, alternating between the servers. */
  rounds: number;
  /** The servers to run in turns; one named twice runs as two targets (see the header). */
  targets: Relay['name'][];
  /** Profile each server during the window (through its inspector) into this directory. */
  profileDir?: string;
  /**
   * Pin the server to one core and the load process to the other (`taskset`), so that
   * they do not take turns on one core; the machine's other work still runs anywhere.
   */
  pin?: boolean;
}

/** Moves every thread of `pid` to core `core` (Linux `taskset`). */
function pinTo(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

/** A server as the bench runs it: its name, numbered when it runs as two targets. */
interface Target {
  label: string;
  relay: Relay['name'];
}

function targetsOf(names: Relay['name'][]): Target[] {
  const count = (name: string) => names.filter((n) => n === name).length;
  const seen = new Map<string, number>();
  return names.map((relay) => {
    const nth = (seen.get(relay) ?? 0) + 1;
    seen.set(relay, nth);
    return { relay, label: count(relay) > 1 ? `${relay} #${nth}` : relay };
  });
}

interface Run extends LoadResult {
  /** The target's label. */
  target: string;
  clients: number;
  rate: number;
  perSecond: number;
  rss: number;
  /** CPU use during the window, in % of one core. */
  serverCpu: number;
  clientCpu: number;
  machineCpu: number;
  load: number;
}

/** The kernagenda documents of the 26 kernen: 25, as Varik and Heesselt share one. */
function agendaRooms(): string[] {
  const config = loadConfig(join(repoRoot, defaultConfigPath));
  return [...new Set(config.kernen.map((k) => agendaRoom(config, k.slug)))];
}

/** Every agenda, fewer when there are too few clients for two per room (a write needs a reader). */
const roomsFor = (clients: number) => agendaRooms().slice(0, Math.max(1, Math.floor(clients / 2)));

const percent = (value: number) => `${value.toFixed(0)}%`;

async function runOnce(
  { label: target, relay: name }: Target,
  clients: number,
  rate: number,
  options: RelayOptions,
): Promise<Run> {
  const inspect = options.profileDir !== undefined;
  const relay =
    name === 'kernplein' ? await startKernplein({ inspect }) : await startReference({ inspect });
  const load = startLoadProcess();
  if (options.pin) {
    pinTo(relay.pid, 1);
    pinTo(load.pid, 0);
  }
  let stopProfile: Promise<() => Promise<CpuProfile>> | undefined;
  try {
    const token = relay.auth ? await makeToken(relay.dataDir, 'beheerder', undefined, 'Bench') : '';
    const rooms = roomsFor(clients);
    await load.connect({
      wsBase: relay.wsBase,
      token,
      rooms,
      count: clients,
      arrive: options.arrive,
    });
    let start = { server: 0, machine: machineCpu(), at: 0 };
    let end = start;
    let rss = 0;
    const result = await load.run(
      { rate, seconds: options.seconds, warmup: options.warmup, seed: clients * 7919 },
      (phase) => {
        const sample = {
          server: cpuTimeOf(relay.pid),
          machine: machineCpu(),
          at: performance.now(),
        };
        if (phase === 'start') {
          start = sample;
          stopProfile = relay.profile?.();
        } else {
          end = sample;
          rss = memoryOf(relay.pid).rss;
        }
      },
    );
    const wall = end.at - start.at;
    if (stopProfile && options.profileDir) {
      const profile = await (await stopProfile)();
      const file = join(
        options.profileDir,
        `${target.replace(/\W+/g, '-')}-${clients}-${rate}-${Date.now()}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
      console.log(`${target}: CPU profile of the window (and drain) in ${file}`);
      console.log(profileLines(profile, { top: 25 }).join('\n'));
    }
    return {
      ...result,
      target,
      clients,
      rate,
      perSecond: result.received / result.elapsed,
      rss,
      serverCpu: ((end.server - start.server) / wall) * 100,
      clientCpu: (result.cpuMs / wall) * 100,
      machineCpu: ((end.machine.busy - start.machine.busy) / wall) * 100,
      load: loadavg()[0]!,
    };
  } finally {
    await load.stop();
    await relay.stop();
  }
}

/**
 * CPU that neither server nor load process used during a window, in % of one core, above
 * which a run counts as disturbed (the bench process itself uses a few %).
 */
const othersLimit = 25;
const disturbed = (run: Run) => run.machineCpu - run.serverCpu - run.clientCpu > othersLimit;

/** Waits (at most 2 minutes) until the machine has been nearly idle for a second. */
async function quietMachine(): Promise<void> {
  const end = performance.now() + 120_000;
  for (;;) {
    const before = machineCpu();
    await sleep(1000);
    const after = machineCpu();
    const busy = ((after.busy - before.busy) / 1000) * 100;
    if (busy <= othersLimit) return;
    if (performance.now() > end) {
      console.log(`  the machine stayed busy (${percent(busy)} CPU): running anyway`);
      return;
    }
  }
}

/** "median (min–max)" of one figure over the rounds. */
function spread(values: number[], format: (value: number) => string): string {
  if (values.length === 1) return format(values[0]!);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/**
 * A percentile of every delivery of `runs` together. The p99 of one 10 s run at 10 clients is
 * the 5th-worst of ~500 deliveries, and moves ±30% from round to round; pooled, it rests on
 * as many times more deliveries as there are rounds.
 */
const pooled = (runs: Run[], q: number) =>
  percentile(
    runs.flatMap((r) => r.latencies),
    q,
  );
const pooledQuantiles = [50, 90, 99, 99.9];
const latencies = (runs: Run[]) => runs.map((r) => r.latencies);
const x2 = (ratio: number) => `×${ratio.toFixed(2)}`;

const fixed0 = (value: number) => value.toFixed(0);
const ms1 = (value: number) => ms(value).replace(' ms', '');

/**
 * The ratios of target `a` to target `b` at one configuration: of the medians of the rounds,
 * per round (each round's runs ran back to back), and of every delivery of the rounds together.
 * The issue's targets are shown for ours against the reference.
 */
function compared(
  clients: number,
  rate: number,
  [a, aRuns]: [Target, Run[]],
  [b, bRuns]: [Target, Run[]],
): string[] {
  if (!aRuns.length || !bRuns.length) return [];
  const judged = a.relay === 'kernplein' && b.relay === 'reference';
  const goal = (text: string) => (judged ? text : '');
  const m = (runs: Run[], pick: (r: Run) => number) => median(runs.map(pick));
  const ratio = (pick: (r: Run) => number) => x2(m(aRuns, pick) / m(bRuns, pick));
  const perRound = aRuns.flatMap((r, i) => (bRuns[i] ? [x2(r.p99 / bRuns[i].p99)] : []));
  return [
    `${clients} clients, ${rate} writes/s, ${a.label} / ${b.label} (medians): ` +
      `throughput ${ratio((r) => r.perSecond)}${goal(' (target ≥ 1)')}, ` +
      `p99 ${ratio((r) => r.p99)} (${goal('target ≤ 1; ')}per round ${perRound.join(', ')}), ` +
      `RSS ${ratio((r) => r.rss)}, server CPU ${ratio((r) => r.serverCpu)}`,
    `  every delivery of the ${aRuns.length} rounds together, ${a.label} / ${b.label}: ` +
      pooledQuantiles
        .map((q) => {
          const [x, y] = [pooled(aRuns, q), pooled(bRuns, q)];
          const [low, high] = ratioInterval(latencies(aRuns), latencies(bRuns), q);
          const interval = aRuns.length > 1 ? ` (95%: ${x2(low)}–${x2(high)})` : '';
          return `p${q} ${ms1(x)} / ${ms1(y)} ms ${x2(x / y)}${interval}`;
        })
        .join(', ') +
      ` (${aRuns.reduce((n, r) => n + r.received, 0)} / ${bRuns.reduce((n, r) => n + r.received, 0)} deliveries)`,
  ];
}

export async function runRelay(options: RelayOptions): Promise<Run[]> {
  console.log(
    `\n## Relay load (${options.seconds} s per run after ${options.warmup} s of warm-up, ${options.rounds} rounds per server in turns, ` +
      `clients arriving ${options.arrive > 0 ? `evenly over ${options.arrive} s` : 'in batches of 50'}, ` +
      `25 kernagenda rooms (fewer below 50 clients: 2 per room); clients in their own process` +
      `${options.pin ? '; server pinned to core 1, load process to core 0' : ''})`,
  );
  const [load1, load5] = loadavg();
  console.log(`Machine load at start: ${load1!.toFixed(2)} (1 min), ${load5!.toFixed(2)} (5 min)`);
  const targets = targetsOf(options.targets);
  const runs: Run[] = [];
  let repeated = 0;
  for (const rate of options.rates)
    for (const clients of options.clients) {
      let again = 0;
      for (let round = 1; round <= options.rounds; round++) {
        const pair: Run[] = [];
        // Each round starts with the next target (A/B, then B/A; with three, each runs first,
        // second and third in turn): none always runs in one place (after a server just quit).
        const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
        for (const target of order) {
          await quietMachine();
          const run = await runOnce(target, clients, rate, options);
          pair.push(run);
          console.log(
            `${target.label} ${clients} clients ${rate}/s round ${round}: ` +
              `${run.perSecond.toFixed(0)} deliveries/s, p50 ${ms(run.p50)}, p90 ${ms(run.p90)}, ` +
              `p99 ${ms(run.p99)}, max ${ms(run.max)}, ` +
              `${run.expected - run.received} of ${run.expected} lost, RSS ${mb(run.rss)}; ` +
              `CPU server ${percent(run.serverCpu)}, clients ${percent(run.clientCpu)} ` +
              `(their loop delay p99 ${ms(run.loopDelayP99)}), machine ${percent(run.machineCpu)}, ` +
              `load ${run.load.toFixed(2)}` +
              (run.closes ? `, ${run.closes} closes with 4xxx` : ''),
          );
        }
        // Other work on the machine during a window makes the pair incomparable: run it again
        // (3 × `--rounds` times per configuration at most; after that it counts as it is, and
        // the machine CPU column shows it).
        if (pair.some(disturbed) && again < 3 * options.rounds) {
          again++;
          repeated++;
          round--;
          console.log(`  other work used the CPU during this round: it runs again`);
          continue;
        }
        runs.push(...pair);
      }
    }

  const rows: (string | number)[][] = [
    [
      'clients',
      'writes/s',
      'server',
      'deliveries/s',
      'p50 ms',
      'p99 ms',
      'lost',
      'RSS MB',
      'server CPU',
      'machine CPU',
    ],
  ];
  const of = (clients: number, rate: number, target: string) =>
    runs.filter((r) => r.clients === clients && r.rate === rate && r.target === target);
  const verdicts: string[] = [];
  for (const rate of options.rates)
    for (const clients of options.clients) {
      for (const { label } of targets) {
        const mine = of(clients, rate, label);
        rows.push([
          clients,
          rate,
          label,
          spread(
            mine.map((r) => r.perSecond),
            fixed0,
          ),
          spread(
            mine.map((r) => r.p50),
            ms1,
          ),
          spread(
            mine.map((r) => r.p99),
            ms1,
          ),
          mine.reduce((n, r) => n + r.expected - r.received, 0),
          spread(
            mine.map((r) => r.rss / 1024 / 1024),
            fixed0,
          ),
          spread(
            mine.map((r) => r.serverCpu),
            percent,
          ),
          spread(
            mine.map((r) => r.machineCpu),
            percent,
          ),
        ]);
      }
      for (const [i, a] of targets.entries())
        for (const b of targets.slice(i + 1))
          verdicts.push(
            ...compared(
              clients,
              rate,
              [a, of(clients, rate, a.label)],
              [b, of(clients, rate, b.label)],
            ),
          );
    }
  console.log(
    `\nMedian of ${options.rounds} rounds (min–max)` +
      (repeated ? `; ${repeated} disturbed rounds were run again` : '') +
      ':',
  );
  console.log(table(rows));
  console.log(verdicts.join('\n'));
  const [end1] = loadavg();
  console.log(`Machine load at the end: ${end1!.toFixed(2)} (1 min)`);
  return runs;
}

export function relayOptions(argv: string[]): RelayOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      clients: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      arrive: { type: 'string' },
      rounds: { type: 'string' },
      target: { type: 'string' },
      profile: { type: 'string' },
      pin: { type: 'boolean' },
    },
  });
  const list = (value: unknown, fallback: string) =>
    String(value ?? fallback)
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
  const clients = list(values.clients, '10,100,500,1000');
  if (clients.some((n) => n > 1000)) throw new Error('--clients: at most 1000 per run');
  const targets = String(values.target ?? 'kernplein,reference').split(',');
  const unknown = targets.filter((name) => name !== 'kernplein' && name !== 'reference');
  if (unknown.length)
    throw new Error(`--target: kernplein or reference, not ${unknown.join(', ')}`);
  return {
    clients,
    rates: list(values.rate, '50').map((n) => Math.min(2000, n)),
    seconds: Math.min(60, Number(values.seconds ?? 10)),
    warmup: Math.max(0, Math.min(60, Number(values.warmup ?? 1))),
    arrive: Math.max(0, Math.min(60, Number(values.arrive ?? 15))),
    rounds: Math.max(1, Math.min(9, Number(values.rounds ?? 3))),
    targets: targets as Relay['name'][],
    ...(typeof values.profile === 'string' ? { profileDir: values.profile } : {}),
    pin: values.pin === true,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  deadline(40 * 60_000, 'relay');
  const options = relayOptions(process.argv.slice(2));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  runRelay(options)
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanup().then(() => process.exit()));
}
