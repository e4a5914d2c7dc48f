/**
 * A loaded room: its Y.Doc, its Awareness and the connections in it.
 *
 * Owns the relay's guarantees for one document:
 * - Loaded before use: `Room.load` applies every stored update before the room exists, so no
 *   sync message is ever answered against a half-loaded document.
 * - Store before broadcast: an update the doc actually applied (its `update` event) is
 *   appended to the store first and only then sent to the connections (the sender included,
 *   after the others: `broadcast`).
 *   A live edit that Yjs will integrate whole, as it is (`nextInLine`, changes.ts), is
 *   stored and sent on as it came, before the doc applies it (`forward`): it holds the same
 *   edit the update event would give, and its peers need not wait for Yjs to integrate it.
 *   Anything else (catch-up, repeats, updates waiting for others) goes through the doc.
 *   Each update is committed on its own, at once, from the update event (`storeThen`), so
 *   its broadcast leaves before Yjs, the WebSocket parser and the socket's stream finish
 *   their own work on that message, and never waits for another message of the same
 *   event-loop turn; nothing applied is ever left unstored when anything else is encoded
 *   from the document (sync replies, the state vector, a compaction). (Measured against
 *   committing the later updates of a turn together at its end: docs/performance.md,
 *   "Relay".) If the commit fails, the room fails: nothing unstored is
 *   broadcast, every connection is closed with 4503 (transient: clients reconnect, the room
 *   reloads from the store without the unstored update, and the writer still has it) and
 *   the `StoreGuard` goes into fault.
 * - Only what honest clients make: an update after which the doc holds an item no honest
 *   client makes (`misplaced`, changes.ts: changed bytes, which Yjs integrates differently
 *   on a peer or after a restart), or that Yjs threw on halfway, is neither stored nor
 *   sent; its sender is closed as malformed (4400) and the doc is loaded again from the
 *   store, without disconnecting anyone else (`discard`).
 * - While the store is in fault, reads go on (sync step 2 replies, awareness) but no edit is
 *   applied: a writer whose update would change the doc is told once (y-protocols auth) and
 *   keeps the edit on its device; the relay asks it to reconnect when the store recovers.
 * - Document size cap: an edit that would grow the encoded document beyond `maxDocBytes` is
 *   not applied (so not stored, not broadcast) and its connection is closed with 4413. The
 *   size is tracked as an upper bound (exact size at load and compaction, plus every applied
 *   update) and only computed exactly when the bound crosses the cap.
 * - Read-only connections never change the doc; they are told once (y-protocols auth).
 * - Awareness: a client id belongs to the first connection that announces it; states are
 *   capped in size and removed when their connection closes; updates are echoed to all.
 * - The encoded full state, its sync step 2 message and the room's own sync step 1 are
 *   cached until the next change (fresh clients all need them, and after a restart every
 *   client joins at once); replies to sync step 1 go through the process's `SyncQueue`.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RoomStore } from '../store';
import type { Metrics } from '../metrics';
import type { Log } from '../log';
import type { StoreGuard } from '../storeGuard';
import type { Connection } from './connection';
import { misplaced, nextInLine, wouldChange } from './changes';
import { binaryFrame } from './frame';
import type { SyncQueue } from './syncQueue';
import {
  CloseCode,
  CloseReason,
  storeDeniedReason,
  readOnlyReason,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  limits,
  type AwarenessEntry,
  type ClientMessage,
} from './protocol';

export interface RoomDeps {
  store: RoomStore;
  metrics: Metrics;
  log: Log;
  /** Compact after this many appended rows. */
  compactEvery: number;
  guard: StoreGuard;
  syncs: SyncQueue;
  maxDocBytes: number;
  /** Called once when the room is dropped (`drop`): the registry forgets it. */
  onDropped(room: Room): void;
}

/** Messages encoded from the doc, each made when first needed (see the header). */
interface Encoded {
  /** The whole integrated state (`encodeIntegrated`). */
  state?: Uint8Array;
  /** Sync step 2 with `state`: the reply to a client that has nothing. */
  syncStep2?: Uint8Array;
  /** The room's sync step 1 (its state vector), sent to each connection that joins. */
  syncStep1?: Uint8Array;
}

/** Most awareness client ids one connection may announce. */
const maxAwarenessIdsPerConnection = 4;

