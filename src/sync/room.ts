/**
 * One open room: its Y.Doc, the on-device copy, the relay link and the sync status.
 *
 * Invariants: the IndexedDB copy is loaded before the relay link exists (so the first sync
 * carries the local state vector); `unsent` is true exactly when the doc has something the
 * server is not known to have. What the server has is learnt from its messages (see
 * provider.ts), kept beside the doc on this device, so edits made offline before a reload
 * still count as unsent. An ack only counts on a connection with a token whose edits the
 * relay has not refused.
 * Presence (presence.ts) goes through the relay link's awareness: what this device shows is
 * kept here and handed to each new link; `presence` lists everyone else in the room.
 * A kernagenda room also keeps `mergeBase` (mergeBase.ts): the agenda this device had just
 * before other people's edits came in, for the budget warnings that only a merge causes.
 */
import * as Y from 'yjs';
import { onDocChange } from './docChanges';
import { openLocalCopy, type LocalCopy } from './local';
import { isAgendaRoomName } from '../model/rooms';
import { trackMergeBase, type MergeBase } from './mergeBase';
import { readPresence, samePresences, type Presence } from './presence';
import { afterPaint } from './schedule';
import { linkRelay, type RelayLink } from './provider';
import {
  createStore,
  initialFacts,
  snapshotOf,
  type Store,
  type SyncFacts,
  type SyncSnapshot,
} from './status';
import {
  decodeVector,
  emptyVector,
  encodeVector,
  hasUnknown,
  mergeVectors,
  vectorOfDoc,
  type Vector,
} from './vector';

export interface RoomOptions {
  /** ws(s)://host/sync */
  url: string;
  token: string | null;
  online: boolean;
  now: () => string;
  /** The relay link waits for this (the device's tokens are known), so it connects once. */
  tokensKnown?: Promise<void>;
  /** Called when the relay refuses this room's token (close code 4401). */
  onTokenRejected(token: string): void;
  disableBc?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  /** Replaces the IndexedDB copy (tests in Node). */
  openLocal?: (name: string, doc: Y.Doc) => LocalCopy;
}

export interface Room {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Resolves when the local copy is loaded (the relay link is then being set up). */
  readonly ready: Promise<void>;
  readonly status: Store<SyncSnapshot>;
  /** The other people in this room now (sorted by name), for as long as they are connected. */
  readonly presence: Store<readonly Presence[]>;
  /**
   * Kernagenda rooms: this device's agenda from just before the latest remote changes (null
   * before any, and always in other rooms).
   */
  readonly mergeBase: Store<MergeBase | null>;
  /** What the others see of this device (null: nothing, e.g. after leaving the page). */
  setPresence(presence: Presence | null): void;
  setToken(token: string | null): void;
  setOnline(online: boolean): void;
  destroy(): Promise<void>;
}

/** Shown when the relay refuses our edits without saying why. */
const fallbackRefusal = 'De server neemt je wijzigingen niet aan.';
const metaKnown = 'serverVector';
const metaLastSync = 'lastSyncedAt';

