/**
 * The connection of one room's Y.Doc to the relay: the only module that imports y-websocket.
 *
 * Owns: the WebsocketProvider, its token (`params.token`, reconnecting when it changes),
 * and what it tells about the server, reported through `RelayEvents`:
 * - `status` / `synced`: the provider's own connection and sync events;
 * - `closed`: a permanent refusal (close code 4400–4499: y-websocket stops retrying);
 * - `permissionDenied`: the relay refused our edits (y-protocols auth message);
 * - `serverHas`: state-vector evidence of what the server has (its sync step 1 on connect,
 *   and every update it sends);
 * - `acked`: the server echoed our awareness state with this clock. Messages on one socket
 *   are handled in order and the relay stores an update before it echoes anything, so an
 *   echo confirms every update sent before that awareness message (`requestAck`);
 * - `peers`: the awareness states of everyone else in the room, whenever one is added,
 *   changed or removed (y-protocols drops a state not renewed for 30 s, and the relay
 *   removes a connection's state when it closes).
 * Our own awareness state holds two fields side by side: `ack` (see above) and `presence`
 * (what `setPresence` was given); each write keeps the other.
 * The sync and awareness handlers are wrapped: y-websocket still handles those messages.
 * The auth handler is replaced, because y-websocket's own only logs a warning.
 *
 * The device's other tabs of the same room sync through a BroadcastChannel (y-websocket's),
 * which goes through the same handlers: `serverHas` and `acked` only count messages from the
 * relay (y-websocket's `emitSynced`), not what another tab has or echoes. The tabs stay
 * connected to each other for as long as the link exists, also offline (y-websocket would
 * leave them with the relay). On connecting, a tab sends the other tabs its state vector (sync
 * step 1), and its whole state only once one answers (`TabsProvider`).
 */
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { vectorOfUpdate, type Vector } from './vector';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected';

export interface RelayEvents {
  status(status: ConnectionStatus): void;
  synced(): void;
  closed(code: number, reason: string): void;
  permissionDenied(reason: string): void;
  serverHas(vector: Vector): void;
  acked(clock: number): void;
  /** The other clients' awareness states (untrusted: read them with presence.ts). */
  peers?(states: unknown[]): void;
}

export interface RelayLink {
  /** Sets the token sent as `?token=`; reconnects when it changes and the link is connected. */
  setToken(token: string | null): void;
  connect(): void;
  disconnect(): void;
  /** True while the socket is open (the socket may still silently drop frames when offline). */
  readonly connected: boolean;
  /** The transaction origin of updates that came from the relay. */
  readonly origin: unknown;
  /** Sends an awareness renewal and returns its clock (see `acked`). */
  requestAck(): number;
  /** Sets the `presence` field of our awareness state (null: removes it). */
  setPresence(presence: Record<string, unknown> | null): void;
  destroy(): void;
}

export interface RelayOptions {
  /** ws(s)://host/sync */
  url: string;
  room: string;
  token: string | null;
  /** Connect at once (false while the device is offline). */
  connect: boolean;
  events: RelayEvents;
  /** Tests in one Node process must not sync through BroadcastChannel. */
  disableBc?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
}

const messageSync = 0;
const messageAwareness = 1;
const messageAuth = 2;
const messageQueryAwareness = 3;
const syncStep1 = 0;

/**
 * y-websocket's provider, but connecting to the device's other tabs does not send them the
 * whole document. y-websocket's `connectBc` sends the state vector (sync step 1) and the whole
 * state (sync step 2) on every connect, also when no other tab is open: an encode and a copy
 * of the whole document each time a room opens (for the bench's kernagenda of 200 points
 * about 100 ms at 4× CPU: docs/performance.md, "A room opens without encoding itself twice").
 * Here a tab sends its state vector, and another tab answers it with what this one lacks
 * (y-websocket's reply to a sync step 1); this tab's whole state goes out once the first
 * answer shows that another tab is there (`answeredByTab`), as y-websocket would have sent it.
 */
class TabsProvider extends WebsocketProvider {
  /** Connected to the other tabs, and no tab has answered yet. */
  private stateOwed = false;
  private destroying = false;

  /** Only when the link goes: the tabs stay connected while the relay is not. */
  override disconnectBc(): void {
    if (this.destroying) super.disconnectBc();
  }

  override destroy(): void {
    this.destroying = true;
    super.destroy();
  }

  override connectBc(): void {
    if (this.disableBc) return;
    if (!this.bcconnected) {
      bc.subscribe(this.bcChannel, this._bcSubscriber);
      this.bcconnected = true;
    }
    this.stateOwed = true;
    this.toTabs((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc), messageSync);
    this.toTabs(() => undefined, messageQueryAwareness);
    this.toTabs(
      (encoder) =>
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
        ),
      messageAwareness,
    );
  }

  /** A sync message came from another tab: this tab's whole state, if it still owes it. */
  answeredByTab(): void {
    if (!this.stateOwed || !this.bcconnected) return;
    this.stateOwed = false;
    this.toTabs((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc), messageSync);
  }

  private toTabs(write: (encoder: encoding.Encoder) => void, type: number): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    write(encoder);
    bc.publish(this.bcChannel, encoding.toUint8Array(encoder), this);
  }
}

