/**
 * The fuzz corpus: real y-websocket frames, captured from the yjs / y-protocols encoders the
 * provider uses, and seeded mutations of them, each with what the relay must do with it.
 *
 * `captureFrames` edits a scratch document (maps, arrays, text with formatting, nested
 * types, binary content, deletions) and records every frame a provider would send for it:
 * sync step 1 (empty and non-empty state vectors), sync step 2 (full and partial state),
 * updates (one per transaction), awareness (join, change, leave) and query awareness.
 *
 * `fuzzFrame` draws one frame. Its `expect` is known by construction, never by asking the
 * relay's own decoder: 'valid' (an unchanged real frame: the connection stays open),
 * 'malformed' (cannot decode: 4400), 'too-big' (over the message limit: 1009) or 'unknown'
 * (a mutation that may or may not still decode: open or 4400, nothing else).
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { Random } from '../../unit/support/random';

export type Expectation = 'valid' | 'malformed' | 'too-big' | 'unknown';

export interface RealFrame {
  kind: 'step1' | 'step2' | 'update' | 'awareness' | 'query';
  bytes: Uint8Array;
}

export interface FuzzFrame {
  /** How the frame was made, e.g. 'update/bitflip'. */
  label: string;
  /** A string is sent as a text frame. */
  data: Uint8Array | string;
  expect: Expectation;
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const syncFrame = (step: number, payload: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessFrame = (payload: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, payload);
  });

const randomBytes = (rnd: Random, n: number) => new Uint8Array(n).map(() => rnd.int(256));

const words = ['bankje', 'speeltuin', 'zebrapad', 'glasbak', 'dorpshuis', 'kerkpad', 'ü€😀'];

/** Real frames for a scratch document edited with seeded operations. */
export function captureFrames(rnd: Random): RealFrame[] {
  const frames: RealFrame[] = [];
  const doc = new Y.Doc();
  doc.clientID = 1 + rnd.int(2 ** 31);
  const start = Y.encodeStateVector(doc);
  frames.push({
    kind: 'step1',
    bytes: message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, doc))),
  });
  doc.on('update', (update: Uint8Array) =>
    frames.push({
      kind: 'update',
      bytes: message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update))),
    }),
  );
  const map = doc.getMap<unknown>('fuzz');
  const list = doc.getArray<unknown>('fuzz-list');
  const text = doc.getText('fuzz-text');
  let middle: Uint8Array = start;
  for (let i = 0; i < 40; i++) {
    if (i === 20) middle = Y.encodeStateVector(doc);
    const word = rnd.pick(words);
    switch (rnd.int(8)) {
      case 0:
        map.set(`k${rnd.int(10)}`, word);
        break;
      case 1:
        map.set(`n${i}`, { nested: [1, 2.5, null, true, word] });
        break;
      case 2:
        list.insert(rnd.int(list.length + 1), [word, rnd.int(1000), randomBytes(rnd, 4)]);
        break;
      case 3:
        if (list.length) list.delete(rnd.int(list.length), 1);
        break;
      case 4:
        text.insert(rnd.int(text.length + 1), word, rnd.int(2) ? { bold: true } : undefined);
        break;
      case 5:
        if (text.length > 2) text.format(0, 2, { italic: true });
        else text.insert(0, word);
        break;
      case 6: {
        const inner = new Y.Map<unknown>();
        map.set(`m${i}`, inner);
        inner.set('title', word);
        break;
      }
      case 7:
        if (text.length) text.delete(rnd.int(text.length), 1);
        map.delete(`k${rnd.int(10)}`);
        break;
    }
  }
  frames.push({
    kind: 'step1',
    bytes: message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, doc))),
  });
  for (const sv of [start, middle])
    frames.push({
      kind: 'step2',
      bytes: message((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, doc, sv))),
    });
  const awareness = new awarenessProtocol.Awareness(doc);
  for (const state of [
    { user: { name: 'Fuzz', color: '#30bced' } },
    { user: { name: 'Fuzz', color: '#30bced' }, cursor: { anchor: 3, head: 7 } },
    null,
  ]) {
    awareness.setLocalState(state);
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    frames.push({ kind: 'awareness', bytes: awarenessFrame(update) });
  }
  awareness.destroy();
  frames.push({ kind: 'query', bytes: new Uint8Array([3]) });
  doc.destroy();
  return frames;
}

/** Byte offset of the payload length varint (sync: after type and step; awareness: after type). */
function lengthOffset(frame: RealFrame): number | null {
  if (frame.kind === 'query') return null;
  return frame.kind === 'awareness' ? 1 : 2;
}

/** Length in bytes of the varint at `offset`. */
function varintLength(bytes: Uint8Array, offset: number): number {
  let n = 0;
  while (offset + n < bytes.length && bytes[offset + n]! >= 0x80) n++;
  return n + 1;
}