/**
 * The room's state as it was stored and broadcast: without pending structs. An update whose
 * structs wait for ones the room lacks is kept pending by Yjs, and `Y.encodeStateAsUpdate`
 * would add that pending part: a compaction would then store, and a reply send, content no
 * client was ever sent, which integrates after a restart (the fuzz test found it). Once the
 * missing structs arrive, the pending part integrates and is stored and broadcast as usual.
 */
function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  const { pendingStructs, pendingDs } = store;
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

/** Stored rows applied per event-loop turn while a room loads (`Room.load`). */
const rowsPerTurn = 250;

/** Applies stored `rows` to `doc`, in order, in one transaction. */
function applyRows(doc: Y.Doc, rows: Uint8Array[]): Y.Doc {
  doc.transact(() => {
    for (const update of rows) Y.applyUpdate(doc, update);
  }, 'store');
  return doc;
}

export class Room {
  /** The doc (replaced when the room reloads: `discard`). */
  get doc(): Y.Doc {
    return this.live;
  }
  /** Awareness needs a doc only for a local state, which the relay has none of. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Set<Connection>();
  private readonly owners = new Map<number, Connection>();
  private live: Y.Doc;
  /** What is encoded from the doc as it is now; emptied whenever the doc changes. */
  private encoded: Encoded = {};
  /** At least the size of the encoded document (see the size cap above); set by `install`. */
  private docBytes = 0;
  /** Rows stored since the last load or compaction; set by `install`. */
  private rows = 0;
  /** Out of use (`drop`): the registry forgot it; it does nothing more. */
  private dropped = false;

