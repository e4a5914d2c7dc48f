/**
 * Test helpers for the real server process (integration and end-to-end tests).
 *
 * `startServer()` runs the built server (`dist-server/main.mjs`, as `npm run serve` does; the
 * test projects' global setup builds it) on port 0 with a temp data dir and waits for the
 * `Kernplein draait op` line; `makeToken()` runs the real token CLI. Everything
 * started here is stopped and removed by `cleanup()` (call it in afterEach/afterAll).
 * `until` and `connect` are re-exported so a test needs one import.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverCommand } from '../../scripts/build-server';
import { destroyClients } from './clients';

export { until } from './until';
export { connect, rawSocket, type Client } from './clients';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StartOptions {
  /** Reuse a data dir (default: a new temp dir, removed by cleanup()). */
  dataDir?: string;
  /** Extra flags for the server, e.g. ['--max-message-bytes', '4096']. */
  args?: string[];
  env?: Record<string, string>;
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Pass port, host and data dir as PORT, HOST, DATA_DIR instead of flags. */
  viaEnv?: boolean;
  /** Run the server as this user (tests that need file modes to bite run as root). */
  user?: { uid: number; gid: number };
}

export interface ServerHandle {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and waits for the exit; resolves to the exit code (null if killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** Stops this server (SIGTERM unless already stopped) and starts one on the same data dir and port. */
  restart(): Promise<ServerHandle>;
}

const servers = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function tempDir(prefix = 'kernplein-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const dataDir = options.dataDir ?? tempDir();
  const args = options.args ?? [];
  const place = { HOST: '127.0.0.1', PORT: String(options.port ?? 0), DATA_DIR: dataDir };
  const placeFlags = ['--host', place.HOST, '--port', place.PORT, '--data', place.DATA_DIR];
  const child = spawn(
    process.execPath,
    [...serverCommand, ...(options.viaEnv ? [] : placeFlags), ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...(options.viaEnv ? place : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options.user,
    },
  );
  servers.add(child);
  child.once('exit', () => servers.delete(child));
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${err}`)), 20_000);
    const onData = () => {
      const match = /Kernplein draait op http:\/\/localhost:(\d+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${out}\n${err}`));
    });
  });

  const handle: ServerHandle = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    process: child,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited(child);
    },
    async kill() {
      await handle.stop('SIGKILL');
    },
    async restart() {
      await handle.stop();
      return startServer({ ...options, dataDir, port });
    },
  };
  return handle;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the token CLI with `args`; never throws on a non-zero exit. */
export function runTokenCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli('token', args, env);
}

/** Runs `server/cli/<name>.ts` (token, backup, restore, invite, revoke) with `args`; never throws. */
export function runCli(
  name: 'token' | 'backup' | 'restore' | 'invite' | 'revoke',
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runScript(`server/cli/${name}.ts`, args, env);
}

/** Runs a TypeScript file of the repository (through tsx) with `args`; never throws. */
export function runScript(
  path: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path, ...args],
      { cwd: repoRoot, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs the server with `args` until it exits by itself (for refused start-ups). */
export function runServerToExit(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        ...serverCommand,
        ...(env.PORT === undefined ? ['--host', '127.0.0.1', '--port', '0'] : []),
        ...args,
      ],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A token from the real CLI, signed with the secret of `dataDir`. */
export async function makeToken(
  dataDir: string,
  role: string,
  kern?: string,
  name?: string,
): Promise<string> {
  const args = ['--data', dataDir, '--role', role];
  if (kern) args.push('--kern', kern);
  if (name) args.push('--name', name);
  const result = await runTokenCli(args);
  if (result.code !== 0) throw new Error(`token CLI failed (${result.code}): ${result.stderr}`);
  return result.stdout.trim();
}

/** Destroys clients, kills servers still running and removes temp dirs. */
export async function cleanup(): Promise<void> {
  destroyClients();
  await Promise.all([...servers].map((child) => (child.kill('SIGKILL'), exited(child))));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
