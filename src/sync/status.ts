/**
 * Sync status: the facts a room knows about its connection, the one state shown for them,
 * and a tiny observable store (subscribe / getSnapshot, for useSyncExternalStore).
 *
 * States (DESIGN.md "Sync state is visible"): `offline` (the device says it is offline),
 * `verbinden` (online, not yet in sync), `lokaal` (edits saved on this device that the server
 * has not confirmed, or the server refuses the connection), `gesynchroniseerd` (connected,
 * synced, nothing unconfirmed). Pure: the clock and the facts are passed in.
 */
import type { ConnectionStatus } from './provider';

export type SyncState = 'offline' | 'verbinden' | 'lokaal' | 'gesynchroniseerd';

export interface SyncFacts {
  /** navigator.onLine and the online/offline events. */
  online: boolean;
  /** The on-device copy has been loaded into the doc. */
  localLoaded: boolean;
  connection: ConnectionStatus;
  /** The current connection has completed its first sync. */
  synced: boolean;
  /** This device has edits the server has not confirmed. */
  unsent: boolean;
  /** A permanent refusal (close code 4400–4499), until the token changes. */
  refused: { code: number; reason: string } | null;
  /**
   * The relay refused our edits on this connection, with its reason in plain Dutch (read-only
   * access, or a store that cannot write now); null while edits are accepted.
   */
  editsRefused: string | null;
  /** The relay refused the token (4401); the room reads on without it. */
  tokenRejected: boolean;
  /** ISO time of the last moment this room was known to be in sync. */
  lastSyncedAt: string | null;
}

export interface SyncSnapshot extends SyncFacts {
  state: SyncState;
}

export const initialFacts: SyncFacts = {
  online: true,
  localLoaded: false,
  connection: 'disconnected',
  synced: false,
  unsent: false,
  refused: null,
  editsRefused: null,
  tokenRejected: false,
  lastSyncedAt: null,
};

export function deriveState(f: SyncFacts): SyncState {
  if (!f.online) return 'offline';
  if (f.refused) return 'lokaal';
  if (f.unsent) return 'lokaal';
  if (f.connection === 'connected' && f.synced) return 'gesynchroniseerd';
  return 'verbinden';
}

export function snapshotOf(facts: SyncFacts): SyncSnapshot {
  return Object.freeze({ ...facts, state: deriveState(facts) });
}

export const syncStateLabels: Record<SyncState, string> = {
  offline: 'Offline',
  verbinden: 'Verbinden…',
  lokaal: 'Opgeslagen op dit apparaat',
  gesynchroniseerd: 'Gesynchroniseerd',
};

export const refusedLabel = 'Geen verbinding: toegang geweigerd';

/** The status of several rooms as one (the header shows it). Null when no room is open. */
export function combineSnapshots(
  snapshots: readonly SyncSnapshot[],
  online: boolean,
): SyncSnapshot | null {
  if (snapshots.length === 0) return null;
  const rank: Record<ConnectionStatus, number> = { disconnected: 0, connecting: 1, connected: 2 };
  const facts: SyncFacts = {
    online,
    localLoaded: snapshots.every((s) => s.localLoaded),
    connection: snapshots.reduce<ConnectionStatus>(
      (worst, s) => (rank[s.connection] < rank[worst] ? s.connection : worst),
      'connected',
    ),
    synced: snapshots.every((s) => s.synced),
    unsent: snapshots.some((s) => s.unsent),
    refused: snapshots.find((s) => s.refused)?.refused ?? null,
    editsRefused: snapshots.find((s) => s.editsRefused)?.editsRefused ?? null,
    tokenRejected: snapshots.some((s) => s.tokenRejected),
    lastSyncedAt: snapshots.reduce<string | null>(
      (latest, s) =>
        s.lastSyncedAt && (!latest || s.lastSyncedAt > latest) ? s.lastSyncedAt : latest,
      null,
    ),
  };
  return snapshotOf(facts);
}

export interface Store<T> {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableStore<T> extends Store<T> {
  set(value: T): void;
}

export function createStore<T>(initial: T): WritableStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
