/** Reading other people's presence from their (untrusted) awareness states. */
import { describe, expect, it } from 'vitest';
import { readPresence, samePresences } from '../../src/sync/presence';

describe('readPresence', () => {
  it('reads a name, whether it is a visitor, and the point being edited', () => {
    expect(readPresence({ ack: 3, presence: { name: ' Anna ', editing: 'p1' } })).toEqual({
      name: 'Anna',
      visitor: false,
      editing: 'p1',
    });
    expect(readPresence({ presence: { name: 'Bezoeker', visitor: true } })).toEqual({
      name: 'Bezoeker',
      visitor: true,
      editing: null,
    });
  });

  it('ignores states without a presence or with a malformed one, and bounds the fields', () => {
    for (const state of [null, 7, {}, { ack: 1 }, { presence: 'Anna' }, { presence: { name: '' } }])
      expect(readPresence(state)).toBeNull();
    const long = readPresence({ presence: { name: 'x'.repeat(500), editing: 42 } });
    expect(long?.name).toHaveLength(80);
    expect(long?.editing).toBeNull();
  });
});

describe('samePresences', () => {
  it('compares every field in order', () => {
    const anna = { name: 'Anna', visitor: false, editing: null };
    expect(samePresences([anna], [{ ...anna }])).toBe(true);
    expect(samePresences([anna], [{ ...anna, editing: 'p1' }])).toBe(false);
    expect(samePresences([anna], [])).toBe(false);
  });
});
