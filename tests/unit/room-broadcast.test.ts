/**
 * The order of a room's broadcast (server/relay/room.ts): an update is stored first, then
 * sent to the other connections, and echoed to its writer last, each update at once (none
 * waits for the end of the event-loop turn); a live edit that is next in line is stored and
 * sent as it came, anything else as the room's document integrated it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../../server/relay/protocol';
import { memoryRoom } from './support/room';

async function setup(compactEvery = 500) {
  const {
    room,
    events,
    rows,
    connect,
    send: sendFrom,
    stored,
  } = await memoryRoom({
    compactEvery,
  });
  const writer = connect('writer');
  connect('a');
  connect('b');
  events.length = 0;

  /** The writer's doc: each edit's update, and sending one to the room. */
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => void updates.push(u));
  const send = (update: Uint8Array) => sendFrom(writer, update);
  return { room, events, rows, doc, updates, send, stored };
}

describe('Room broadcast', () => {
  it('stores an update, sends it to the others, then echoes it to its writer', async () => {
    const { room, events, doc, updates, send, rows } = await setup();
    doc.getMap('m').set('k', 1);
    const size = encodeUpdate(updates[0]!).byteLength;
    send(updates[0]!);

    expect(events).toEqual(['stored', `a ${size}`, `b ${size}`, `writer ${size}`]);
    expect(rows).toEqual([updates[0]]); // next in line: stored as it came
    expect(room.doc.getMap('m').get('k')).toBe(1);
    room.destroy();
  });

  it('stores and sends each update at once, also the second of one event-loop turn', async () => {
    const { room, events, doc, updates, send } = await setup();
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('l', 2);
    send(updates[0]!);
    send(updates[1]!);

    const sent = (update: Uint8Array) => {
      const size = encodeUpdate(update).byteLength;
      return ['stored', `a ${size}`, `b ${size}`, `writer ${size}`];
    };
    expect(events).toEqual([...sent(updates[0]!), ...sent(updates[1]!)]);
    room.destroy();
  });

  it('keeps a forwarded edit when a compaction follows it at once', async () => {
    const { room, events, doc, updates, send, stored } = await setup(2);
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('l', 2);
    send(updates[0]!);
    send(updates[1]!);

    expect(events.filter((e) => e === 'stored' || e === 'compacted')).toEqual([
      'stored',
      'stored',
      'compacted',
    ]);
    expect(stored().getMap('m').toJSON()).toEqual({ k: 1, l: 2 });
    room.destroy();
  });

  it('stores and sends what the doc integrated for an edit that is not next in line', async () => {
    const { room, events, doc, updates, send, rows, stored } = await setup();
    doc.getMap('m').set('k', 1);
    doc.getMap('m').set('l', 2);
    send(updates[1]!); // waits for the first: nothing stored, nothing sent
    expect(events).toEqual([]);
    send(updates[0]!);

    expect(events[0]).toBe('stored');
    expect(events.slice(1).map((e) => e.split(' ')[0])).toEqual(['a', 'b', 'writer']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toEqual(updates[0]); // both edits, as the doc integrated them
    expect(stored().getMap('m').toJSON()).toEqual({ k: 1, l: 2 });
    room.destroy();
  });
});
