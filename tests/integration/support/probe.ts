/**
 * Raw sockets that learn what the relay did with each frame, and a `/healthz` watcher.
 *
 * `FuzzSocket.send` sends one frame followed by a WebSocket ping with a unique payload. The
 * relay handles a socket's frames in order and synchronously, and ws answers a ping only
 * while the socket is open, so the pong proves the frame was handled without closing the
 * connection, and a close without that pong means this frame closed it.
 *
 * `watchHealth` polls `/healthz` back to back and records every status and the worst delay,
 * so a blocked event loop or a crashed process shows up as a figure, not as a flaky hang.
 */
import { WebSocket } from 'ws';

export type Outcome =
  | { kind: 'open'; ms: number }
  | { kind: 'closed'; code: number; reason: string; ms: number }
  | { kind: 'hang'; ms: number };

export class FuzzSocket {
  readonly ws: WebSocket;
  readonly opened: Promise<boolean>;
  private closedWith: { code: number; reason: string } | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly pongs = new Set<string>();
  private sequence = 0;

  constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('error', () => {});
    this.ws.on('message', () => {});
    this.ws.on('pong', (data: Buffer) => {
      this.pongs.add(data.toString());
      this.wake();
    });
    this.ws.once('close', (code: number, reason: Buffer) => {
      this.closedWith = { code, reason: reason.toString() };
      this.wake();
    });
    this.opened = new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
  }

  get closed() {
    return this.closedWith;
  }

  /** Sends `data` (a string as a text frame) and waits up to `timeoutMs` for its verdict. */
  async send(data: Uint8Array | string, timeoutMs: number): Promise<Outcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const tag = `p${++this.sequence}`;
    this.ws.send(data, { binary: typeof data !== 'string' });
    this.ws.ping(tag);
    const verdict = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => done({ kind: 'hang', ms: ms() }), timeoutMs);
      const check = () => {
        if (this.pongs.has(tag)) done({ kind: 'open', ms: ms() });
        else if (this.closedWith) done({ kind: 'closed', ...this.closedWith, ms: ms() });
      };
      const done = (outcome: Outcome) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(outcome);
      };
      this.waiters.add(check);
      check();
    });
    this.pongs.delete(tag);
    return verdict;
  }

  /** Closes normally and waits (bounded) for the server's answer; terminates otherwise. */
  async close(timeoutMs = 5000): Promise<{ code: number } | null> {
    if (!this.closedWith) this.ws.close(1000);
    const until = Date.now() + timeoutMs;
    while (!this.closedWith && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    if (!this.closedWith) this.ws.terminate();
    return this.closedWith;
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface HealthWatch {
  /** Requests made, answers other than 200 (status or error text), and the worst delay. */
  readonly figures: { requests: number; failures: string[]; worstMs: number };
  stop(): Promise<void>;
}

export function watchHealth(url: string, pauseMs = 20): HealthWatch {
  const figures = { requests: 0, failures: [] as string[], worstMs: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status !== 200) figures.failures.push(`status ${res.status}`);
      } catch (error) {
        figures.failures.push(String(error));
      }
      figures.requests++;
      figures.worstMs = Math.max(figures.worstMs, Math.round(performance.now() - started));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    figures,
    async stop() {
      running = false;
      await loop;
    },
  };
}
