/**
 * `nextInLine` (server/relay/changes.ts): which live edits the relay may store and send on as
 * they came, before its document applies them (room.ts, `forward`). The rule it must keep:
 * the rows the relay stores always load into exactly the document it holds, and applying a
 * forwarded update never throws.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nextInLine } from '../../server/relay/changes';
import { client } from './support/replicas';
import { seeded, type Random } from './support/random';

const receive = (to: Y.Doc, update: Uint8Array) => Y.applyUpdate(to, update, 'remote');
const judge = (doc: Y.Doc, update: Uint8Array) => nextInLine(doc, Y.decodeUpdate(update));

describe('nextInLine', () => {
  it('takes a first edit, an edit that continues it, and an overwrite with its deletion', () => {
    const server = new Y.Doc();
    const a = client(1);
    a.doc.getMap('m').set('k', 1);
    expect(judge(server, a.last())).toBe(true);
    receive(server, a.last());
    a.doc.getText('t').insert(0, 'hallo');
    expect(judge(server, a.last())).toBe(true);
    receive(server, a.last());
    a.doc.getMap('m').set('k', 2); // a new item and the old value deleted
    expect(Y.decodeUpdate(a.last()).ds.clients.size).toBe(1);
    expect(judge(server, a.last())).toBe(true);
  });

  it('takes a deletion of something the doc has, refuses one of what is deleted already', () => {
    const server = new Y.Doc();
    const a = client(1);
    a.doc.getText('t').insert(0, 'hallo');
    receive(server, a.last());
    a.doc.getText('t').delete(1, 2);
    const deletion = a.last();
    expect(Y.decodeUpdate(deletion).structs).toHaveLength(0);
    expect(judge(server, deletion)).toBe(true);
    receive(server, deletion);
    expect(judge(server, deletion)).toBe(false);
  });

  it('refuses a repeat, a gap, and a deletion beyond what the doc knows', () => {
    const server = new Y.Doc();
    const a = client(1);
    a.doc.getMap('m').set('k', 1);
    const first = a.last();
    a.doc.getMap('m').set('l', 2);
    const second = a.last();
    expect(judge(server, second)).toBe(false); // the first is missing
    receive(server, first);
    expect(judge(server, first)).toBe(false); // known already
    expect(judge(server, second)).toBe(true);

    const b = client(2);
    b.doc.getText('t').insert(0, 'abc');
    const insert = b.last();
    b.doc.getText('t').delete(0, 1);
    expect(judge(server, b.last())).toBe(false); // deletes what the server has never seen
    receive(server, insert);
    expect(judge(server, b.last())).toBe(true);
  });

  it("refuses an edit that refers to another client's item the doc lacks", () => {
    const server = new Y.Doc();
    const [a, b] = [client(1), client(2)];
    a.doc.getText('t').insert(0, 'abc');
    receive(b.doc, a.last());
    b.doc.getText('t').insert(2, 'X'); // between a's characters: origins of client 1
    expect(judge(server, b.last())).toBe(false);
    receive(server, a.last());
    expect(judge(server, b.last())).toBe(true);
  });

  it('refuses an update of several clients that refer to each other (merged)', () => {
    const server = new Y.Doc();
    const [a, b] = [client(1), client(2)];
    a.doc.getText('t').insert(0, 'abc');
    receive(b.doc, a.last());
    b.doc.getText('t').insert(1, 'X');
    expect(judge(server, Y.mergeUpdates([a.last(), b.last()]))).toBe(false);
  });

  it('refuses everything while the doc holds pending structs or deletions', () => {
    const server = new Y.Doc();
    const [a, c] = [client(1), client(3)];
    a.doc.getMap('m').set('k', 1);
    const first = a.last();
    a.doc.getMap('m').set('l', 2);
    receive(server, a.last()); // pending: it waits for `first`
    c.doc.getMap('m').set('z', 1);
    expect(judge(server, c.last())).toBe(false);
    receive(server, first);
    expect(judge(server, c.last())).toBe(true);

    const b = client(2);
    b.doc.getText('t').insert(0, 'abc');
    const insert = b.last();
    b.doc.getText('t').delete(0, 1);
    receive(server, b.last()); // a deletion waiting for its item
    expect(judge(server, c.last())).toBe(false);
    receive(server, insert);
    expect(judge(server, c.last())).toBe(true);
  });
});

/**
 * Randomized (seeded; replay with SEED=): three clients edit text, a map and nested arrays
 * and see some of each other's edits; the relay doc gets their updates in order, out of
 * order, repeated or merged, and stores what the room would: a forwarded update as it came,
 * else what its update event gave. Before some deliveries, a copy of the update with one
 * byte changed is judged too: if it would be forwarded, it must apply to the same document
 * without throwing and leave nothing pending.
 */
