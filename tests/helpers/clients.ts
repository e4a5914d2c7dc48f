/**
 * Real clients for tests: the npm `y-websocket` WebsocketProvider (as the PWA uses it) and a
 * raw `ws` socket for what the provider hides (close codes, headers, garbage frames).
 *
 * `connect()` records what a test needs to observe: permission-denied messages (the provider
 * only prints them), close events and codes. Every client is destroyed by `destroyClients()`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { WebSocket, type ClientOptions } from 'ws';
import * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import type * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The shared map tests edit. */
  map: Y.Map<unknown>;
  /** Reasons of the permission-denied messages the server sent. */
  denied: string[];
  /** Close codes of the provider's connections, in order. */
  closes: number[];
  /** Resolves when the provider gave up after a permanent (44xx) close. */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

const clients = new Set<Client>();
const sockets = new Set<WebSocket>();

export interface ConnectOptions {
  token?: string;
  doc?: Y.Doc;
  connect?: boolean;
}

/** A provider for `room` on the server at `baseUrl` (http:// or ws://); a string is the token. */
export function connect(
  baseUrl: string,
  room: string,
  tokenOrOptions: string | ConnectOptions = {},
): Client {
  const options = typeof tokenOrOptions === 'string' ? { token: tokenOrOptions } : tokenOrOptions;
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.token ? { token: options.token } : {},
    connect: options.connect ?? true,
  });
  const denied: string[] = [];
  const closes: number[] = [];
  provider.messageHandlers[2] = (_encoder, decoder: decoding.Decoder) =>
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (event) => resolve(event)),
  );
  const client: Client = {
    doc,
    provider,
    map: doc.getMap('test'),
    denied,
    closes,
    closed,
    destroy() {
      clients.delete(client);
      provider.destroy();
    },
  };
  clients.add(client);
  return client;
}

export interface RawSocket {
  ws: WebSocket;
  opened: Promise<void>;
  /** Headers of the server's 101 response (extensions, protocol). */
  upgraded: Promise<IncomingHttpHeaders>;
  closed: Promise<{ code: number; reason: string }>;
  messages: Uint8Array[];
}

/**
 * A raw WebSocket to `url` (ws://...), with optional headers such as Origin and `ws` client
 * options (e.g. `{ autoPong: false }` for a client that never answers pings). Like a browser,
 * it offers per-message deflate unless told otherwise.
 */
export function rawSocket(
  url: string,
  headers: Record<string, string> = {},
  options: ClientOptions = {},
): RawSocket {
  const ws = new WebSocket(url, { headers, ...options });
  const upgraded = new Promise<IncomingHttpHeaders>((resolve) =>
    ws.once('upgrade', (res) => resolve(res.headers)),
  );
  sockets.add(ws);
  const messages: Uint8Array[] = [];
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      sockets.delete(ws);
      resolve({ code, reason: reason.toString() });
    }),
  );
  return { ws, opened, upgraded, closed, messages };
}

export function destroyClients(): void {
  for (const client of [...clients]) client.destroy();
  for (const ws of sockets) ws.terminate();
  sockets.clear();
}
