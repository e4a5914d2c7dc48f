// The sync status shown for a room's facts, and for several rooms at once.
import { describe, expect, it } from 'vitest';
import {
  combineSnapshots,
  createStore,
  deriveState,
  initialFacts,
  snapshotOf,
  type SyncFacts,
} from '../../src/sync/status';

const facts = (patch: Partial<SyncFacts>): SyncFacts => ({
  ...initialFacts,
  localLoaded: true,
  ...patch,
});
const inSync = facts({ connection: 'connected', synced: true });

describe('deriveState', () => {
  it('is offline whenever the device is offline, whatever the socket says', () => {
    expect(deriveState({ ...inSync, online: false })).toBe('offline');
    expect(deriveState(facts({ online: false, unsent: true }))).toBe('offline');
  });
  it('is gesynchroniseerd only when connected, synced and nothing is unconfirmed', () => {
    expect(deriveState(inSync)).toBe('gesynchroniseerd');
    expect(deriveState({ ...inSync, unsent: true })).toBe('lokaal');
    expect(deriveState({ ...inSync, synced: false })).toBe('verbinden');
  });
  it('is verbinden while connecting without local changes, lokaal with them', () => {
    expect(deriveState(facts({ connection: 'connecting' }))).toBe('verbinden');
    expect(deriveState(facts({ connection: 'disconnected' }))).toBe('verbinden');
    expect(deriveState(facts({ connection: 'connecting', unsent: true }))).toBe('lokaal');
  });
  it('is lokaal when the relay refused the room for good', () => {
    expect(deriveState(facts({ refused: { code: 4403, reason: '' } }))).toBe('lokaal');
  });
});

describe('combineSnapshots', () => {
  it('is null without rooms', () => {
    expect(combineSnapshots([], true)).toBeNull();
  });
  it('is only in sync when every room is, and keeps the latest sync time', () => {
    const a = snapshotOf({ ...inSync, lastSyncedAt: '2025-03-01T10:00:00.000Z' });
    const b = snapshotOf({ ...inSync, lastSyncedAt: '2025-03-01T11:00:00.000Z' });
    const c = snapshotOf(facts({ connection: 'connecting', unsent: true }));
    expect(combineSnapshots([a, b], true)?.state).toBe('gesynchroniseerd');
    expect(combineSnapshots([a, b], true)?.lastSyncedAt).toBe('2025-03-01T11:00:00.000Z');
    const mixed = combineSnapshots([a, c], true)!;
    expect(mixed.state).toBe('lokaal');
    expect(mixed.connection).toBe('connecting');
    expect(combineSnapshots([a, b], false)?.state).toBe('offline');
  });
  it('passes a refusal on', () => {
    const refused = snapshotOf(facts({ refused: { code: 4404, reason: 'unknown room' } }));
    expect(combineSnapshots([snapshotOf(inSync), refused], true)?.refused?.code).toBe(4404);
  });
});

describe('createStore', () => {
  it('notifies on change only, and stops after unsubscribe', () => {
    const store = createStore(1);
    const seen: number[] = [];
    const stop = store.subscribe(() => seen.push(store.getSnapshot()));
    store.set(1);
    store.set(2);
    stop();
    store.set(3);
    expect(seen).toEqual([2]);
    expect(store.getSnapshot()).toBe(3);
  });
});
