/**
 * Undo per person: two replicas live-synced (as through the relay), each person with an
 * origin of their own. Undo reverts only one's own edits, on both replicas.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  deletePoint,
  descriptionText,
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

/**
 * Offline edits of the same field: each device edits on its own, then they exchange what
 * the other lacks (as y-websocket's sync does after a reconnect). Yjs keeps one value per
 * field: the one of the device with the higher client id. Both orders are tested, so the
 * winner is once Anna and once Bram.
 */
function offline(annaWins: boolean) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = annaWins ? 20 : 10;
  b.clientID = annaWins ? 10 : 20;
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
  setYearBudget(a, 2026, 500000, as('Anna', 'setup'));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'relay');
  // Both send what the other lacks before applying what they get, as the sync messages of
  // a reconnect cross each other.
  const sync = () => {
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    Y.applyUpdate(a, toA, 'relay');
    Y.applyUpdate(b, toB, 'relay');
  };
  return { a, b, id, sync, undoA: createUndo(a, ANNA), undoB: createUndo(b, BRAM) };
}
const orders = [
  { winner: 'Anna', annaWins: true },
  { winner: 'Bram', annaWins: false },
];

describe('createUndo after offline edits of the same field', () => {
  it.each(orders)(
    'the winner ($winner) undoes: the other one’s value shows; redo',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      updatePoint(a, id, { budget: budget(150000) }, anna);
      updatePoint(b, id, { budget: budget(180000) }, bram);
      sync();
      const [mine, theirs] = annaWins ? [150000, 180000] : [180000, 150000];
      const winner = annaWins ? undoA : undoB;
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(mine);

      expect(winner.undo()).toBe(true);
      sync();
      for (const doc of [a, b]) {
        expect(pointOn(doc).budget).toMatchObject({
          year: 2026,
          amountCents: theirs,
          kind: 'nieuw',
        });
        expect(pointOn(doc).updatedBy).toBe(annaWins ? 'Bram' : 'Anna');
      }
      expect(winner.canRedo()).toBe(true);

      expect(winner.redo()).toBe(true);
      sync();
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(mine);
      expect(winner.undo()).toBe(true);
      sync();
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(theirs);
    },
  );

  it.each(orders)(
    'the same for title, status, theme and a year budget ($winner wins)',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      updatePoint(
        a,
        id,
        { title: 'Speeltuin Anna', status: 'gerealiseerd', theme: 'woningbouw' },
        anna,
      );
      setYearBudget(a, 2026, 550000, anna);
      updatePoint(
        b,
        id,
        { title: 'Speeltuin Bram', status: 'lukt-niet', theme: 'veiligheid' },
        bram,
      );
      setYearBudget(b, 2026, 600000, bram);
      sync();
      const annas = { title: 'Speeltuin Anna', status: 'gerealiseerd', theme: 'woningbouw' };
      const brams = { title: 'Speeltuin Bram', status: 'lukt-niet', theme: 'veiligheid' };
      const [winner, mine, theirs] = annaWins ? [undoA, annas, brams] : [undoB, brams, annas];
      const [myYear, theirYear] = annaWins ? [550000, 600000] : [600000, 550000];
      for (const doc of [a, b]) {
        expect(pointOn(doc)).toMatchObject(mine);
        expect(readKernagenda(doc).yearBudgets).toEqual({ 2026: myYear });
      }
      expect(winner.undo()).toBe(true); // the year budget
      expect(winner.undo()).toBe(true); // the point
      sync();
      for (const doc of [a, b]) {
        expect(pointOn(doc)).toMatchObject(theirs);
        expect(readKernagenda(doc).yearBudgets).toEqual({ 2026: theirYear });
      }
      expect(winner.redo()).toBe(true);
      expect(winner.redo()).toBe(true);
      sync();
      for (const doc of [a, b]) {
        expect(pointOn(doc)).toMatchObject(mine);
        expect(readKernagenda(doc).yearBudgets).toEqual({ 2026: myYear });
      }
    },
  );

  it.each(orders)(
    'a budget both added: the winner ($winner) undoes, the other’s stays',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      updatePoint(a, id, { budget: null }, as('Anna', 'setup'));
      sync();
      updatePoint(a, id, { budget: budget(150000) }, anna);
      updatePoint(b, id, { budget: { ...budget(180000), kind: 'bestaand' } }, bram);
      sync();
      (annaWins ? undoA : undoB).undo();
      sync();
      const theirs = annaWins
        ? { amountCents: 180000, kind: 'bestaand' }
        : { amountCents: 150000, kind: 'nieuw' };
      for (const doc of [a, b]) expect(pointOn(doc).budget).toMatchObject(theirs);
    },
  );

  it.each(orders)(
    'with two offline amounts of the other, the later one shows ($winner wins)',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      const [winnerDoc, winner, winnerCtx] = annaWins ? [a, undoA, anna] : [b, undoB, bram];
      const [otherDoc, otherCtx] = annaWins ? [b, bram] : [a, anna];
      updatePoint(otherDoc, id, { budget: budget(150000) }, otherCtx);
      updatePoint(otherDoc, id, { budget: budget(160000) }, otherCtx);
      updatePoint(winnerDoc, id, { budget: budget(180000) }, winnerCtx);
      sync();
      winner.undo();
      sync();
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(160000);
    },
  );

  it('when the other value reached this device only as deleted, the field keeps its value', () => {
    // Bram syncs his amount with the relay and drops off; Anna syncs hers, which loses
    // there, so the relay keeps it only as "deleted" (Yjs drops the content); then Bram
    // comes back. His device never learns € 1.500: his undo must not empty the field, nor
    // put back € 1.200 over Anna's edit, so the amount stays; the rest of his step undoes.
    const { a, b, id, undoB } = offline(false);
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(a));
    const exchange = (doc: Y.Doc) => {
      const toDoc = Y.encodeStateAsUpdate(relay, Y.encodeStateVector(doc));
      Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(relay)), 'device');
      Y.applyUpdate(doc, toDoc, 'relay');
    };
    updatePoint(b, id, { budget: budget(180000), contact: 'Bram' }, bram);
    exchange(b);
    updatePoint(a, id, { budget: budget(150000) }, anna);
    exchange(a);
    exchange(b);
    expect(pointOn(b).budget?.amountCents).toBe(180000);
    expect(undoB.undo()).toBe(true);
    exchange(b);
    exchange(a);
    for (const doc of [a, b])
      expect(pointOn(doc)).toMatchObject({ contact: '', budget: { amountCents: 180000 } });
  });

  it('the loser cannot take back the value the winner’s undo put back: it is not hers', () => {
    const { a, b, id, sync, undoA, undoB } = offline(false); // Bram wins
    updatePoint(a, id, { budget: budget(150000) }, anna);
    updatePoint(b, id, { budget: budget(180000) }, bram);
    sync();
    undoB.undo();
    sync();
    expect(undoA.undo()).toBe(false);
    for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(150000);
  });

  it.each(orders)(
    'the loser’s undo leaves the visible value alone ($winner wins)',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      const [loserDoc, loser, loserCtx] = annaWins ? [b, undoB, bram] : [a, undoA, anna];
      const [winnerDoc, winnerCtx] = annaWins ? [a, anna] : [b, bram];
      updatePoint(loserDoc, id, { contact: 'Loes' }, loserCtx);
      updatePoint(loserDoc, id, { budget: budget(170000) }, loserCtx);
      updatePoint(winnerDoc, id, { budget: budget(190000) }, winnerCtx);
      sync();
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(190000);
      // The lost amount is not on screen, so there is nothing of it to take back: undo
      // takes back the loser's edit before it that still shows.
      expect(loser.undo()).toBe(true);
      sync();
      for (const doc of [a, b])
        expect(pointOn(doc)).toMatchObject({ contact: '', budget: { amountCents: 190000 } });
      expect(loser.canUndo()).toBe(false);
      expect(loser.redo()).toBe(true);
      sync();
      for (const doc of [a, b])
        expect(pointOn(doc)).toMatchObject({ contact: 'Loes', budget: { amountCents: 190000 } });
    },
  );

  it.each(orders)(
    'redo does not empty a field someone set during the undo ($winner wins the first time)',
    ({ annaWins }) => {
      const { a, b, id, sync, undoA, undoB } = offline(annaWins);
      const [winner, loserDoc, loserCtx] = annaWins ? [undoA, b, bram] : [undoB, a, anna];
      updatePoint(a, id, { budget: budget(150000) }, anna);
      updatePoint(b, id, { budget: budget(180000) }, bram);
      sync();
      winner.undo(); // offline again: meanwhile the loser sets yet another amount
      updatePoint(loserDoc, id, { budget: budget(170000) }, loserCtx);
      sync();
      winner.redo();
      sync();
      // The later amount was set by someone who saw the winner's amount: redo never takes it back.
      for (const doc of [a, b]) expect(pointOn(doc).budget?.amountCents).toBe(170000);
    },
  );
});

