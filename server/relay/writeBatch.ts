/**
 * Store before broadcast, one transaction per event-loop turn: the updates the rooms apply
 * while the loop handles its socket reads are committed together (`RoomStore.appendMany`)
 * from `setImmediate`, and only then is each one's `stored` callback (its broadcast) called,
 * in the order the updates were applied.
 *
 * Why: a commit costs about as much for one row as for ten (one WAL append of the same
 * pages), and under load many updates arrive in one turn. (Measured with bench/relay.ts: at
 * 500 writes/s the server used ~10% less CPU than with a commit per socket read, from a
 * microtask, at no cost in p50 or p99; at 50 writes/s the two were the same.)
 *
 * `addEager` (what rooms use) does not wait when the server is idle: the first update of a
 * turn is committed, and its `stored` called, at once (rooms call it from the document's
 * `update` event, so the broadcast leaves before Yjs, the WebSocket parser and the socket's
 * stream finish their own work on that message: ~0.1 ms on the bench machine); the later
 * updates of the same turn wait for its end as with `add`. A busy turn thus costs at most two
 * transactions, an idle server none of the wait.
 *
 * Invariants:
 * - No update is broadcast before its transaction committed. A room that is about to send
 *   anything encoded from its document (a sync reply, its state vector) or to compact calls
 *   `flush()` first, so nothing applied but not yet stored leaves the server that way either.
 * - A failed commit stores none of the batch and calls every row's `failed` instead (the
 *   rooms fail: see room.ts); nothing of it is broadcast.
 * - A callback that throws (a bug) is logged and costs only its own row.
 */
import type { Log } from '../log';
import type { RoomStore } from '../store';

interface Row {
  room: string;
  update: Uint8Array;
  stored(): void;
  failed(error: unknown): void;
}

export class WriteBatch {
  private pending: Row[] = [];
  private scheduled = false;
  /** Whether `addEager` committed in this event-loop turn (reset from `setImmediate`). */
  private eagerThisTurn = false;

  constructor(
    private readonly store: RoomStore,
    private readonly log: Log,
  ) {}

  /** Queues `update` of `room`; `stored` or `failed` is called once the batch is committed. */
  add(room: string, update: Uint8Array, stored: () => void, failed: (error: unknown) => void) {
    this.pending.push({ room, update, stored, failed });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /**
   * As `add`, but commits at once (`stored` or `failed` is called before it returns) when
   * nothing is pending and no eager commit ran yet in this event-loop turn (see the header).
   */
  addEager(room: string, update: Uint8Array, stored: () => void, failed: (error: unknown) => void) {
    if (this.eagerThisTurn || this.pending.length > 0)
      return this.add(room, update, stored, failed);
    this.eagerThisTurn = true;
    setImmediate(this.endTurn);
    this.pending.push({ room, update, stored, failed });
    this.flush();
  }

  private readonly endTurn = () => {
    this.eagerThisTurn = false;
  };

  /** Commits what is pending now and runs its callbacks (a no-op when nothing is). */
  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    let error: unknown = null;
    try {
      if (rows.length === 1) this.store.append(rows[0]!.room, rows[0]!.update);
      else this.store.appendMany(rows);
    } catch (caught) {
      error = caught ?? new Error('store failed');
    }
    for (const row of rows) {
      try {
        if (error === null) row.stored();
        else row.failed(error);
      } catch (bug) {
        this.log.error({ room: row.room, err: bug }, 'after the store: callback failed');
      }
    }
  }
}
