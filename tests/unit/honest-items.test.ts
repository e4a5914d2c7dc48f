/**
 * The relay keeps only items an honest client makes (`misplaced` and `nextInLine`,
 * server/relay/changes.ts; `discard`, server/relay/room.ts). Each forged update below is a
 * real edit with a few bytes changed, which Yjs decodes and integrates anyway: the room
 * must store none of it, send none of it, close its sender as malformed (4400), load its doc
 * again from the rows (exactly what its peers were sent) and ask the others, still
 * connected, for what the store lacks. Honest edits, however concurrent, are never refused.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { nextInLine } from '../../server/relay/changes';
import {
  CloseCode,
  CloseReason,
  decodeClientMessage,
  encodeUpdate,
} from '../../server/relay/protocol';
import { forge } from './support/forge';
import { memoryRoom } from './support/room';
import { client } from './support/replicas';
import { seeded } from './support/random';

const textOf = (doc: Y.Doc) => doc.getText('t').toString();

/** The sync step of a y-websocket sync message (0, 1 or 2), or -1 for any other message. */
function syncStep(message: Uint8Array): number {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === 0 ? decoding.readVarUint(decoder) : -1;
}

/**
 * A room that holds "abcd" in text `t`, "other" in text `u` and `m.k = 1`, all from client
 * 1 (`a`), with a writer and a reader connected. A test makes `a`'s next edit, forges its
 * update and hands it to `refused`.
 */
async function setup() {
  const room = await memoryRoom();
  const writer = room.connect('writer');
  const readerSent: Uint8Array[] = [];
  const reader = Object.assign(
    room.connect('reader', (message) => readerSent.push(message)),
    { sent: readerSent },
  );
  const a = client(1);
  a.doc.getText('t').insert(0, 'abcd');
  a.doc.getText('u').insert(0, 'other');
  a.doc.getMap('m').set('k', 1);
  for (const update of a.updates) room.send(writer, update);
  room.stored(); // commits what is pending
  const rowsBefore = room.rows.length;
  const idOf = (name: 't' | 'u', index: number) => {
    const ids: Y.ID[] = [];
    for (let item = a.doc.getText(name)._start; item; item = item.right)
      for (let i = 0; i < item.length; i++) ids.push(Y.createID(item.id.client, item.id.clock + i));
    return ids[index]!;
  };
  /**
   * Sends `forged` (made of client 1's latest edit) and checks everything the room must do
   * with a forgery; then the honest edit it was made of still goes in.
   */
  const refused = (forged: Uint8Array) => {
    expect(nextInLine(room.room.doc, Y.decodeUpdate(forged))).toBe(false);
    const before = room.room.doc;
    reader.sent.length = 0;
    room.send(writer, forged);
    expect(writer.closed).toEqual({
      code: CloseCode.malformed,
      reason: 'update could not be applied',
    });
    expect(room.rows).toHaveLength(rowsBefore); // nothing stored
    expect(textOf(room.stored())).toBe('abcd');
    expect(room.stored().getMap('m').toJSON()).toEqual({ k: 1 });
    // The doc was loaded again from the rows; the reader stays and is asked what it has.
    expect(room.room.doc).not.toBe(before);
    expect(textOf(room.room.doc)).toBe('abcd');
    expect([reader.closed, room.dropped()]).toEqual([null, 0]);
    expect(reader.sent.map(syncStep)).toEqual([0]);
    room.send(reader, a.last());
    expect(textOf(room.stored())).toBe(textOf(a.doc));
    expect(room.rows).toHaveLength(rowsBefore + 1);
    expect(textOf(room.room.doc)).toBe(textOf(a.doc));
  };
  return { ...room, a, writer, reader, idOf, refused };
}