  /**
   * The room of `name`, its stored rows applied `rowsPerTurn` per event-loop turn: a room of
   * thousands of rows (a server stopped before it compacted them) then holds up the other
   * rooms' messages for a slice at a time, not for the whole load (docs/performance.md,
   * "Reconnect storm"). Nothing sees the room before it is whole.
   */
  static async load(name: string, deps: RoomDeps): Promise<Room> {
    const stored = deps.store.load(name);
    const doc = new Y.Doc();
    for (let i = 0; i < stored.length; i += rowsPerTurn) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      applyRows(doc, stored.slice(i, i + rowsPerTurn));
    }
    return new Room(name, deps, doc, stored.length);
  }

  private constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
    doc: Y.Doc,
    rows: number,
  ) {
    this.live = this.install(doc, rows);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Makes `doc` (of `rows` stored rows) the room's doc, its size and row count exact. */
  private install(doc: Y.Doc, rows: number): Y.Doc {
    this.live = doc;
    this.rows = rows;
    this.encoded = {};
    this.docBytes = this.state().byteLength;
    this.live.on('update', this.onUpdate);
    return this.live;
  }

  join(conn: Connection): void {
    this.connections.add(conn);
    conn.send((this.encoded.syncStep1 ??= encodeSyncStep1(this.doc)));
    if (this.awareness.getStates().size > 0) conn.send(this.allAwareness());
  }

  leave(conn: Connection): void {
    this.connections.delete(conn);
    const ids = [...conn.awarenessIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length && !this.dropped)
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'connection closed');
  }

  receive(conn: Connection, message: ClientMessage): void {
    if (this.dropped) return;
    switch (message.kind) {
      case 'sync-step1': {
        const sv = message.stateVector;
        const fresh = Y.decodeStateVector(sv).size === 0;
        // Encoded when its turn comes, so it carries the state of that moment.
        this.deps.syncs.push(conn, () =>
          fresh
            ? (this.encoded.syncStep2 ??= encodeSyncStep2(this.state()))
            : encodeSyncStep2(encodeIntegrated(this.doc, sv)),
        );
        return;
      }
      case 'sync-step2':
      case 'update': {
        if (!conn.canWrite) return this.refuseEdit(conn, message.decoded);
        const size = message.update.byteLength;
        if (this.deps.guard.fault !== null) {
          if (wouldChange(this.doc, message.decoded)) this.refuseWhileStoreFails(conn);
          return;
        }
        if (
          this.docBytes + size > this.deps.maxDocBytes &&
          wouldChange(this.doc, message.decoded) &&
          this.exceedsCap(size)
        )
          return this.refuseTooLarge(conn, size);
        try {
          if (message.kind === 'update' && nextInLine(this.doc, message.decoded))
            this.forward(conn, message.update);
          else Y.applyUpdate(this.doc, message.update, conn);
        } catch (error) {
          // Yjs may have applied part of it: the doc can now hold what no row holds.
          this.discard(conn, 'malformed', { err: error });
        }
        return;
      }
      case 'awareness':
        return this.receiveAwareness(conn, message.entries);
      case 'query-awareness':
        conn.send(this.allAwareness());
        return;
    }
  }

  /** Replaces the stored rows with one state update (skipped when there is nothing to gain). */
  compact(): void {
    if (this.dropped || this.rows <= 1) return;
    try {
      const state = this.state();
      this.deps.store.compact(this.name, state);
      this.rows = 1;
      this.docBytes = state.byteLength;
      this.deps.metrics.compactions++;
    } catch (error) {
      this.deps.log.error({ room: this.name, err: error }, 'compaction failed');
    }
  }

  destroy(): void {
    this.live.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.live.destroy();
  }

  private state(): Uint8Array {
    return (this.encoded.state ??= encodeIntegrated(this.doc));
  }

  /** Store before broadcast: `update` committed, then `stored()`; else the room fails. */
  private storeThen(update: Uint8Array, stored: () => void): void {
    try {
      this.deps.store.append(this.name, update);
    } catch (error) {
      return this.fail(error);
    }
    stored();
  }

  /**
   * A live edit that Yjs will integrate whole (`nextInLine`) is stored and sent on as it
   * came, and only then applied: its peers need not wait for Yjs to integrate it and encode
   * it again (measured at 10 clients: p99 ×1.05–×1.21 of the reference before, ×0.82–×0.97
   * after; docs/performance.md). The doc applies it without its `update` listener: for that
   * event Yjs would encode the update once more (a third of what applying it costs), only to
   * be told what the room already stored and sent.
   */
  private forward(conn: Connection, update: Uint8Array): void {
    this.storeThen(update, () => this.broadcast(update, conn));
    if (this.dropped) return;
    const doc = this.live;
    doc.off('update', this.onUpdate);
    try {
      Y.applyUpdate(doc, update, conn);
    } finally {
      doc.on('update', this.onUpdate);
    }
    this.changed(update);
    this.compactWhenDue();
  }

  private onUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ) => {
    if (this.dropped) return;
    const item = misplaced(transaction);
    if (item) return this.discard(origin, 'misplaced', { item: item.id });
    this.changed(update);
    this.storeThen(update, () => {
      this.broadcast(update, origin);
      this.compactWhenDue();
    });
  };

  /** The document has changed by `update`: its size bound and cached state follow now. */
  private changed(update: Uint8Array): void {
    this.rows++;
    this.docBytes += update.byteLength;
    this.encoded = {};
  }

  /** Compacts once enough rows were appended (only with every stored update applied). */
  private compactWhenDue(): void {
    if (this.rows >= this.deps.compactEvery) this.compact();
  }

  /**
   * Sends a stored update to every connection: the others first, the writer's own echo
   * last. Each send is a socket write that can wake (and yield the CPU to) its reader;
   * the writer already has the update, so its echo should not hold up anyone else's copy.
   * The message is framed once for all of them (`binaryFrame`).
   */
  private broadcast(update: Uint8Array, origin: unknown): void {
    if (this.dropped) return;
    this.deps.metrics.updatesAccepted++;
    const frame = binaryFrame(encodeUpdate(update));
    for (const conn of this.connections) if (conn !== origin) conn.sendFrame(frame);
    if (this.connections.has(origin as Connection)) (origin as Connection).sendFrame(frame);
  }

  private onAwarenessUpdate = (changes: {
    added: number[];
    updated: number[];
    removed: number[];
  }) => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const frame = binaryFrame(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
    );
    for (const conn of this.connections) conn.sendFrame(frame);
  };

  private allAwareness(): Uint8Array {
    const ids = [...this.awareness.getStates().keys()];
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** Whether the exact document size plus `extra` is over the cap (caches the state). */
  private exceedsCap(extra: number): boolean {
    this.docBytes = this.state().byteLength;
    return this.docBytes + extra > this.deps.maxDocBytes;
  }

  private refuseTooLarge(conn: Connection, size: number): void {
    this.deps.metrics.reject('document_too_large', CloseCode.documentTooLarge);
    this.deps.log.warn(
      { room: this.name, docBytes: this.docBytes, updateBytes: size, max: this.deps.maxDocBytes },
      'edit refused: the document would grow beyond --max-doc-bytes',
    );
    conn.close(CloseCode.documentTooLarge, CloseReason.documentTooLarge);
  }

  private refuseWhileStoreFails(conn: Connection): void {
    this.deps.metrics.reject('store_unavailable', 'none');
    if (conn.storeDenied) return;
    conn.storeDenied = true;
    this.deps.log.info({ room: this.name }, 'edit held back: the store cannot write');
    conn.send(encodePermissionDenied(storeDeniedReason));
  }

  private refuseEdit(conn: Connection, decoded: Parameters<typeof wouldChange>[1]): void {
    if (!wouldChange(this.doc, decoded) || conn.deniedSent) return;
    conn.deniedSent = true;
    this.deps.metrics.reject('read_only', 'none');
    this.deps.log.info({ room: this.name, role: conn.claims?.role ?? 'none' }, 'edit refused');
    conn.send(encodePermissionDenied(readOnlyReason));
  }

  /**
   * A connection writes only the awareness states it owns: the ids it announced first. The
   * y-websocket client sends back every awareness change it applies (all the others'
   * states on joining, removals after someone left), so entries about other people's ids
   * are expected and dropped without a word; only one that claims to be newer than what
   * the room knows is a forgery, counted as a rejection. A removal (state `null`) never
   * claims an id: after its owner left, peers echo that removal back.
   */
  private receiveAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    const accepted = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      if (owner && owner !== conn) {
        const known = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
        return entry.clock > known ? this.dropAwareness('awareness_foreign_client') : false;
      }
      if (Buffer.byteLength(entry.state) > limits.awarenessStateBytes)
        return this.dropAwareness('awareness_too_large');
      if (!owner) {
        if (entry.state === 'null') return false;
        if (conn.awarenessIds.size >= maxAwarenessIdsPerConnection)
          return this.dropAwareness('awareness_too_many_clients');
        conn.awarenessIds.add(entry.clientId);
        this.owners.set(entry.clientId, conn);
      }
      return true;
    });
    if (accepted.length)
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        encodeAwarenessEntries(accepted),
        conn,
      );
  }

  private dropAwareness(reason: string): false {
    this.deps.metrics.reject(reason, 'none');
    return false;
  }

  /**
   * The doc took in what no row holds and no peer was sent: an item no honest client makes
   * (`misplaced`, changes.ts), or part of an update Yjs threw on. Its sender is closed as
   * malformed; the doc is replaced by one loaded from the store, which holds exactly what
   * every peer was sent, and every other connection is asked for what the store lacks (sync
   * step 1, which y-websocket answers), so nobody else is disconnected. If the rows do not
   * load, the room is dropped instead and everyone reconnects (1012) to a fresh load.
   */
  private discard(sender: unknown, reason: 'misplaced' | 'malformed', detail: object): void {
    this.deps.log.warn({ room: this.name, reason, ...detail }, 'update refused; reloading the doc');
    this.deps.metrics.reject(reason, CloseCode.malformed);
    if (this.connections.has(sender as Connection))
      (sender as Connection).close(CloseCode.malformed, 'update could not be applied');
    this.live.off('update', this.onUpdate);
    try {
      // In one go, not in slices: the next message must find the room whole.
      const stored = this.deps.store.load(this.name);
      this.install(applyRows(new Y.Doc(), stored), stored.length);
    } catch (error) {
      this.deps.log.error({ room: this.name, err: error }, 'the room did not load again');
      return this.drop(CloseCode.storeRecovered, CloseReason.reloading);
    }
    const ask = encodeSyncStep1(this.live);
    for (const conn of this.connections) if (conn !== sender) conn.send(ask);
  }

  /** Closes every connection with `code` and leaves the room to the registry to forget. */
  private drop(code: number, reason: string): void {
    this.dropped = true;
    for (const conn of this.connections) conn.close(code, reason);
    this.deps.onDropped(this);
  }

  private fail(error: unknown): void {
    if (this.dropped) return;
    this.dropped = true;
    this.deps.log.error({ room: this.name, err: error }, 'store failed; closing the room');
    this.deps.metrics.reject('store_failed', CloseCode.storeUnavailable);
    this.deps.guard.fail(error);
    this.drop(CloseCode.storeUnavailable, CloseReason.storeUnavailable);
  }
}
