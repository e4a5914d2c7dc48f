/**
 * A frame made once for a broadcast (server/relay/frame.ts) is what ws would have sent:
 * written as it is to the socket under a real ws server connection, a real ws client
 * receives every size of message whole (7-, 16- and 64-bit lengths), binary, and in the order
 * written, also between messages that ws itself frames and sends.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame } from '../../server/relay/frame';

let server: WebSocketServer;
const accepted: { ws: WebSocket; wire: Duplex }[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const http = (await import('node:http')).createServer();
  http.on('upgrade', (req, socket, head) =>
    server.handleUpgrade(req, socket, head, (ws) => accepted.push({ ws, wire: socket })),
  );
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  server.on('close', () => http.close());
  (server as unknown as { port: number }).port = (http.address() as AddressInfo).port;
});

afterAll(() => server.close());

async function connect() {
  const port = (server as unknown as { port: number }).port;
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
    const { client, received, ws, wire } = await connect();
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const sent: Uint8Array[] = [];
    for (const [i, size] of sizes.entries()) {
      const framed = message(size, i);
      const own = message(size + 3, i + 100);
      wire.write(binaryFrame(framed));
      ws.send(own, { binary: true });
      sent.push(framed, own);
    }
    while (received.length < sent.length && client.readyState === WebSocket.OPEN)
      await new Promise((r) => setTimeout(r, 5));

    expect(received.map((m) => m.binary)).toEqual(sent.map(() => true));
    expect(received.map((m) => m.data.byteLength)).toEqual(sent.map((m) => m.byteLength));
    received.forEach((m, i) => expect(new Uint8Array(m.data)).toEqual(sent[i]));
    client.close();
  });

  it('leaves the connection healthy: the client still closes it cleanly after', async () => {
    const { client, ws, wire } = await connect();
    wire.write(binaryFrame(message(10, 1)));
    await once(client, 'message');
    const closed = once(ws, 'close');
    client.close(1000, 'klaar');
    const [code, reason] = (await closed) as [number, Buffer];
    expect(code).toBe(1000);
    expect(reason.toString()).toBe('klaar');
  });
});
