/**
 * Undo per person: two replicas live-synced (as through the relay), each person with an
 * origin of their own. Undo reverts only one's own edits, on both replicas.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  deletePoint,
  readKernagenda,
  setYearBudget,
  updatePoint,
  type EditContext,
} from '../../src/model/kernagenda';
import { readActivity } from '../../src/model/activity';
import { createUndo } from '../../src/model/undo';
import { westBetuwe as config } from './support/config';

const ANNA = { person: 'anna' };
const BRAM = { person: 'bram' };
const as = (actor: string, origin: unknown): EditContext => ({
  actor,
  now: '2026-05-01T10:00:00.000Z',
  config,
  origin,
});
const anna = as('Anna', ANNA);
const bram = as('Bram', BRAM);
const budget = (amountCents: number) => ({ year: 2026, amountCents, kind: 'nieuw' as const });

/** Two devices connected through a relay: every update reaches the other at once. */
function connected() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'),
  );
  b.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'),
  );
  const id = addPoint(
    a,
    {
      title: 'Speeltuin',
      theme: 'economie',
      owner: 'inwoners',
      status: 'idee',
      budget: budget(120000),
    },
    as('Anna', 'setup'),
  );
  return { a, b, id };
}
const pointOn = (doc: Y.Doc) => readKernagenda(doc).points[0]!;

describe('createUndo', () => {
  it('undoes only the person’s own edit, on both replicas; redo brings it back', () => {
    const { a, b, id } = connected();
    const undoA = createUndo(a, ANNA);
    expect(undoA.canUndo()).toBe(false);
    updatePoint(a, id, { budget: budget(150000) }, anna);
    updatePoint(b, id, { title: 'Speeltuin bij de school' }, bram);
    expect(undoA.canUndo()).toBe(true);
    expect(undoA.undo()).toBe(true);
    for (const doc of [a, b])
      expect(pointOn(doc)).toMatchObject({
        title: 'Speeltuin bij de school',
        budget: { amountCents: 120000 },
      });
    expect(undoA.canUndo()).toBe(false);
    expect(undoA.canRedo()).toBe(true);
    expect(undoA.redo()).toBe(true);
    for (const doc of [a, b])
      expect(pointOn(doc)).toMatchObject({
        title: 'Speeltuin bij de school',
        budget: { amountCents: 150000 },
      });
    undoA.destroy();
  });

  it('never reverts another person’s edit, also of the same field made later', () => {
    const { a, b, id } = connected();
    const undoA = createUndo(a, ANNA);
    updatePoint(a, id, { status: 'in-voorbereiding', contact: 'Anna' }, anna);
    updatePoint(b, id, { status: 'in-uitvoering' }, bram);
    updatePoint(a, id, { owner: 'gemeente' }, as('Anna zonder origin', null));
    undoA.undo();
    for (const doc of [a, b])
      expect(pointOn(doc)).toMatchObject({
        status: 'in-uitvoering', // Bram's, set after Anna's: stays
        contact: '', // Anna's own: reverted
        owner: 'gemeente', // not tracked by this undo
      });
    expect(undoA.undo()).toBe(false);
  });

  it('undoes an addition, a deletion and a year budget; Bram’s undo leaves Anna alone', () => {
    const { a, b, id } = connected();
    const undoA = createUndo(a, ANNA);
    const undoB = createUndo(b, BRAM);
    deletePoint(a, id, anna);
    setYearBudget(b, 2026, 600000, bram);
    const added = addPoint(
      b,
      { title: 'Bankjes', theme: 'economie', owner: 'samen', status: 'idee' },
      bram,
    );
    expect(readKernagenda(a).points.map((p) => p.id)).toEqual([added]);
    undoB.undo(); // removes Bankjes
    expect(readKernagenda(a).points).toEqual([]);
    undoA.undo(); // brings back Speeltuin
    expect(readKernagenda(b).points.map((p) => p.id)).toEqual([id]);
    expect(readKernagenda(b).yearBudgets).toEqual({ 2026: 600000 });
    undoB.undo();
    expect(readKernagenda(a).yearBudgets).toEqual({});
  });

  it('tells listeners when undo or redo become possible, and logs an undo when asked', () => {
    const { a, id } = connected();
    const undoA = createUndo(a, ANNA);
    const seen: boolean[] = [];
    const off = undoA.onChange(() => seen.push(undoA.canUndo()));
    updatePoint(a, id, { budget: budget(150000) }, anna);
    undoA.undo({ actor: 'Anna', now: '2026-05-01T10:05:00.000Z' });
    expect(seen[0]).toBe(true);
    expect(seen.at(-1)).toBe(false);
    const count = seen.length;
    off();
    updatePoint(a, id, { title: 'Nieuw' }, { ...anna, now: '2026-05-01T10:06:00.000Z' });
    expect(seen).toHaveLength(count);
    const log = readActivity(a);
    expect(log.map((e) => e.sentence).slice(0, 3)).toEqual([
      'Anna wijzigde de titel: "Speeltuin" → "Nieuw"',
      'Anna wijzigde het bedrag van "Speeltuin": € 1.500 → € 1.200',
      'Anna wijzigde het bedrag van "Speeltuin": € 1.200 → € 1.500',
    ]);
    // The log-only update is not an undo step of its own.
    undoA.undo();
    expect(pointOn(a).title).toBe('Speeltuin');
    expect(pointOn(a).budget?.amountCents).toBe(120000);
    expect(undoA.canUndo()).toBe(false);
  });

  it('needs an origin of its own', () => {
    expect(() => createUndo(new Y.Doc(), null)).toThrow(TypeError);
  });
});
