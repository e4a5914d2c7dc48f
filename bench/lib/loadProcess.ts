/**
 * The relay bench's load generator as a child process: `startLoadProcess()` forks
 * `loadProcessMain.ts` (through tsx) and drives it over Node's IPC channel, so the
 * y-websocket clients, their writes and their latency clocks live in one process of their
 * own and the bench process only orchestrates (starts servers, reads /proc, prints).
 *
 * One process holds every client, so a write's timestamp and its remote receipt are read
 * from the same `performance.now()` clock. The messages between the two processes are the
 * `LoadCommand` / `LoadReply` types below; the child answers each command once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './servers';

export type LoadCommand =
  | {
      type: 'connect';
      /** WebsocketProvider base URL: rooms are `${wsBase}/${room}`. */
      wsBase: string;
      /** Token for Kernplein ('' for the reference, which has no auth). */
      token: string;
      rooms: string[];
      count: number;
      /**
       * Over how many seconds the clients arrive, evenly (0: in batches of 50, each as soon
       * as the one before is synced).
       */
      arrive: number;
    }
  | {
      type: 'run';
      /** Writes per second, in total. */
      rate: number;
      seconds: number;
      /** Seconds of writes before the window, not measured. */
      warmup: number;
      /** Seed for the choice of writers (the same for both servers). */
      seed: number;
    };

export interface LoadResult {
  writes: number;
  /** Remote receipts due: for every measured write, the other clients of its room. */
  expected: number;
  received: number;
  /** Seconds from the window's start to the last receipt (at least the window's length). */
  elapsed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Every remote receipt's latency, ms, in the order they arrived (for figures pooled over rounds). */
  latencies: number[];
  /** Close codes ≥ 4000 the clients saw (refusals, flood control). */
  closes: number;
  /** CPU time of the load process during the window, in ms (user + system). */
  cpuMs: number;
  /** The load process's own event loop delay during the window (p99, ms): is it saturated? */
  loopDelayP99: number;
}

export type LoadReply =
  | { type: 'synced' }
  /** The measured window opens / closes (the bench samples the server then). */
  | { type: 'window'; phase: 'start' | 'end' }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; message: string };

export interface LoadProcess {
  pid: number;
  connect(command: Omit<Extract<LoadCommand, { type: 'connect' }>, 'type'>): Promise<void>;
  /** Runs the load; `onWindow` is called as the measured window opens and closes. */
  run(
    command: Omit<Extract<LoadCommand, { type: 'run' }>, 'type'>,
    onWindow: (phase: 'start' | 'end') => void,
  ): Promise<LoadResult>;
  /** Ends the process (its clients close with it). */
  stop(): Promise<void>;
}

const main = join(repoRoot, 'bench/lib/loadProcessMain.ts');

export function startLoadProcess(): LoadProcess {
  const child: ChildProcess = fork(main, [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  /** Sends `command` and resolves with the reply `until` accepts (errors and exits reject). */
  function ask<T>(
    command: LoadCommand,
    until: (reply: LoadReply) => T | undefined,
    onOther?: (reply: LoadReply) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => {
        off();
        reject(new Error(`load process exited (${code}) during ${command.type}`));
      };
      const onMessage = (reply: LoadReply) => {
        if (reply.type === 'error') {
          off();
          return reject(new Error(`load process: ${reply.message}`));
        }
        const value = until(reply);
        if (value === undefined) return onOther?.(reply);
        off();
        resolve(value);
      };
      const off = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(command);
    });
  }

  return {
    pid: child.pid!,
    connect: async (command) => {
      await ask({ type: 'connect', ...command }, (reply) =>
        reply.type === 'synced' ? true : undefined,
      );
    },
    run: (command, onWindow) =>
      ask(
        { type: 'run', ...command },
        (reply) => (reply.type === 'result' ? reply.result : undefined),
        (reply) => reply.type === 'window' && onWindow(reply.phase),
      ),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
