/**
 * How late the event loop turns: a 10 ms timer notes how much later than asked it fires.
 * `read()` gives, for /metrics,
 * - the 99th percentile and the worst since the previous read (then starts over, as
 *   prom-client's event loop lag does: with two scrapers each sees part);
 * - every delay since the start, counted in buckets (a Prometheus histogram: it never starts
 *   over, so every scraper sees all of it, and `histogram_quantile` over `rate` gives the p99
 *   of any window).
 * A stall that began before a read is counted after it, when the timer fires again. (Node's
 * monitorEventLoopDelay loses that one: its reset forgets when the timer last fired, so a
 * stall right after a scrape went uncounted.)
 */
import { createHistogram } from 'node:perf_hooks';

const everyMs = 10;

/** The histogram's upper bounds, in seconds (and +Inf): from a slow turn to a stall. */
const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface DelayHistogram {
  /** How many delays were at most `le` seconds (cumulative, as Prometheus counts). */
  buckets: { le: number; count: number }[];
  /** All delays, and their sum in seconds. */
  count: number;
  sum: number;
}

export interface EventLoopDelay {
  /** Seconds; `p99` and `max` since the previous read (0 when the timer has not fired since). */
  read(): { p99: number; max: number; all: DelayHistogram };
  stop(): void;
}

export function watchEventLoopDelay(): EventLoopDelay {
  const recent = createHistogram();
  const all: DelayHistogram = { buckets: bounds.map((le) => ({ le, count: 0 })), count: 0, sum: 0 };
  const note = (ms: number) => {
    // In nanoseconds, at least 1 (a histogram records positive whole numbers only).
    recent.record(Math.max(1, Math.round(ms * 1e6)));
    const seconds = Math.max(0, ms / 1000);
    for (const bucket of all.buckets) if (seconds <= bucket.le) bucket.count++;
    all.count++;
    all.sum += seconds;
  };
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    note(now - last - everyMs);
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
        note(pending);
        last = now;
      }
      const seconds = (ns: number) => (recent.count ? ns / 1e9 : 0);
      const delay = {
        p99: seconds(recent.percentile(99)),
        max: seconds(recent.max),
        all: { ...all, buckets: all.buckets.map((bucket) => ({ ...bucket })) },
      };
      recent.reset();
      return delay;
    },
    stop: () => clearInterval(timer),
  };
}