describe('the relay keeps only items an honest client makes', () => {
  it('refuses an item whose right origin is its origin', async () => {
    const { a, idOf, refused } = await setup();
    a.doc.getText('t').insert(2, 'X'); // between b and c
    refused(forge(a.last(), ([item]) => (item!.rightOrigin = idOf('t', 1))));
  });

  it('refuses an item whose right origin lies left of its origin', async () => {
    const { a, idOf, refused } = await setup();
    a.doc.getText('t').insert(2, 'X');
    refused(forge(a.last(), ([item]) => (item!.rightOrigin = idOf('t', 0))));
  });

  it('refuses an item whose origins lie in two different texts', async () => {
    const { a, idOf, refused } = await setup();
    a.doc.getText('t').insert(2, 'X');
    refused(forge(a.last(), ([item]) => (item!.rightOrigin = idOf('u', 3))));
  });

  it('refuses an item whose clock was moved back into the map entry before it', async () => {
    const { a, refused } = await setup();
    const mapEntry = Y.createID(1, Y.getState(a.doc.store, 1) - 1);
    a.doc.getText('t').insert(4, 'xyz');
    // Yjs integrates "yz" and links it to the map entry (its clock's predecessor).
    refused(
      forge(a.last(), ([item]) => {
        item!.id = Y.createID(1, mapEntry.clock);
      }),
    );
  });

  it('refuses a map entry of more than one value', async () => {
    const { a, refused } = await setup();
    const mapEntry = Y.createID(1, Y.getState(a.doc.store, 1) - 1);
    a.doc.getText('t').insert(4, 'xyz');
    refused(forge(a.last(), ([item]) => (item!.origin = mapEntry)));
  });

  it('refuses an empty item or an empty deletion before any doc sees it', async () => {
    const { a } = await setup();
    a.doc.getText('t').insert(4, 'x');
    const empty = forge(a.last(), ([item]) => {
      item!.content = new Y.ContentString('');
      item!.length = 0;
    });
    expect(() => decodeClientMessage(encodeUpdate(empty))).toThrow('empty struct');
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 0); // no structs
    encoding.writeVarUint(encoder.restEncoder, 1); // deletions of one client
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeDsClock(0);
    encoder.writeDsLen(0);
    const deletion = encoder.toUint8Array();
    expect(Y.decodeUpdate(deletion).ds.clients.get(1)).toEqual([{ clock: 0, len: 0 }]);
    expect(() => decodeClientMessage(encodeUpdate(deletion))).toThrow('empty deletion');
  });

  it('drops the room when its rows do not load again: everyone reconnects (1012)', async () => {
    const { a, idOf, send, store, writer, reader, dropped } = await setup();
    store.load = () => {
      throw new Error('SQLITE_IOERR');
    };
    a.doc.getText('t').insert(2, 'X');
    send(
      writer,
      forge(a.last(), ([item]) => (item!.rightOrigin = idOf('t', 1))),
    );
    expect(writer.closed?.code).toBe(CloseCode.malformed);
    expect(reader.closed).toEqual({
      code: CloseCode.storeRecovered,
      reason: CloseReason.reloading,
    });
    expect(dropped()).toBe(1);
  });

  it('takes the honest edit that the forgeries were made of', async () => {
    const { a, send, writer, reader, rows, stored, dropped } = await setup();
    a.doc.getText('t').insert(2, 'X');
    a.doc.getText('t').insert(6, 'xyz');
    for (const update of a.updates.slice(-2)) send(writer, update);
    expect(textOf(stored())).toBe('abXcdxyz');
    expect(rows).toHaveLength(5);
    expect([writer.closed, reader.closed, dropped()]).toEqual([null, null, 0]);
  });
});

describe('honest, concurrent edits', () => {
  const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));

  it(`are never refused, and the rows load into what every client holds (SEED=${seed})`, async () => {
    const rnd = seeded(seed);
    const room = await memoryRoom({ compactEvery: 40 });
    const clients = [client(1), client(2), client(3)].map((c) => {
      // Each client gets what the room sends it, as a y-websocket client would.
      const conn = room.connect(`c${c.doc.clientID}`, (message) => {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return;
        Y.applyUpdate(c.doc, decoding.readVarUint8Array(decoder), 'remote');
      });
      return { ...c, conn, outbox: [] as Uint8Array[] };
    });
    for (let step = 0; step < 600; step++) {
      const c = rnd.pick(clients);
      if (rnd.int(3) > 0) {
        const text = c.doc.getText('t');
        const list = c.doc.getArray<Y.Map<unknown>>('a');
        const way = rnd.int(6);
        if (way === 0 && text.length) text.delete(rnd.int(text.length), 1 + rnd.int(3));
        else if (way === 1) c.doc.getMap('m').set(`k${rnd.int(3)}`, step);
        else if (way === 2) {
          const point = new Y.Map();
          point.set('titel', `punt ${step}`);
          list.insert(rnd.int(list.length + 1), [point]);
        } else if (way === 3 && list.length) list.get(rnd.int(list.length)).set('titel', `${step}`);
        else text.insert(rnd.int(text.length + 1), 'xyz'.slice(rnd.int(3)));
        c.outbox.push(...c.updates.splice(0));
      } else if (c.outbox.length) {
        // Sent late, and sometimes several at once: the others edited meanwhile.
        const batch = c.outbox.splice(0, 1 + rnd.int(c.outbox.length));
        room.send(c.conn, batch.length > 1 ? Y.mergeUpdates(batch) : batch[0]!);
      }
    }
    for (const c of clients) if (c.outbox.length) room.send(c.conn, Y.mergeUpdates(c.outbox));
    expect(clients.map((c) => c.conn.closed)).toEqual([null, null, null]);
    expect(room.dropped()).toBe(0);
    const content = (doc: Y.Doc) =>
      JSON.stringify([
        doc.getText('t').toString(),
        Object.entries(doc.getMap('m').toJSON()).sort(),
        doc.getArray('a'),
      ]);
    const stored = content(room.stored());
    expect(content(room.room.doc)).toBe(stored);
    for (const c of clients)
      expect(content(c.doc), `SEED=${seed} client ${c.doc.clientID}`).toBe(stored);
  });
});
