/**
 * Load clients for the relay scripts: the npm y-websocket `WebsocketProvider` in Node (as
 * the PWA uses it), over `ws`, without BroadcastChannel. Each client may bind its own
 * loopback source address (127.0.0.x), as real clients come from many addresses, so a
 * per-address connection cap measures what it would in the field.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Relay } from './servers';

// Every WebsocketProvider adds a process `exit` listener in Node.
process.setMaxListeners(0);

export interface LoadClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  /** Close codes seen (e.g. 4429 from flood control). */
  closes: number[];
  destroy(): void;
}

type SocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket;
const socketClasses = new Map<string, SocketClass>();

/** A `ws` WebSocket class whose connections come from `localAddress`. */
function socketFrom(localAddress: string): SocketClass {
  let cls = socketClasses.get(localAddress);
  if (!cls) {
    cls = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { localAddress, perMessageDeflate: false });
      }
    };
    socketClasses.set(localAddress, cls);
  }
  return cls;
}

/** 127.0.0.2 … 127.0.0.251 by index. */
export const loopbackAddress = (index: number) => `127.0.0.${2 + (index % 250)}`;

export function loadClient(
  relay: Pick<Relay, 'wsBase' | 'auth'>,
  room: string,
  options: { token?: string; localAddress?: string; doc?: Y.Doc } = {},
): LoadClient {
  const doc = options.doc ?? new Y.Doc();
  const Socket = options.localAddress ? socketFrom(options.localAddress) : WebSocket;
  const provider = new WebsocketProvider(relay.wsBase, room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: relay.auth && options.token ? { token: options.token } : {},
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
