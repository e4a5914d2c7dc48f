/**
 * What a connection is sent when it joins a room (server/relay/room.ts): the room's sync step
 * 1, with the state vector of the document as it is at that moment. The message is encoded
 * once and reused until the document changes, by a live edit or by one that went through the
 * document (catch-up).
 */
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep2 } from '../../server/relay/protocol';
import { memoryRoom } from './support/room';

/** The state vector in the sync step 1 message a joining connection was sent. */
function joinedWith(connect: (name: string, onMessage: (m: Uint8Array) => void) => unknown) {
  const sent: Uint8Array[] = [];
  connect('joiner', (message) => sent.push(message));
  const decoder = decoding.createDecoder(sent[0]!);
  expect(decoding.readVarUint(decoder)).toBe(0); // a sync message
  expect(decoding.readVarUint(decoder)).toBe(0); // step 1
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

describe('joining a room', () => {
  it('sends sync step 1 with the state as it is now, after every kind of change', async () => {
    const { room, connect, send, rows } = await memoryRoom();
    const writer = connect('writer');
    const doc = new Y.Doc();
    const offline = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => void updates.push(u));
    expect(joinedWith(connect)).toEqual(new Map());

    doc.getMap('m').set('a', 1);
    send(writer, updates.at(-1)!); // a live edit, next in line: forwarded
    expect(joinedWith(connect)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(joinedWith(connect)).toEqual(new Map([[doc.clientID, 1]]));

    offline.getMap('m').set('b', 2);
    offline.getMap('m').set('c', 3);
    // Catch-up after working offline (sync step 2): through the document.
    room.receive(writer, decodeClientMessage(encodeSyncStep2(Y.encodeStateAsUpdate(offline))));
    expect(rows.length).toBe(2);
    expect(joinedWith(connect)).toEqual(
      new Map([
        [doc.clientID, 1],
        [offline.clientID, 2],
      ]),
    );
    room.destroy();
  });
});
