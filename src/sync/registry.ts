/**
 * The rooms this page has open: one shared Room per name, reference-counted, created once
 * in the composition root and passed down (nothing here runs on import).
 *
 * Owns: opening and lingering rooms (a released room stays open `lingerMs`, so moving between
 * pages or React's StrictMode re-mount does not reconnect), the device's online state
 * (window `online`/`offline` events: an open WebSocket does not notice going offline), the
 * tokens (each room gets the newest token that may write it, and reconnects when that
 * changes), and the combined sync status of the open rooms.
 *
 * How a room is made (`openRoom`, with Yjs, y-websocket and y-indexeddb) is supplied by the
 * screens that show rooms (`useRoom`), not imported here: the app shell and the home page then
 * load and run without those libraries, which come with the first kern page.
 */
import type { GemeenteConfig } from '../config/gemeente';
import type { Room, RoomOptions } from './room';
import { combineSnapshots, createStore, type Store, type SyncSnapshot } from './status';
import { chooseToken, type DeviceToken } from './tokens';

export interface RegistryOptions {
  /** ws(s)://host/sync */
  url: string;
  config: GemeenteConfig;
  now?: () => string;
  lingerMs?: number;
  /** Rooms wait at most this long for the first `setTokens` before connecting. */
  tokensTimeoutMs?: number;
  /** Source of online/offline events (window in the browser). */
  network?: { online: boolean; target: EventTarget | null };
  disableBc?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  openLocal?: RoomOptions['openLocal'];
  /** How rooms are made; may instead be supplied later with `supplyRooms`. */
  openRoom?: RoomFactory;
}

export type RoomFactory = (name: string, options: RoomOptions) => Room;

export interface RoomLease {
  room: Room;
  release(): void;
}

export interface RoomRegistry {
  /** Opens `name` and holds it until `release()`. */
  open(name: string): RoomLease;
  /**
   * The room `name`, opened if needed (idempotent, so React may call it while rendering);
   * it closes after `lingerMs` unless someone `retain`s it.
   */
  get(name: string): Room;
  /** Holds `name` open; returns the release function (for an effect's cleanup). */
  retain(name: string): () => void;
  /** Supplies how rooms are made, before the first room is opened (idempotent). */
  supplyRooms(openRoom: RoomFactory): void;
  /** Changes whenever the choice of tokens may have changed (tokens set, a token rejected). */
  readonly access: Store<number>;
  /**
   * Whether `writerFor` knows this device's tokens: true once they are first set, or once
   * rooms have stopped waiting for them (`tokensTimeoutMs`).
   */
  readonly tokensKnown: Store<boolean>;
  setTokens(tokens: readonly DeviceToken[]): void;
  /** This device's tokens, as last set (newest first). */
  tokens(): readonly DeviceToken[];
  /** The token `name` connects with (null: read-only). */
  writerFor(name: string): DeviceToken | null;
  /** Combined status of the open rooms; null when none is open. */
  readonly status: Store<SyncSnapshot | null>;
  readonly online: Store<boolean>;
  destroy(): Promise<void>;
}

interface Entry {
  room: Room;
  count: number;
  linger: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

/** ws(s)://<host>/sync for a page at `location`. */
export function relayUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export function createRoomRegistry(options: RegistryOptions): RoomRegistry {
  const now = options.now ?? (() => new Date().toISOString());
  const lingerMs = options.lingerMs ?? 30_000;
  const entries = new Map<string, Entry>();
  let openRoom = options.openRoom ?? null;
  const online = createStore(options.network?.online ?? true);
  const status = createStore<SyncSnapshot | null>(null);
  const rejected = new Set<string>();
  const access = createStore(0);
  let tokens: readonly DeviceToken[] = [];
  // Rooms connect once the tokens are known (or after a while without them: never hang).
  const tokensKnown = createStore(false);
  let tokensSet: () => void = () => undefined;
  const tokensArrived = new Promise<void>(
    (resolve) =>
      (tokensSet = () => {
        tokensKnown.set(true);
        resolve();
      }),
  );
  const tokensTimer = setTimeout(tokensSet, options.tokensTimeoutMs ?? 2000);

  const refreshStatus = () =>
    status.set(
      combineSnapshots(
        [...entries.values()].map((e) => e.room.status.getSnapshot()),
        online.getSnapshot(),
      ),
    );

  const writerFor = (name: string) => chooseToken(name, tokens, options.config, now(), rejected);

  const retoken = () => {
    access.set(access.getSnapshot() + 1);
    for (const [name, entry] of entries) entry.room.setToken(writerFor(name)?.token ?? null);
  };

  const onNetwork = (event: Event) => {
    const isOnline = event.type === 'online';
    online.set(isOnline);
    for (const entry of entries.values()) entry.room.setOnline(isOnline);
    refreshStatus();
  };
  const target = options.network?.target ?? null;
  target?.addEventListener('online', onNetwork);
  target?.addEventListener('offline', onNetwork);

  const close = (name: string, entry: Entry) => {
    entries.delete(name);
    entry.unsubscribe();
    refreshStatus();
    void entry.room.destroy();
  };

  const ensure = (name: string): Entry => {
    let entry = entries.get(name);
    if (!entry) {
      if (!openRoom) throw new Error(`no room factory to open ${name}: call supplyRooms first`);
      const room = openRoom(name, {
        url: options.url,
        token: writerFor(name)?.token ?? null,
        online: online.getSnapshot(),
        now,
        tokensKnown: tokensArrived,
        onTokenRejected(token) {
          rejected.add(token);
          retoken();
        },
        disableBc: options.disableBc,
        WebSocketPolyfill: options.WebSocketPolyfill,
        openLocal: options.openLocal,
      });
      const created: Entry = {
        room,
        count: 0,
        linger: null,
        unsubscribe: room.status.subscribe(refreshStatus),
      };
      entries.set(name, created);
      scheduleClose(name, created);
      refreshStatus();
      entry = created;
    }
    return entry;
  };

  const scheduleClose = (name: string, entry: Entry) => {
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = setTimeout(() => close(name, entry), lingerMs);
  };

  const retain = (name: string) => {
    const entry = ensure(name);
    entry.count += 1;
    if (entry.linger) clearTimeout(entry.linger);
    entry.linger = null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.count -= 1;
      if (entry.count === 0 && entries.get(name) === entry) scheduleClose(name, entry);
    };
  };

  return {
    open(name) {
      const release = retain(name);
      return { room: ensure(name).room, release };
    },
    get: (name) => ensure(name).room,
    retain,
    supplyRooms(factory) {
      openRoom = factory;
    },
    access,
    tokensKnown,
    setTokens(next) {
      tokens = next;
      clearTimeout(tokensTimer);
      tokensSet();
      retoken();
    },
    tokens: () => tokens,
    writerFor,
    status,
    online,
    async destroy() {
      clearTimeout(tokensTimer);
      tokensSet();
      target?.removeEventListener('online', onNetwork);
      target?.removeEventListener('offline', onNetwork);
      const all = [...entries.entries()];
      for (const [, entry] of all) if (entry.linger) clearTimeout(entry.linger);
      entries.clear();
      await Promise.all(all.map(([, e]) => (e.unsubscribe(), e.room.destroy())));
    },
  };
}
