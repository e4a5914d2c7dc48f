/**
 * The servers the bench runs against, on loopback only: Kernplein's relay (the real server
 * process as `npm run serve` runs it, built once per bench process from the sources as they
 * are, through the test helper) and the reference
 * `@y/websocket-server` 0.1.1 (its own `src/server.js`, in memory, no auth), plus the
 * figures read from outside a process (RSS and CPU time from /proc) and a hard deadline per
 * script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { buildServer } from '../../scripts/build-server';
import { cleanup, repoRoot, startServer, type StartOptions } from '../../tests/helpers/server';
import type { CpuProfile } from './cpu';

export { cleanup, makeToken, repoRoot, tempDir } from '../../tests/helpers/server';
export type { ServerHandle } from '../../tests/helpers/server';
export { metric } from '../../tests/helpers/metrics';

export interface Relay {
  name: 'kernplein' | 'reference';
  /** Base for WebsocketProvider: rooms are `${wsBase}/${room}`. */
  wsBase: string;
  httpUrl: string;
  pid: number;
  /** Whether clients need a token (the reference has no auth). */
  auth: boolean;
  /** Kernplein's data dir (tokens are signed with its secret); '' for the reference. */
  dataDir: string;
  /**
   * V8 heap after a full GC, through the inspector (only when started with `inspect`): the
   * relay does not expose heap figures itself.
   */
  heap?(): Promise<{ used: number; total: number }>;
  /**
   * Starts V8's CPU profiler in the server (only when started with `inspect`); the returned
   * function stops it and resolves with the profile (`.cpuprofile` format).
   */
  profile?(): Promise<() => Promise<CpuProfile>>;
  stop(): Promise<void>;
}

let built: Promise<void> | undefined;

export async function startKernplein(
  options: StartOptions & { inspect?: boolean } = {},
): Promise<Relay> {
  await (built ??= buildServer());
  // Quiet logs: the helper keeps all of stdout in memory.
  const env: Record<string, string> = { LOG_LEVEL: 'warn', ...options.env };
  if (options.inspect) env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`;
  const server = await startServer({ ...options, env });
  const inspector = options.inspect
    ? /Debugger listening on (ws:\/\/\S+)/.exec(server.stderr())?.[1]
    : undefined;
  return {
    ...(inspector
      ? { heap: () => heapAfterGc(inspector), profile: () => startProfile(inspector) }
      : {}),
    name: 'kernplein',
    wsBase: `${server.wsUrl}/sync`,
    httpUrl: server.url,
    pid: server.process.pid!,
    auth: true,
    dataDir: server.dataDir,
    stop: async () => void (await server.stop()),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const referenceServer = join(repoRoot, 'node_modules/@y/websocket-server/src/server.js');

/**
 * `@y/websocket-server` 0.1.1 as its bin runs it (in-memory documents, no persistence);
 * `inspect` opens the inspector on loopback for `profile()`.
 */
export async function startReference(options: { inspect?: boolean } = {}): Promise<Relay> {
  const port = await freePort();
  const nodeArgs = options.inspect ? ['--inspect=127.0.0.1:0'] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, referenceServer], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference did not start: ${out}`)), 10_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`reference exited with ${code}: ${out}`)));
  });
  const inspector = options.inspect
    ? /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1]
    : undefined;
  return {
    ...(inspector ? { profile: () => startProfile(inspector) } : {}),
    name: 'reference',
    wsBase: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    auth: false,
    dataDir: '',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size and its peak (VmHWM) of a process, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** CPU time (user + system) a process has used so far, in ms (from /proc, 100 ticks/s). */
export function cpuTimeOf(pid: number): number {
  // The command name (field 2) may hold spaces: count the fields after its closing paren.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The whole machine's CPU time so far: busy and total, in ms summed over all cores. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return { busy: (total - idle) * 10, total: total * 10 };
}

/**
 * Ends the process after `ms` whatever happens (every script stops by itself), and cleans
 * up the servers and temp dirs on the way out.
 */
export function deadline(ms: number, label: string): void {
  setTimeout(() => {
    console.error(`${label}: stopped after ${Math.round(ms / 1000)} s (deadline)`);
    void cleanup().finally(() => process.exit(2));
  }, ms).unref();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `every` ms until it is true or `timeoutMs` passes (then throws). */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
  every = 20,
): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

/** A session with a process's inspector: `call` sends one CDP command and awaits its result. */
async function inspectorSession(inspectorUrl: string) {
  const ws = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const call = <T = Record<string, number>>(method: string, params?: object) =>
    new Promise<T>((resolve) => {
      const mine = ++id;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result: T };
        if (message.id !== mine) return;
        ws.off('message', onMessage);
        resolve(message.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  return { call, close: () => ws.close() };
}

/** Collects garbage in the inspected process and returns its heap usage. */
async function heapAfterGc(inspectorUrl: string): Promise<{ used: number; total: number }> {
  const session = await inspectorSession(inspectorUrl);
  await session.call('HeapProfiler.collectGarbage');
  const usage = await session.call('Runtime.getHeapUsage');
  session.close();
  return { used: usage.usedSize!, total: usage.totalSize! };
}

/** Starts the CPU profiler (100 µs samples) in the inspected process. */
async function startProfile(inspectorUrl: string): Promise<() => Promise<CpuProfile>> {
  const session = await inspectorSession(inspectorUrl);
  await session.call('Profiler.enable');
  await session.call('Profiler.setSamplingInterval', { interval: 100 });
  await session.call('Profiler.start');
  return async () => {
    const { profile } = await session.call<{ profile: CpuProfile }>('Profiler.stop');
    session.close();
    return profile;
  };
}
