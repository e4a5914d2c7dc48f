/**
 * Bounded concurrent initial syncs: at most `maxConcurrent` sync step 2 replies are being
 * computed or written to their sockets at once, for the whole process.
 *
 * Why: after a restart every client is back within 2.5 s (y-websocket's backoff has no
 * jitter) and each asks a full state. Encoding is cheap with the room's cached state, but
 * hundreds of megabyte-sized writes at once swamp memory and the event loop. Here a reply
 * takes a slot, is encoded when the slot is free (so it carries the state of that moment),
 * and frees the slot when `ws` has handed it to the kernel (its send callback) or the socket
 * closed. New slots are started from `setImmediate`, so HTTP requests (a /healthz during a
 * storm) get their turn between them.
 *
 * Order: a queued reply may arrive after live updates sent to the same socket; Yjs applies
 * updates in any order, and the client counts as synced when the reply arrives.
 */
import type { Connection } from './connection';

interface Job {
  conn: Connection;
  message: () => Uint8Array;
}

export class SyncQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  private scheduled = false;
  /** The most replies ever in flight at once (a metric; never above `maxConcurrent`). */
  peak = 0;

  constructor(private readonly maxConcurrent: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Sends `message()` to `conn` when a slot is free (skipped if `conn` closed meanwhile). */
  push(conn: Connection, message: () => Uint8Array): void {
    this.waiting.push({ conn, message });
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.running >= this.maxConcurrent) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startOne();
      this.schedule();
    });
  }

  private startOne(): void {
    let job: Job | undefined;
    while ((job = this.waiting.shift()) && !job.conn.open);
    if (!job) return;
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.running--;
      this.schedule();
    };
    try {
      job.conn.sendThen(job.message(), release);
    } catch {
      // A bug must cost this connection, never the process (this runs outside any handler).
      release();
      job.conn.close(1011, 'internal error');
    }
  }
}
