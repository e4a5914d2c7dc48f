/**
 * How late the event loop turns: a 10 ms timer notes how much later than asked it fires, and
 * `read()` gives the 99th percentile and the worst since the previous read (then starts
 * over, as prom-client's event loop lag does: with two scrapers each sees part), for
 * /metrics. A stall that began before a read is counted after it, when the timer fires
 * again. (Node's monitorEventLoopDelay loses that one: its reset forgets when the timer last
 * fired, so a stall right after a scrape went uncounted.)
 */
import { createHistogram } from 'node:perf_hooks';

const everyMs = 10;

export interface EventLoopDelay {
  /** Seconds, since the previous read; 0 when the timer has not fired since. */
  read(): { p99: number; max: number };
  stop(): void;
}

export function watchEventLoopDelay(): EventLoopDelay {
  const delays = createHistogram();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    // In nanoseconds, at least 1 (a histogram records positive whole numbers only).
    delays.record(Math.max(1, Math.round((now - last - everyMs) * 1e6)));
    last = now;
  }, everyMs);
  timer.unref();
  return {
    read() {
      // A stall that has just ended is not in the histogram yet when a request that waited
      // behind it is answered first (the timer fires after): count how late the timer is now.
      // It is counted here, once: the timer's late tick then counts from now.
      const now = performance.now();
      const pending = now - last - everyMs;
      if (pending > 0) {
        delays.record(Math.max(1, Math.round(pending * 1e6)));
        last = now;
      }
      const seconds = (ns: number) => (delays.count ? ns / 1e9 : 0);
      const delay = { p99: seconds(delays.percentile(99)), max: seconds(delays.max) };
      delays.reset();
      return delay;
    },
    stop: () => clearInterval(timer),
  };
}
