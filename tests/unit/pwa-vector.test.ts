// State-vector evidence: what an update proves the server has, and what is still unsent.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeVector,
  encodeVector,
  hasUnknown,
  mergeVectors,
  vectorOfDoc,
  vectorOfUpdate,
} from '../../src/sync/vector';

describe('vectorOfUpdate', () => {
  it('reads the clocks of an incremental update (not only updates from clock 0)', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    const before = Y.encodeStateVector(doc);
    doc.getMap('m').set('b', 2);
    const incremental = Y.encodeStateAsUpdate(doc, before);
    expect(vectorOfUpdate(incremental).get(doc.clientID)).toBe(2);
    expect(vectorOfUpdate(Y.encodeStateAsUpdate(doc))).toEqual(vectorOfDoc(doc));
  });
});

describe('hasUnknown and mergeVectors', () => {
  it('finds what the known vector lacks', () => {
    const local = new Map([
      [1, 5],
      [2, 3],
    ]);
    expect(hasUnknown(local, new Map([[1, 5]]))).toBe(true);
    expect(
      hasUnknown(
        local,
        new Map([
          [1, 5],
          [2, 3],
        ]),
      ),
    ).toBe(false);
    expect(
      hasUnknown(
        local,
        mergeVectors(
          new Map([[1, 9]]),
          new Map([
            [2, 3],
            [1, 2],
          ]),
        ),
      ),
    ).toBe(false);
  });
});

describe('encodeVector / decodeVector', () => {
  it('round-trips and reads anything else as empty', () => {
    const v = new Map([
      [123456789, 7],
      [2, 0],
    ]);
    expect(decodeVector(encodeVector(v))).toEqual(v);
    for (const bad of [undefined, 7, '', 'nope', '{"a":1}', '[[1,-2]]', '[["x",1]]'])
      expect(decodeVector(bad).size, String(bad)).toBe(0);
  });
});