export function openRoom(name: string, options: RoomOptions): Room {
  const doc = new Y.Doc();
  const local = (options.openLocal ?? openLocalCopy)(name, doc);
  let facts: SyncFacts = { ...initialFacts, online: options.online };
  const status = createStore(snapshotOf(facts));
  let known: Vector = emptyVector;
  let token = options.token;
  let link: RelayLink | null = null;
  let destroyed = false;
  let pendingAcks: { clock: number; vector: Vector }[] = [];
  let ackScheduled = false;
  let mine: Presence | null = null;
  const presence = createStore<readonly Presence[]>([]);
  const showPeers = (states: unknown[]) => {
    if (destroyed) return;
    const next = states
      .map(readPresence)
      .filter((p): p is Presence => p !== null)
      .sort((a, b) => a.name.localeCompare(b.name, 'nl') || Number(a.visitor) - Number(b.visitor));
    if (!samePresences(next, presence.getSnapshot())) presence.set(next);
  };
  const merges = isAgendaRoomName(name)
    ? trackMergeBase(doc, {
        isRemote: (origin) => link !== null && origin === link.origin,
        isLoad: (origin) => origin === local.origin,
        now: options.now,
      })
    : null;

  const update = (patch: Partial<SyncFacts>) => {
    if (destroyed) return;
    facts = { ...facts, ...patch };
    const inSync =
      facts.online && facts.connection === 'connected' && facts.synced && !facts.unsent;
    if (inSync && !facts.refused) facts.lastSyncedAt = options.now();
    status.set(snapshotOf(facts));
    scheduleSave();
  };

  const save = async () => {
    await local.setMeta(metaKnown, encodeVector(known)).catch(() => undefined);
    if (facts.lastSyncedAt)
      await local.setMeta(metaLastSync, facts.lastSyncedAt).catch(() => undefined);
  };
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleSave = () => {
    if (saveTimer || !facts.localLoaded) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      if (!destroyed) void save();
    }, 300);
  };
  const saveNow = async () => {
    if (!saveTimer) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    await save();
  };
  // A page put away or reloaded may not come back to it: what the server has is kept at once,
  // so the next open does not call confirmed edits unsent until the relay answers again.
  const onHidden = (event: Event) => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') void saveNow();
  };
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onHidden);
  }

  const recomputeUnsent = () => update({ unsent: hasUnknown(vectorOfDoc(doc), known) });

  const ackNow = () => {
    // Without a token the relay applies nothing of ours: an echo would confirm nothing.
    if (!token || !link || !link.connected || !facts.synced || facts.editsRefused) return;
    const clock = link.requestAck();
    pendingAcks.push({ clock, vector: vectorOfDoc(doc) });
  };
  /** After the current message is answered (a sync step 2 reply is sent synchronously). */
  const scheduleAck = () => {
    if (ackScheduled) return;
    ackScheduled = true;
    queueMicrotask(() => {
      ackScheduled = false;
      if (!destroyed && facts.unsent) ackNow();
    });
  };

  const learn = (vector: Vector) => {
    known = mergeVectors(known, vector);
    recomputeUnsent();
  };

  onDocChange(doc, (origin) => {
    if (origin === local.origin || (link && origin === link.origin)) {
      // While the stored copy loads, what the server has is not read yet: `ready` decides.
      if (origin === local.origin && facts.localLoaded) recomputeUnsent();
      return;
    }
    recomputeUnsent();
    // Not at once: this listener runs before y-websocket's own, which sends the update. The
    // ack request must follow the update on the socket, or its echo would confirm an edit
    // the relay has not yet seen (or has refused).
    scheduleAck();
  });

  const connectRelay = () => {
    link = linkRelay(doc, {
      url: options.url,
      room: name,
      token,
      connect: facts.online,
      disableBc: options.disableBc,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      events: {
        status(connection) {
          if (connection !== 'connected') pendingAcks = [];
          else merges?.connected();
          update(
            connection === 'connected'
              ? { connection, editsRefused: null }
              : { connection, synced: false },
          );
        },
        synced() {
          update({ synced: true });
          scheduleAck();
        },
        closed(code, reason) {
          if (code === 4401 && token) {
            const rejected = token;
            update({ tokenRejected: true });
            options.onTokenRejected(rejected);
          } else update({ refused: { code, reason } });
        },
        permissionDenied(reason) {
          pendingAcks = [];
          update({ editsRefused: reason || fallbackRefusal });
        },
        serverHas(vector) {
          learn(vector);
          if (facts.unsent) scheduleAck();
        },
        acked(clock) {
          if (facts.editsRefused) return;
          const confirmed = pendingAcks.filter((a) => a.clock <= clock);
          if (confirmed.length === 0) return;
          pendingAcks = pendingAcks.filter((a) => a.clock > clock);
          learn(confirmed.reduce((v, a) => mergeVectors(v, a.vector), known));
        },
        peers: showPeers,
      },
    });
    if (mine) link.setPresence({ ...mine });
  };

  const ready = local.loaded.then(async () => {
    if (destroyed) return;
    const [storedKnown, storedLast] = await Promise.all([
      local.getMeta(metaKnown).catch(() => undefined),
      local.getMeta(metaLastSync).catch(() => undefined),
      options.tokensKnown,
    ]);
    if (destroyed) return;
    known = mergeVectors(known, decodeVector(storedKnown));
    facts.localLoaded = true;
    if (typeof storedLast === 'string' && !facts.lastSyncedAt) facts.lastSyncedAt = storedLast;
    recomputeUnsent();
    // The page shows the local copy first: connecting to the relay and the other tabs waits
    // until that has been painted.
    // (After 100 ms without a frame too: a tab opened in the background paints nothing.)
    afterPaint(() => {
      if (!destroyed) connectRelay();
    }, 100);
  });

  return {
    name,
    doc,
    ready,
    status,
    presence,
    mergeBase: merges?.base ?? createStore<MergeBase | null>(null),
    setPresence(next) {
      mine = next;
      link?.setPresence(next ? { ...next } : null);
    },
    setToken(next) {
      if (next === token) return;
      token = next;
      pendingAcks = [];
      // Falling back to no token after a rejection keeps saying so.
      update({
        refused: null,
        editsRefused: null,
        tokenRejected: next ? false : facts.tokenRejected,
      });
      link?.setToken(next);
      if (facts.online) link?.connect();
    },
    setOnline(online) {
      if (online === facts.online) return;
      update({ online });
      if (!link) return;
      if (online && !facts.refused) link.connect();
      else if (!online) link.disconnect();
    },
    async destroy() {
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', onHidden);
        window.removeEventListener('pagehide', onHidden);
      }
      await saveNow();
      destroyed = true;
      merges?.destroy();
      link?.destroy();
      await local.destroy();
      doc.destroy();
    },
  };
}
