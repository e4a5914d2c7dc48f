/**
 * Loading a room (server/relay/room.ts, `Room.load`): every stored row applied, in order, a
 * slice per event-loop turn, so one room of many rows does not hold up the other rooms for
 * the whole load.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryRoom } from './support/room';

/** `n` edits of one text, each its own update (each builds on the one before). */
function typedRows(n: number): { rows: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => void rows.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < n; i++) text.insert(text.length, String(i % 10));
  return { rows, text: text.toString() };
}

describe('Room.load', () => {
  it('applies every stored row in order', async () => {
    const { rows, text } = typedRows(1_000);
    const { room } = await memoryRoom({ rows });
    expect(room.doc.getText('t').toString()).toBe(text);
    room.destroy();
  });

  it('lets the event loop turn between slices of a room of many rows', async () => {
    const { rows } = typedRows(1_000);
    let turns = 0;
    let loaded = false;
    const turn = () => {
      turns++;
      if (!loaded) setImmediate(turn);
    };
    setImmediate(turn);
    const { room } = await memoryRoom({ rows });
    loaded = true;
    // 1,000 rows at 250 a turn: three turns between the four slices.
    expect(turns).toBeGreaterThanOrEqual(3);
    room.destroy();
  });

  it('loads a room of a few rows within the turn', async () => {
    const { rows, text } = typedRows(10);
    let turned = false;
    setImmediate(() => (turned = true));
    const { room } = await memoryRoom({ rows });
    expect(turned).toBe(false);
    expect(room.doc.getText('t').toString()).toBe(text);
    room.destroy();
  });
});