describe('typing steps', () => {
  /** Types `text` into the point's description, one transaction per keystroke. */
  const type = (doc: Y.Doc, id: string, text: string) => {
    for (const char of text)
      doc.transact(() => {
        const description = descriptionText(doc, id)!;
        description.insert(description.length, char);
      }, ANNA);
  };
  const descriptionOf = (doc: Y.Doc) => pointOn(doc).description;

  it('takes back a burst of typing as one step, and a save after it as a step of its own', async () => {
    const { a, id } = connected();
    updatePoint(a, id, { description: 'Een' }, as('Anna', 'setup'));
    // Yjs reads the clock through lib0 (Date.now, bound at load): real time, short steps.
    const undo = createUndo(a, ANNA, { typing: 150 });
    type(a, id, ' twee');
    updatePoint(a, id, { title: 'Speeltuin aan de dijk' }, anna); // not typing: its own step
    type(a, id, ' drie');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a pause: a new step
    type(a, id, ' vier');
    expect(descriptionOf(a)).toBe('Een twee drie vier');

    expect(undo.undo()).toBe(true);
    expect(descriptionOf(a)).toBe('Een twee drie');
    expect(undo.undo()).toBe(true);
    expect(descriptionOf(a)).toBe('Een twee');
    expect(pointOn(a).title).toBe('Speeltuin aan de dijk');
    expect(undo.undo()).toBe(true);
    expect(pointOn(a).title).toBe('Speeltuin');
    expect(descriptionOf(a)).toBe('Een twee');
    expect(undo.undo()).toBe(true);
    expect(descriptionOf(a)).toBe('Een');
    expect(undo.canUndo()).toBe(false);
  });

  it('keeps every write its own step without the typing option', () => {
    const { a, id } = connected();
    updatePoint(a, id, { description: 'Een' }, as('Anna', 'setup'));
    const undo = createUndo(a, ANNA);
    type(a, id, 'ab');
    expect(undo.undo()).toBe(true);
    expect(descriptionOf(a)).toBe('Eena');
  });
});