function splice(bytes: Uint8Array, offset: number, remove: number, insert: Uint8Array) {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, offset));
  out.set(insert, offset);
  out.set(bytes.subarray(offset + remove), offset + insert.length);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const varint = (n: number) => message((e) => encoding.writeVarUint(e, n));

type Mutation = (rnd: Random, frame: RealFrame, maxBytes: number) => Omit<FuzzFrame, 'label'>;

/** Each mutation with what the relay must do with its result. */
const mutations: Record<string, Mutation> = {
  original: (_rnd, f) => ({ data: f.bytes, expect: 'valid' }),
  bitflip: (rnd, f) => {
    const out = f.bytes.slice();
    for (let i = 1 + rnd.int(4); i > 0; i--) out[rnd.int(out.length)]! ^= 1 << rnd.int(8);
    return { data: out, expect: 'unknown' };
  },
  byteset: (rnd, f) => {
    const out = f.bytes.slice();
    out[rnd.int(out.length)] = rnd.pick([0, 0x7f, 0x80, 0xff, rnd.int(256)]);
    return { data: out, expect: 'unknown' };
  },
  // Every strict prefix of a frame ends inside a varint or a length-prefixed payload.
  truncate: (rnd, f) => ({ data: f.bytes.slice(0, rnd.int(f.bytes.length)), expect: 'malformed' }),
  // Eight or more continuation bytes of 0xff exceed 2^53 wherever a varint is read.
  'varint-overflow': (rnd, f) => {
    const offsets = { query: [0], awareness: [0, 1] }[f.kind as string] ?? [0, 1, 2];
    const at = rnd.pick(offsets);
    const overflow = new Uint8Array(8 + rnd.int(8)).fill(0xff);
    return {
      data: splice(f.bytes, at, varintLength(f.bytes, at), concat(overflow, varint(rnd.int(128)))),
      expect: 'malformed',
    };
  },
  // A non-canonical but decodable varint (0x80 continuation bytes add nothing).
  'varint-overlong': (rnd, f) => {
    const at = lengthOffset(f) ?? 0;
    const n = varintLength(f.bytes, at);
    const last = f.bytes.subarray(at, at + n);
    const padded = concat(
      last.subarray(0, n - 1),
      new Uint8Array([last[n - 1]! | 0x80]),
      new Uint8Array(rnd.int(4)).fill(0x80),
      new Uint8Array([0]),
    );
    return { data: splice(f.bytes, at, n, padded), expect: 'unknown' };
  },
  'huge-length': (rnd, f) => {
    const at = lengthOffset(f);
    if (at === null) return { data: concat(f.bytes, varint(2 ** 40)), expect: 'malformed' };
    const huge = rnd.pick([2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1, 1e15, f.bytes.length + 1]);
    return {
      data: splice(f.bytes, at, varintLength(f.bytes, at), varint(huge)),
      expect: 'malformed',
    };
  },
  'wrong-type': (rnd, f) => {
    const type = rnd.pick([2, 4, 5, 7, 9, 42, 127, 128, 300, 2 ** 31]);
    return { data: splice(f.bytes, 0, 1, varint(type)), expect: 'malformed' };
  },
  // Another known type in front of this payload: an update read as awareness, and so on.
  'swapped-type': (rnd, f) => {
    const type = rnd.pick([0, 1, 3].filter((t) => t !== f.bytes[0]));
    return { data: splice(f.bytes, 0, 1, varint(type)), expect: 'unknown' };
  },
  'wrong-step': (rnd, f) => {
    if (f.bytes[0] !== 0)
      return { data: concat(varint(0), varint(3), f.bytes), expect: 'malformed' };
    return { data: splice(f.bytes, 1, 1, varint(rnd.pick([3, 4, 100, 128]))), expect: 'malformed' };
  },
  'swapped-step': (rnd, f) => {
    if (f.bytes[0] !== 0) return { data: f.bytes, expect: 'valid' };
    const step = rnd.pick([0, 1, 2].filter((s) => s !== f.bytes[1]));
    return { data: splice(f.bytes, 1, 1, varint(step)), expect: 'unknown' };
  },
  'trailing-garbage': (rnd, f) => ({
    data: concat(f.bytes, randomBytes(rnd, 1 + rnd.int(32))),
    expect: 'malformed',
  }),
  twice: (_rnd, f) => ({ data: concat(f.bytes, f.bytes), expect: 'malformed' }),
  // Frame-level: a real beginning, then random bytes.
  'prefix-then-garbage': (rnd, f) => ({
    data: concat(f.bytes.subarray(0, rnd.int(f.bytes.length)), randomBytes(rnd, 1 + rnd.int(64))),
    expect: 'unknown',
  }),
  // Payload-level: correct header and length, the payload a real beginning then garbage.
  'payload-garbage': (rnd, f) => {
    const at = lengthOffset(f);
    if (at === null) return { data: randomBytes(rnd, 1 + rnd.int(16)), expect: 'unknown' };
    const n = varintLength(f.bytes, at);
    const payload = f.bytes.subarray(at + n);
    const garbled = concat(
      payload.subarray(0, rnd.int(payload.length)),
      randomBytes(rnd, 1 + rnd.int(64)),
    );
    return {
      data: concat(f.bytes.subarray(0, at), varint(garbled.length), garbled),
      expect: 'unknown',
    };
  },
  empty: () => ({ data: new Uint8Array(0), expect: 'malformed' }),
  text: (rnd, f) => ({
    data: rnd.pick(['', 'hallo', '{"type":"sync"}', Buffer.from(f.bytes).toString('latin1')]),
    expect: 'malformed',
  }),
  random: (rnd) => ({
    data: randomBytes(rnd, 1 + rnd.int(rnd.pick([4, 64, 512]))),
    expect: 'unknown',
  }),
  'random-payload': (rnd) => {
    const payload = randomBytes(rnd, rnd.int(rnd.pick([4, 64, 512])));
    const data = rnd.int(4) ? syncFrame(rnd.int(3), payload) : awarenessFrame(payload);
    return { data, expect: 'unknown' };
  },
  // The official client sends back every state it applies: many entries are normal.
  'many-awareness-entries': () => ({
    data: awarenessFrame(
      message((e) => {
        encoding.writeVarUint(e, 17);
        for (let i = 0; i < 17; i++) {
          encoding.writeVarUint(e, 1000 + i);
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, '{}');
        }
      }),
    ),
    expect: 'valid',
  }),
  'awareness-broken-json': (rnd) => ({
    data: awarenessFrame(
      message((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1 + rnd.int(2 ** 31));
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, rnd.pick(['{"user":', '', 'undefined', '{x}']));
      }),
    ),
    expect: 'malformed',
  }),
  // Too large a state is dropped (and counted), not a reason to close.
  'awareness-large-state': (rnd) => ({
    data: awarenessFrame(
      message((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1 + rnd.int(2 ** 31));
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, JSON.stringify({ user: { name: 'x'.repeat(9000) } }));
      }),
    ),
    expect: 'valid',
  }),
  'too-big': (rnd, f, maxBytes) => {
    const size = maxBytes + 1 + rnd.int(4096);
    const filler = randomBytes(rnd, size);
    return { data: syncFrame(f.bytes[1] ?? 2, filler), expect: 'too-big' };
  },
};