/** Reads the (clientID, clock) pairs of an encoded awareness update. */
function awarenessClocks(update: Uint8Array): Map<number, number> {
  const decoder = decoding.createDecoder(update);
  const out = new Map<number, number>();
  const length = decoding.readVarUint(decoder);
  for (let i = 0; i < length; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
    out.set(client, clock);
  }
  return out;
}

/** What a sync message from the relay shows it has; peeks at a copy of the decoder. */
function serverEvidence(decoder: decoding.Decoder): Vector | null {
  try {
    const peek = decoding.clone(decoder);
    const kind = decoding.readVarUint(peek);
    const payload = decoding.readVarUint8Array(peek);
    return kind === syncStep1 ? Y.decodeStateVector(payload) : vectorOfUpdate(payload);
  } catch {
    return null; // y-websocket reports undecodable messages itself
  }
}

export function linkRelay(doc: Y.Doc, options: RelayOptions): RelayLink {
  const { events } = options;
  const provider = new TabsProvider(options.url, options.room, doc, {
    connect: false,
    params: options.token ? { token: options.token } : {},
    disableBc: options.disableBc ?? false,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
  let token = options.token;
  const handlers = provider.messageHandlers;

  const syncHandler = handlers[messageSync]!;
  handlers[messageSync] = (encoder, decoder, p, emitSynced, type) => {
    // `emitSynced` is false for a message from another tab (y-websocket's BroadcastChannel):
    // what another tab has says nothing about the server.
    const evidence = emitSynced ? serverEvidence(decoder) : null;
    syncHandler(encoder, decoder, p, emitSynced, type);
    if (!emitSynced) provider.answeredByTab();
    else if (evidence) events.serverHas(evidence);
  };

  const awarenessHandler = handlers[messageAwareness]!;
  handlers[messageAwareness] = (encoder, decoder, p, emitSynced, type) => {
    let clock: number | undefined;
    try {
      const peek = decoding.clone(decoder);
      clock = awarenessClocks(decoding.readVarUint8Array(peek)).get(doc.clientID);
    } catch {
      clock = undefined;
    }
    awarenessHandler(encoder, decoder, p, emitSynced, type);
    if (clock !== undefined && emitSynced) events.acked(clock);
  };

  handlers[messageAuth] = (_encoder, decoder) => {
    // y-protocols auth: 0 = permission denied, followed by a reason.
    try {
      if (decoding.readVarUint(decoder) === 0)
        events.permissionDenied(decoding.readVarString(decoder));
    } catch {
      events.permissionDenied('');
    }
  };

  const awareness = provider.awareness;
  awareness.on('change', () => {
    const others: unknown[] = [];
    for (const [client, state] of awareness.getStates())
      if (client !== doc.clientID) others.push(state);
    events.peers?.(others);
  });

  provider.on('status', ({ status }) => {
    // On a closed connection y-websocket removes the others' states but y-protocols keeps
    // their clocks, and then ignores the same states when the relay sends them again on the
    // next connection: until each renews (up to 15 s) nobody would seem to be here.
    if (status === 'disconnected')
      for (const client of [...awareness.meta.keys()])
        if (client !== doc.clientID && !awareness.states.has(client)) awareness.meta.delete(client);
    events.status(status);
  });
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) events.synced();
  });
  provider.on('closed', ({ code, reason }) => events.closed(code, reason));

  if (options.connect) provider.connect();
  else provider.connectBc();

  return {
    setToken(next) {
      if (next === token) return;
      token = next;
      const wasConnecting = provider.shouldConnect;
      provider.disconnect();
      provider.params = next ? { token: next } : {};
      if (wasConnecting) provider.connect();
    },
    connect: () => {
      if (!provider.shouldConnect || provider.ws === null) provider.connect();
    },
    disconnect: () => provider.disconnect(),
    get connected() {
      return provider.wsconnected;
    },
    origin: provider,
    requestAck() {
      const current = awareness.getLocalState() ?? {};
      awareness.setLocalState({ ...current, ack: ((current.ack as number) ?? 0) + 1 });
      return awareness.meta.get(doc.clientID)?.clock ?? 0;
    },
    setPresence(presence) {
      const next: Record<string, unknown> = { ...awareness.getLocalState() };
      if (presence) next.presence = presence;
      else delete next.presence;
      awareness.setLocalState(next);
    },
    destroy: () => provider.destroy(),
  };
}
