/**
 * The relay's figures in Prometheus text format (GET /metrics).
 *
 * Owns: one registry per `start()` (no global state), with gauges read at scrape time and
 * counters incremented by the relay. Small enough not to need prom-client.
 */
import type { DelayHistogram } from './eventLoopDelay';

export interface Metrics {
  updatesAccepted: number;
  bytesReceived: number;
  compactions: number;
  /** Messages that found a throttle bucket empty (the socket was paused). */
  throttled: number;
  /** Counts connections refused or closed for bad input, and dropped input, by reason and close code. */
  reject(reason: string, code: number | 'none'): void;
  rejections(reason: string, code: number | 'none'): number;
  render(): string;
}

export interface Gauges {
  connections(): number;
  roomsLoaded(): number;
  syncsInFlight(): number;
  syncsQueued(): number;
  /** The most initial syncs ever in flight at once (bounded by --max-concurrent-syncs). */
  syncsPeak(): number;
  /** 1 while the store cannot write. */
  storeFault(): number;
  /** The event loop's delays (server/eventLoopDelay.ts), in seconds. */
  eventLoopDelay(): { p99: number; max: number; all: DelayHistogram };
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function createMetrics(gauges: Gauges): Metrics {
  const rejected = new Map<string, { reason: string; code: string; count: number }>();
  const key = (reason: string, code: number | 'none') => `${reason}\u0000${code}`;

  const metrics: Metrics = {
    updatesAccepted: 0,
    bytesReceived: 0,
    compactions: 0,
    throttled: 0,
    reject(reason, code) {
      const entry = rejected.get(key(reason, code)) ?? { reason, code: String(code), count: 0 };
      entry.count++;
      rejected.set(key(reason, code), entry);
    },
    rejections: (reason, code) => rejected.get(key(reason, code))?.count ?? 0,
    render() {
      const lines: string[] = [];
      const metric = (name: string, type: string, help: string, samples: string[]) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
      };
      metric('kernplein_connections', 'gauge', 'Open relay connections.', [
        `kernplein_connections ${gauges.connections()}`,
      ]);
      metric('kernplein_rooms_loaded', 'gauge', 'Rooms loaded in memory.', [
        `kernplein_rooms_loaded ${gauges.roomsLoaded()}`,
      ]);
      metric('kernplein_initial_syncs_in_flight', 'gauge', 'Sync step 2 replies in flight.', [
        `kernplein_initial_syncs_in_flight ${gauges.syncsInFlight()}`,
      ]);
      metric('kernplein_initial_syncs_queued', 'gauge', 'Sync step 2 replies waiting.', [
        `kernplein_initial_syncs_queued ${gauges.syncsQueued()}`,
      ]);
      metric(
        'kernplein_initial_syncs_in_flight_peak',
        'gauge',
        'Most sync step 2 replies ever in flight at once.',
        [`kernplein_initial_syncs_in_flight_peak ${gauges.syncsPeak()}`],
      );
      metric('kernplein_store_fault', 'gauge', '1 while the store cannot write.', [
        `kernplein_store_fault ${gauges.storeFault()}`,
      ]);
      // Since the previous scrape (server/eventLoopDelay.ts): what a storm cost, say. With two
      // scrapers each sees part; the histogram below is whole for each.
      const delay = gauges.eventLoopDelay();
      metric(
        'kernplein_event_loop_delay_p99_seconds',
        'gauge',
        '99th percentile of the event loop delay since the previous scrape.',
        [`kernplein_event_loop_delay_p99_seconds ${delay.p99}`],
      );
      metric(
        'kernplein_event_loop_delay_max_seconds',
        'gauge',
        'Worst event loop delay since the previous scrape.',
        [`kernplein_event_loop_delay_max_seconds ${delay.max}`],
      );
      // Since the start: the same for every scraper.
      metric(
        'kernplein_event_loop_delay_seconds',
        'histogram',
        'Event loop delays since the server started.',
        [
          ...delay.all.buckets.map(
            ({ le, count }) => `kernplein_event_loop_delay_seconds_bucket{le="${le}"} ${count}`,
          ),
          `kernplein_event_loop_delay_seconds_bucket{le="+Inf"} ${delay.all.count}`,
          `kernplein_event_loop_delay_seconds_sum ${delay.all.sum}`,
          `kernplein_event_loop_delay_seconds_count ${delay.all.count}`,
        ],
      );
      metric('kernplein_throttled_total', 'counter', 'Messages that found a bucket empty.', [
        `kernplein_throttled_total ${metrics.throttled}`,
      ]);
      metric('kernplein_updates_accepted_total', 'counter', 'Updates applied and stored.', [
        `kernplein_updates_accepted_total ${metrics.updatesAccepted}`,
      ]);
      metric('kernplein_bytes_received_total', 'counter', 'Bytes of relay messages received.', [
        `kernplein_bytes_received_total ${metrics.bytesReceived}`,
      ]);
      metric('kernplein_compactions_total', 'counter', 'Room compactions in the store.', [
        `kernplein_compactions_total ${metrics.compactions}`,
      ]);
      metric(
        'kernplein_rejections_total',
        'counter',
        'Refused connections and input, by reason and close code.',
        [...rejected.values()].map(
          (r) =>
            `kernplein_rejections_total{reason="${escape(r.reason)}",code="${r.code}"} ${r.count}`,
        ),
      );
      return lines.join('\n') + '\n';
    },
  };
  return metrics;
}
