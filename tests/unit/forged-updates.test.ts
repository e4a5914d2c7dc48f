/**
 * Forged updates against a real `Room` (server/relay/room.ts), seeded: two honest clients edit
 * a text, a map and a list of maps, each seeing the other's edits late; the room gets their
 * updates, a quarter of them with one bit flipped (whatever still decodes goes in, as on the
 * relay). Holds after every run: the room's doc, its rows loaded afresh, its rows compacted,
 * and a peer that applied everything the room sent it hold the same content, and the rows
 * load. Without `misplaced` and `nextInLine`'s order check (changes.ts) it fails: three seeds
 * of 1,000 runs failed at runs 71, 175 and 301.
 *
 * `SEED=` replays a run of seeds; `FORGED_RUNS` sets how many (default 500, about 4 s).
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { decodeClientMessage, encodeSyncStep2, encodeUpdate } from '../../server/relay/protocol';
import { memoryRoom } from './support/room';
import { seeded, type Random } from './support/random';

const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.FORGED_RUNS ?? 500);

const content = (doc: Y.Doc) =>
  JSON.stringify([
    doc.getText('t').toDelta(),
    Object.entries(doc.getMap('m').toJSON()).sort(),
    doc.getArray('a').toJSON(),
  ]);

function edit(rnd: Random, doc: Y.Doc, step: number) {
  const text = doc.getText('t');
  const list = doc.getArray<Y.Map<unknown>>('a');
  const r = rnd.next();
  if (r < 0.5) text.insert(rnd.int(text.length + 1), 'xyz'.slice(rnd.int(3)));
  else if (r < 0.7 && text.length > 0) text.delete(rnd.int(text.length), 1);
  else if (r < 0.8) doc.getMap('m').set(`k${rnd.int(3)}`, rnd.int(100));
  else if (r < 0.9) {
    const point = new Y.Map();
    point.set('titel', `p${step}`);
    point.set('n', step);
    list.insert(rnd.int(list.length + 1), [point]);
  } else if (r < 0.95 && list.length) list.get(rnd.int(list.length)).set('titel', `q${step}`);
  else if (list.length) list.delete(rnd.int(list.length), 1);
  else text.format(0, text.length, { bold: true });
}

async function run(runSeed: number) {
  const rnd = seeded(runSeed);
  const room = await memoryRoom({ compactEvery: 100_000 });
  const peer = new Y.Doc();
  // The peer applies what it is sent and answers a sync step 1, as y-websocket does.
  const peerConn = room.connect('peer', (message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === 2) Y.applyUpdate(peer, payload);
    if (step === 0) {
      const answer = encodeSyncStep2(Y.encodeStateAsUpdate(peer, payload));
      queueMicrotask(() => room.room.receive(peerConn, decodeClientMessage(answer)));
    }
  });
  let writer = room.connect('writer');
  const clients = [1, 2].map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  const outbox: [Y.Doc, Uint8Array][] = [];
  for (const doc of clients)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') outbox.push([doc, update]);
    });
  const late: [Y.Doc, Uint8Array][] = [];
  let refused = 0;
  for (let step = 0; step < 60; step++) {
    while (late.length && rnd.next() < 0.6) {
      const [to, update] = late.shift()!;
      Y.applyUpdate(to, update, 'remote');
    }
    edit(rnd, rnd.pick(clients), step);
    while (outbox.length) {
      const [from, update] = outbox.shift()!;
      late.push([from === clients[0] ? clients[1]! : clients[0]!, update]);
      let bytes = update;
      if (rnd.next() < 0.25) {
        bytes = Uint8Array.from(update);
        const at = rnd.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 << rnd.int(8));
      }
      let message;
      try {
        message = decodeClientMessage(encodeUpdate(bytes));
      } catch {
        continue; // the relay closes the connection before any room sees it
      }
      room.room.receive(writer, message);
      await Promise.resolve(); // the peer's answers
      if (writer.closed) {
        refused++;
        room.room.leave(writer);
        writer = room.connect('writer'); // y-websocket would not; a forger might
      }
    }
  }
  const live = content(room.room.doc);
  const stored = content(room.stored());
  const sent = content(peer);
  room.room.compact();
  const compacted = content(room.stored());
  room.room.destroy();
  return { live, stored, sent, compacted, refused, dropped: room.dropped() };
}

it(
  `keeps rows, peers and compactions equal to the relay's doc under forged updates (SEED=${seed})`,
  { timeout: 120_000 },
  async () => {
    let refused = 0;
    for (let i = 0; i < runs; i++) {
      const where = `SEED=${seed} run ${i} (seed ${seed + i})`;
      const result = await run(seed + i);
      expect(result.stored, `${where}: the rows`).toBe(result.live);
      expect(result.sent, `${where}: the peer`).toBe(result.live);
      expect(result.compacted, `${where}: the compaction`).toBe(result.live);
      expect(result.dropped, where).toBe(0);
      refused += result.refused;
    }
    console.log(`forged updates: SEED=${seed}, ${runs} runs, ${refused} forgeries refused`);
    expect(refused).toBeGreaterThan(0);
  },
);
