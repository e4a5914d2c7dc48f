/**
 * Measures a server's responsiveness from outside: GET `/healthz` every `everyMs` (one
 * request at a time, on a kept-alive connection) and record each response time. The worst
 * response time bounds the server's event-loop delay from above (it also includes the
 * health check's own store write, a 64 KB probe transaction).
 *
 * `pollHealth` runs in a child process of its own (this file, forked), so the bench's own
 * clients cannot delay it; the child answers a `stop` message with the times.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

export interface Poller {
  stop(): Promise<number[]>;
}

function pollHere(baseUrl: string, everyMs: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(`${baseUrl}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          times.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await once();
      const wait = everyMs - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return async () => {
    running = false;
    await loop;
    agent.destroy();
    return times;
  };
}

export function pollHealth(baseUrl: string, everyMs = 10): Poller {
  const child = fork(fileURLToPath(import.meta.url), [baseUrl, String(everyMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started = new Promise<void>((resolve) => child.once('message', () => resolve()));
  return {
    async stop() {
      await started;
      const times = new Promise<number[]>((resolve) =>
        child.once('message', (message) => resolve(message as number[])),
      );
      child.send('stop');
      const result = await times;
      child.disconnect();
      return result;
    },
  };
}

if (process.send && import.meta.url === `file://${process.argv[1]}`) {
  const stop = pollHere(process.argv[2]!, Number(process.argv[3] ?? 10));
  process.send('started');
  process.on('message', () => {
    void stop().then((times) => process.send!(times));
  });
}
