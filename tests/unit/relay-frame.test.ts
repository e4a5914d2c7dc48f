/**
 * A frame made once for a broadcast (server/relay/frame.ts) is what ws would have sent:
 * written as it is to the socket under a real ws server connection (`Connection.sendFrame`),
 * a real ws client receives every size of message whole (7-, 16- and 64-bit lengths), binary,
 * and in the order written, also between messages that ws itself frames and sends; once the
 * connection is closing, nothing more is written after ws's close frame.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Connection } from '../../server/relay/connection';
import { binaryFrame } from '../../server/relay/frame';

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const http: Server = createServer();
const accepted: { conn: Connection; socket: Socket }[] = [];
let port = 0;

beforeAll(async () => {
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) =>
      accepted.push({
        conn: new Connection(ws, socket, 'kern/beesd/agenda', null, true),
        socket: socket as Socket,
      }),
    ),
  );
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  port = (http.address() as AddressInfo).port;
});

afterAll(() => {
  wss.close();
  http.close();
});

/** A real ws client connected to a `Connection`, and what it received. */
async function connect() {
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: { data: Buffer; binary: boolean }[] = [];
  client.on('message', (data: Buffer, binary) => received.push({ data, binary }));
  await once(client, 'open');
  while (accepted.length === 0) await new Promise((r) => setTimeout(r, 5));
  return { client, received, ...accepted.shift()! };
}

function message(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

describe('binaryFrame', () => {
  it('frames the header as RFC 6455 does for a server: FIN, binary, unmasked, its length', () => {
    expect([...binaryFrame(Uint8Array.of(7, 8, 9))]).toEqual([0x82, 3, 7, 8, 9]);
    expect([...binaryFrame(message(126, 0)).subarray(0, 4)]).toEqual([0x82, 126, 0, 126]);
    expect([...binaryFrame(message(65_536, 0)).subarray(0, 10)]).toEqual([
      0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0,
    ]);
  });

  it('reaches a real ws client whole, in order, between messages ws sends itself', async () => {
    const { client, received, conn } = await connect();
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const sent: Uint8Array[] = [];
    for (const [i, size] of sizes.entries()) {
      const framed = message(size, i);
      const own = message(size + 3, i + 100);
      conn.sendFrame(binaryFrame(framed));
      conn.send(own);
      sent.push(framed, own);
    }
    while (received.length < sent.length && client.readyState === WebSocket.OPEN)
      await new Promise((r) => setTimeout(r, 5));

    expect(received.map((m) => m.binary)).toEqual(sent.map(() => true));
    expect(received.map((m) => m.data.byteLength)).toEqual(sent.map((m) => m.byteLength));
    expect(received.map((m, i) => m.data.equals(sent[i]!))).toEqual(sent.map(() => true));
    client.close();
  });

  it('writes nothing once the connection is closing: not a byte after the close frame', async () => {
    const { client, received, conn, socket } = await connect();
    conn.sendFrame(binaryFrame(message(10, 1)));
    const closed = once(client, 'close');
    conn.close(4508, 'idle');
    const written = socket.bytesWritten;
    conn.sendFrame(binaryFrame(message(10, 2)));

    expect(socket.bytesWritten).toBe(written);
    const [code, reason] = (await closed) as [number, Buffer];
    expect(code).toBe(4508);
    expect(reason.toString()).toBe('idle');
    expect(received.map((m) => new Uint8Array(m.data))).toEqual([message(10, 1)]);
  });
});
