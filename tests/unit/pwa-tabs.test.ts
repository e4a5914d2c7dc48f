/**
 * Tabs of one device sync a room through y-websocket's BroadcastChannel (Node's, in this one
 * process), with no relay reachable: they converge; a tab that opens alone sends the others its
 * state vector only, not its whole document; and what another tab sends or echoes is never
 * taken for what the server has (`serverHas`) or has confirmed (`acked`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { linkRelay, type RelayEvents, type RelayLink } from '../../src/sync/provider';
import { until } from '../helpers/until';

const url = 'ws://127.0.0.1:9/sync'; // nothing listens: the tabs have only each other
let links: RelayLink[] = [];
let channels: BroadcastChannel[] = [];

afterEach(() => {
  for (const link of links) link.destroy();
  for (const channel of channels) channel.close();
  links = [];
  channels = [];
});

/** A tab: its doc and link, and what its link reported about the server. */
function openTab(room: string, fill?: (doc: Y.Doc) => void, online = true) {
  const doc = new Y.Doc();
  fill?.(doc);
  const reported = { serverHas: 0, acked: 0 };
  const events: RelayEvents = {
    status: () => undefined,
    synced: () => undefined,
    closed: () => undefined,
    permissionDenied: () => undefined,
    serverHas: () => void reported.serverHas++,
    acked: () => void reported.acked++,
  };
  const link = linkRelay(doc, {
    url,
    room,
    token: null,
    connect: online,
    events,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  links.push(link);
  return { doc, link, reported };
}

/** Every message published on a room's channel, as its (message type, sync message type). */
function listen(room: string): [number, number][] {
  const seen: [number, number][] = [];
  const channel = new BroadcastChannel(`${url}/${room}`);
  channel.onmessage = (event: MessageEvent) => {
    const data = new Uint8Array(event.data as ArrayBuffer);
    seen.push([data[0]!, data[1]!]);
  };
  channels.push(channel);
  return seen;
}

const points = (doc: Y.Doc) => doc.getMap('points').toJSON();

describe('tabs of one device', () => {
  it('converge through the BroadcastChannel, each sending its whole state only once answered', async () => {
    const seen = listen('kern/beesd/agenda');
    const a = openTab('kern/beesd/agenda', (doc) => doc.getMap('points').set('a', 1));
    await until(() => seen.length >= 3, { message: 'the first tab announced itself' });
    // Alone: its state vector (sync step 1), the awareness query and its awareness; no sync step 2.
    expect(seen.filter(([type, sync]) => type === 0 && sync === 1)).toEqual([]);
    expect(seen.filter(([type]) => type === 0)).toEqual([[0, 0]]);

    const b = openTab('kern/beesd/agenda', (doc) => doc.getMap('points').set('b', 2));
    await until(() => points(a.doc).b === 2 && points(b.doc).a === 1, {
      message: 'both tabs have both points',
    });
    a.doc.getMap('points').set('c', 3);
    await until(() => points(b.doc).c === 3, { message: 'a live edit reached the other tab' });
    expect(points(b.doc)).toEqual(points(a.doc));
  });

  it('stay connected to each other offline, and a closed tab leaves them', async () => {
    const a = openTab('kern/rumpt/agenda', (doc) => doc.getMap('points').set('a', 1), false);
    const b = openTab('kern/rumpt/agenda', (doc) => doc.getMap('points').set('b', 2), false);
    await until(() => points(a.doc).b === 2 && points(b.doc).a === 1, {
      message: 'tabs opened offline synced',
    });
    a.link.connect();
    a.link.disconnect(); // offline again: the relay goes, the tabs stay
    a.doc.getMap('points').set('c', 3);
    await until(() => points(b.doc).c === 3, { message: 'an edit made offline reached the tab' });

    b.link.destroy();
    links = links.filter((link) => link !== b.link);
    a.doc.getMap('points').set('d', 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(points(b.doc).d).toBeUndefined();
  });

  it('never take what another tab has or echoes for what the server has or confirmed', async () => {
    const a = openTab('kern/tuil/agenda', (doc) => doc.getMap('points').set('a', 1));
    const b = openTab('kern/tuil/agenda', (doc) => doc.getMap('points').set('b', 2));
    await until(() => points(a.doc).b === 2 && points(b.doc).a === 1, { message: 'synced' });
    a.link.requestAck(); // the other tab applies it and sends it on to the tabs
    b.doc.getMap('points').set('c', 3);
    await until(() => points(a.doc).c === 3, { message: 'a later edit arrived' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.reported).toEqual({ serverHas: 0, acked: 0 });
    expect(b.reported).toEqual({ serverHas: 0, acked: 0 });
  });
});