describe('nextInLine, randomized against the stored rows', () => {
  const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));

  function edit(rnd: Random, doc: Y.Doc) {
    const text = doc.getText('t');
    const list = doc.getArray<Y.Map<number>>('a');
    switch (rnd.int(5)) {
      case 0:
        return text.insert(rnd.int(text.length + 1), 'xyz'.slice(rnd.int(3)));
      case 1:
        return text.length && text.delete(rnd.int(text.length), 1 + rnd.int(2));
      case 2:
        return doc.getMap('m').set(`k${rnd.int(4)}`, rnd.int(100));
      case 3: {
        const entry = new Y.Map<number>();
        entry.set('n', rnd.int(10));
        return list.insert(rnd.int(list.length + 1), [entry]);
      }
      default:
        if (list.length) list.get(rnd.int(list.length)).set('n', rnd.int(10));
    }
  }

  const content = (doc: Y.Doc) =>
    JSON.stringify([
      doc.getText('t').toString(),
      doc.getMap('m').toJSON(),
      doc.getArray('a').toJSON(),
      [...Y.snapshot(doc).sv],
      [...Y.snapshot(doc).ds.clients],
    ]);

  function loaded(rows: Uint8Array[]) {
    const doc = new Y.Doc();
    doc.transact(() => rows.forEach((row) => Y.applyUpdate(doc, row)));
    return doc;
  }

  const pending = (doc: Y.Doc) => {
    const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    return [store.pendingStructs, store.pendingDs];
  };

  it(`stores rows that load into the relay's document (SEED=${seed})`, () => {
    const rnd = seeded(seed);
    const clients = [client(1), client(2), client(3)];
    const server = new Y.Doc();
    const rows: Uint8Array[] = [];
    let integrated: Uint8Array | null = null;
    server.on('update', (update: Uint8Array) => (integrated = update));
    const counts = { forwarded: 0, general: 0, changedForwarded: 0, changedRefused: 0 };
    const backlog: Uint8Array[] = [];
    const take = () => backlog.splice(rnd.int(backlog.length), 1)[0]!;

    for (let step = 0; step < 1200; step++) {
      const from = rnd.pick(clients);
      edit(rnd, from.doc);
      const own = from.updates.pop();
      if (!own) continue;
      // Others see it sometimes, so edits refer to other clients' items.
      for (const other of clients) if (other !== from && rnd.int(3) === 0) receive(other.doc, own);
      backlog.push(own);

      const way = rnd.int(9);
      let update: Uint8Array;
      if (way < 6) update = backlog.shift()!;
      else if (way === 6) update = take();
      else if (way === 7) update = Y.mergeUpdates(backlog.length > 1 ? [take(), take()] : [take()]);
      else update = rows.length ? rnd.pick(rows) : backlog.shift()!;
      const where = `SEED=${seed} step ${step}`;

      if (rnd.int(3) === 0) {
        const changed = Uint8Array.from(update);
        const at = rnd.int(changed.length);
        changed[at] = changed[at]! ^ (1 << rnd.int(8));
        let decoded = null;
        try {
          decoded = Y.decodeUpdate(changed);
        } catch {
          // Undecodable: the relay's guard closes the connection before any room sees it.
        }
        if (decoded && nextInLine(server, decoded)) {
          counts.changedForwarded++;
          const copy = loaded(rows);
          expect(() => Y.applyUpdate(copy, changed), where).not.toThrow();
          expect(pending(copy), where).toEqual([null, null]);
          expect(() => loaded([...rows, changed]), where).not.toThrow();
        } else counts.changedRefused++;
      }

      integrated = null;
      if (nextInLine(server, Y.decodeUpdate(update))) {
        counts.forwarded++;
        rows.push(update);
        expect(() => Y.applyUpdate(server, update), where).not.toThrow();
        expect(pending(server), where).toEqual([null, null]);
      } else {
        counts.general++;
        Y.applyUpdate(server, update);
        if (integrated) rows.push(integrated);
      }
      if (step % 10 === 0) expect(content(loaded(rows)), where).toBe(content(server));
    }
    expect(content(loaded(rows))).toBe(content(server));
    console.log(`nextInLine: SEED=${seed}`, counts);
    expect(counts.forwarded).toBeGreaterThan(100);
    expect(counts.general).toBeGreaterThan(100);
    expect(counts.changedForwarded).toBeGreaterThan(10);
  });
});
