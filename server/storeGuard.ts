/**
 * Whether the store can write, for the whole process: the relay's degraded mode.
 *
 * Owns: the fault state. A failed append (`fail`) or check puts the store in fault: rooms stop applying
 * writers' edits (they are told, and the edits stay on their devices), reads go on. While in
 * fault a probe (`RoomStore.check`, a real write) runs every `probeMs`; /healthz runs it too.
 * The first check that passes ends the fault and calls the `recovered` listeners (the relay
 * then asks the writers it refused to reconnect, and the normal sync step 1/2 exchange sends
 * the server what it lacks).
 *
 * Why process-wide and not per room: the causes (a full disk, a read-only file, a lock held by
 * another process) hit every room of the store at once, and one probe is cheaper than many.
 */
import type { Log } from './log';
import type { RoomStore, StoreHealth } from './store';

export class StoreGuard {
  private reason: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: RoomStore,
    private readonly log: Log,
    private readonly probeMs: number,
  ) {}

  /** Why the store cannot write, or null while it can (as far as the last write knows). */
  get fault(): string | null {
    return this.reason;
  }

  /** Records a failed write; starts probing for recovery. */
  fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.reason !== null) return;
    this.reason = reason;
    this.log.error({ reason }, 'store cannot write; refusing edits until it can');
    this.timer = setInterval(() => this.check(), this.probeMs);
  }

  /** Runs the store's own check now: a pass ends a fault, a failure starts one. */
  check(): StoreHealth {
    const health = this.store.check();
    if (health.ok && this.reason !== null) this.recover();
    else if (!health.ok) this.fail(health.reason);
    return health;
  }

  onRecovered(listener: () => void): void {
    this.listeners.add(listener);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private recover(): void {
    this.log.info({ after: this.reason }, 'store can write again');
    this.reason = null;
    this.close();
    for (const listener of this.listeners) listener();
  }
}