/** Relative weights: most frames are mutations of real ones, some are pure noise. */
const weights: [keyof typeof mutations, number][] = [
  ['original', 10],
  ['bitflip', 14],
  ['byteset', 6],
  ['truncate', 8],
  ['varint-overflow', 5],
  ['varint-overlong', 3],
  ['huge-length', 5],
  ['wrong-type', 5],
  ['swapped-type', 4],
  ['wrong-step', 3],
  ['swapped-step', 4],
  ['trailing-garbage', 5],
  ['twice', 2],
  ['prefix-then-garbage', 6],
  ['payload-garbage', 8],
  ['empty', 1],
  ['text', 2],
  ['random', 8],
  ['random-payload', 6],
  ['many-awareness-entries', 1],
  ['awareness-broken-json', 1],
  ['awareness-large-state', 1],
  ['too-big', 1],
];
const totalWeight = weights.reduce((n, [, w]) => n + w, 0);

/**
 * One fuzz frame drawn from `real` (with the given mutation, or one drawn by weight).
 * Frames over `maxBytes` always expect 1009.
 */
export function fuzzFrame(
  rnd: Random,
  real: readonly RealFrame[],
  maxBytes: number,
  mutation?: keyof typeof mutations,
): FuzzFrame {
  let draw = rnd.int(totalWeight);
  let name = mutation ?? weights[0]![0];
  for (const [n, w] of mutation ? [] : weights) {
    if (draw < w) {
      name = n;
      break;
    }
    draw -= w;
  }
  const base = rnd.pick(real);
  const made = mutations[name]!(rnd, base, maxBytes);
  const size = typeof made.data === 'string' ? Buffer.byteLength(made.data) : made.data.length;
  const expect = size > maxBytes ? 'too-big' : made.expect;
  return { label: `${base.kind}/${name}`, data: made.data, expect };
}

export const hex = (data: Uint8Array | string, max = 160) => {
  const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  const shown = bytes.subarray(0, max).toString('hex');
  return bytes.length > max ? `${shown}… (${bytes.length} bytes)` : shown;
};
