/**
 * Joint projects (src/model/samen.ts) and their budget side (src/model/jointBudget.ts):
 * starting, inviting, joining; who does what; contributions per kern per year; the shared
 * order list with totals per kern; offline edits of two kernen merging; refusals in Dutch;
 * and each kern's contribution counted once, in its own budget figures only.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommitteeContext } from '../../src/model/committee';
import { addPoint, readKernagenda } from '../../src/model/kernagenda';
import {
  addOrderLine,
  addTask,
  budgetFiguresWithJoint,
  createSamen,
  inviteKern,
  joinSamen,
  jointShares,
  readSamen,
  removeOrderLine,
  removeTask,
  samenWriters,
  setContribution,
  setQuantity,
  updateOrderLine,
  updateSamen,
  updateTask,
} from '../../src/model/samen';
import { ValidationError } from '../../src/model/validation';
import { westBetuwe as config } from './support/config';
import { fork, sync } from './support/replicas';

const as = (kern: string, now = '2026-03-01T19:00:00.000Z', actor = 'Els') =>
  ({ actor, now, config, kern }) as CommitteeContext;

function expectRefused(fn: () => unknown, fieldErrors: Record<string, string>) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual(fieldErrors);
    return;
  }
  throw new Error('expected a ValidationError');
}

const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');

/** A joint AED project of Beesd and Heukelum. */
function aed() {
  const doc = new Y.Doc();
  createSamen(doc, { title: "AED's voor de dorpen", description: 'Samen inkopen.' }, as('beesd'));
  inviteKern(doc, 'heukelum', as('beesd'));
  joinSamen(doc, as('heukelum', '2026-03-02T19:00:00.000Z', 'Ruud'));
  return doc;
}

describe('a joint project', () => {
  it('is started by one kern, joined by an invited one, and read as a snapshot', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    createSamen(doc, { title: ' Speelroute ', description: 'Langs de Linge.' }, as('beesd'));
    expect(updates).toBe(1);
    expect(samenWriters(readSamen(doc, 'route1'))).toEqual(['beesd']);
    inviteKern(doc, 'heukelum', as('beesd'));
    expect(samenWriters(readSamen(doc, 'route1'))).toEqual(['beesd', 'heukelum']);
    joinSamen(doc, as('heukelum', '2026-03-02T19:00:00.000Z', 'Ruud'));
    joinSamen(doc, as('heukelum'));
    updateSamen(doc, { description: 'Langs de Linge en de Diefdijk.' }, as('heukelum'));
    expect(readSamen(doc, 'route1')).toMatchObject({
      id: 'route1',
      title: 'Speelroute',
      description: 'Langs de Linge en de Diefdijk.',
      kern: 'beesd',
      createdBy: 'Els',
      participants: {
        beesd: { joinedAt: '2026-03-01T19:00:00.000Z', by: 'Els' },
        heukelum: { joinedAt: '2026-03-02T19:00:00.000Z', by: 'Ruud' },
      },
      invited: { heukelum: { at: '2026-03-01T19:00:00.000Z', by: 'Els' } },
      tasks: [],
      contributions: [],
      orderLines: [],
      orderTotalCents: 0,
    });
    expect(readSamen(new Y.Doc(), 'leeg')).toBeNull();
  });

  it('keeps who does what, with statuses, edits and removal', () => {
    const doc = aed();
    const ask = addTask(
      doc,
      { title: 'Offertes vragen', kern: 'heukelum', person: 'Ruud' },
      as('beesd'),
    );
    const train = addTask(
      doc,
      { title: 'Cursus reanimeren', kern: 'beesd', status: 'bezig' },
      as('beesd', '2026-03-03T10:00:00.000Z'),
    );
    updateTask(doc, ask, { status: 'klaar' }, as('heukelum'));
    removeTask(doc, train, as('heukelum'));
    expect(readSamen(doc, 'aed')!.tasks).toMatchObject([
      { id: ask, title: 'Offertes vragen', kern: 'heukelum', person: 'Ruud', status: 'klaar' },
    ]);
  });

  it('refuses, in Dutch and without writing, what a kern may not do', () => {
    const doc = aed();
    const before = state(doc);
    const notIn = { kern: 'Je kern doet nog niet mee aan dit samenproject.' };
    expectRefused(() => setContribution(doc, 2026, 50000, as('asperen')), notIn);
    expectRefused(() => addTask(doc, { title: 'x', kern: 'beesd' }, as('asperen')), notIn);
    expectRefused(() => createSamen(doc, { title: 'Nog een' }, as('beesd')), {
      samen: 'Dit samenproject bestaat al.',
    });
    expectRefused(() => createSamen(new Y.Doc(), { title: ' ' }, as('beesd')), {
      title: 'Vul een titel in.',
    });
    expectRefused(() => joinSamen(new Y.Doc(), as('beesd')), {
      samen: 'Dit samenproject bestaat niet (meer).',
    });
    expectRefused(() => addTask(doc, { title: '', kern: 'asperen' }, as('beesd')), {
      title: 'Vul in wat er moet gebeuren.',
      kern: 'Kies een kern die meedoet.',
    });
    expectRefused(() => setContribution(doc, 1999, 12.5, as('beesd')), {
      year: 'Kies een jaar tussen 2000 en 2100.',
      amount: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    });
    expectRefused(() => addOrderLine(doc, { item: '', unitPriceCents: -1 }, as('beesd')), {
      item: 'Vul in wat jullie kopen.',
      unitPrice: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    });
    expectRefused(() => setQuantity(doc, 'geen', 2, as('beesd')), {
      id: 'Deze bestelregel bestaat niet (meer).',
    });
    expectRefused(() => inviteKern(doc, 'atlantis', as('beesd')), {
      kern: 'Deze kern kennen we niet.',
    });
    expect(state(doc)).toBe(before);
  });

  it('keeps the contributions and orders two kernen set offline at the same time', () => {
    const base = aed();
    const line = addOrderLine(base, { item: 'AED-kast', unitPriceCents: 150000 }, as('beesd'));
    const atBeesd = fork(base);
    const atHeukelum = fork(base);
    setContribution(atBeesd, 2026, 120000, as('beesd'));
    setQuantity(atBeesd, line, 2, as('beesd'));
    setContribution(atHeukelum, 2026, 80000, as('heukelum', '2026-03-05T19:00:00.000Z', 'Ruud'));
    setQuantity(atHeukelum, line, 1, as('heukelum'));
    sync(atBeesd, atHeukelum);
    const a = readSamen(atBeesd, 'aed');
    expect(a).toEqual(readSamen(atHeukelum, 'aed'));
    expect(a!.contributions).toEqual([
      { kern: 'beesd', year: 2026, cents: 120000, at: '2026-03-01T19:00:00.000Z', by: 'Els' },
      { kern: 'heukelum', year: 2026, cents: 80000, at: '2026-03-05T19:00:00.000Z', by: 'Ruud' },
    ]);
    expect(a!.orderLines[0]).toMatchObject({
      quantities: { beesd: 2, heukelum: 1 },
      quantity: 3,
      totalCents: 450000,
    });
    expect(a!.orderTotals).toEqual({ beesd: 300000, heukelum: 150000 });
    expect(a!.orderTotalCents).toBe(450000);
  });

  it('totals the order list per kern and overall; a removed line counts no more', () => {
    const doc = aed();
    const bench = addOrderLine(doc, { item: 'Bank', unitPriceCents: 45050 }, as('beesd'));
    const bin = addOrderLine(doc, { item: 'Afvalbak', unitPriceCents: 20000 }, as('heukelum'));
    setQuantity(doc, bench, 3, as('beesd'));
    setQuantity(doc, bench, 1, as('heukelum'));
    setQuantity(doc, bin, 4, as('heukelum'));
    updateOrderLine(doc, bin, { unitPriceCents: 21000 }, as('beesd'));
    expect(readSamen(doc, 'aed')).toMatchObject({
      orderTotals: { beesd: 135150, heukelum: 45050 + 84000 },
      orderTotalCents: 135150 + 45050 + 84000,
    });
    setQuantity(doc, bench, 0, as('heukelum'));
    removeOrderLine(doc, bin, as('beesd'));
    expect(readSamen(doc, 'aed')).toMatchObject({
      orderLines: [{ item: 'Bank', quantities: { beesd: 3 } }],
      orderTotals: { beesd: 135150 },
      orderTotalCents: 135150,
    });
    expectRefused(() => setQuantity(doc, bench, 1.5, as('beesd')), {
      quantity: 'Vul een aantal in: een heel getal van 0 tot en met 10000.',
    });
  });
});

describe('joint contributions in the budget figures', () => {
  function agendas() {
    const beesd = new Y.Doc();
    addPoint(
      beesd,
      {
        title: 'Bloembakken',
        theme: 'openbare-ruimte-en-groen',
        owner: 'inwoners',
        status: 'idee',
        budget: { year: 2026, amountCents: 100000, kind: 'nieuw' },
      },
      as('beesd'),
    );
    const heukelum = new Y.Doc();
    addPoint(
      heukelum,
      {
        title: 'Kerstmarkt',
        theme: 'economie',
        owner: 'inwoners',
        status: 'idee',
        budget: { year: 2026, amountCents: 50000, kind: 'bestaand' },
      },
      as('heukelum'),
    );
    return { beesd: readKernagenda(beesd), heukelum: readKernagenda(heukelum) };
  }

  it('counts each kern’s own share once, in its own figures only', () => {
    const doc = aed();
    setContribution(doc, 2026, 120000, as('beesd'));
    setContribution(doc, 2026, 80000, as('heukelum'));
    setContribution(doc, 2027, 30000, as('heukelum'));
    const snapshot = readSamen(doc, 'aed')!;
    const { beesd, heukelum } = agendas();
    // The same project passed twice (two open copies of it) still counts once.
    const twice = [snapshot, snapshot];
    const beesdShares = jointShares(twice, 'beesd', 2026, config);
    expect(beesdShares).toEqual([
      {
        projectId: 'aed',
        title: "AED's voor de dorpen",
        kern: 'beesd',
        year: 2026,
        cents: 120000,
        at: '2026-03-01T19:00:00.000Z',
      },
    ]);
    const b = budgetFiguresWithJoint(beesd, config, 2026, 1, [...beesdShares, ...beesdShares]);
    expect(b).toMatchObject({
      budgetCents: 500000,
      pointsCents: 100000,
      jointCents: 120000,
      requestedCents: 220000,
      newCents: 220000,
      remainingCents: 280000,
      violations: [],
    });
    expect(b.joint).toHaveLength(1);
    const h = budgetFiguresWithJoint(
      heukelum,
      config,
      2026,
      1,
      jointShares(twice, 'heukelum', 2026, config),
    );
    expect(h).toMatchObject({
      pointsCents: 50000,
      jointCents: 80000,
      requestedCents: 130000,
      existingCents: 50000,
      remainingCents: 370000,
    });
    // Across both kernen, the project's money is counted exactly once.
    expect(b.jointCents + h.jointCents).toBe(200000);
    expect(jointShares(twice, 'heukelum', 2027, config).map((s) => s.cents)).toEqual([30000]);
    expect(jointShares(twice, 'asperen', 2026, config)).toEqual([]);
  });

  it('judges a share by the rules: the maximum per initiative, the budget, the closing day', () => {
    const doc = aed();
    setContribution(doc, 2026, 250000, as('beesd'));
    // Set after 1 December 2026: counts for 2027, as any late request does.
    setContribution(doc, 2026, 60000, as('heukelum', '2026-12-05T10:00:00.000Z'));
    const snapshot = readSamen(doc, 'aed')!;
    const { beesd, heukelum } = agendas();
    const b = budgetFiguresWithJoint(
      beesd,
      config,
      2026,
      1,
      jointShares([snapshot], 'beesd', 2026, config),
    );
    expect(b.violations).toEqual([
      {
        rule: 'max-per-initiative',
        message:
          "'AED's voor de dorpen (samenproject)' vraagt € 2.500. Een initiatief mag ten hoogste € 2.000 krijgen.",
        pointIds: ['samen:aed:beesd:2026'],
      },
    ]);
    expect(jointShares([snapshot], 'heukelum', 2026, config)).toEqual([]);
    const late = jointShares([snapshot], 'heukelum', 2027, config);
    expect(budgetFiguresWithJoint(heukelum, config, 2027, 1, late)).toMatchObject({
      jointCents: 60000,
      requestedCents: 60000,
    });
    // Shares that do not count for the year asked are left out.
    expect(budgetFiguresWithJoint(heukelum, config, 2026, 1, late).jointCents).toBe(0);
  });

  it('counts the shares of both kernen of a shared kernagenda in its one budget', () => {
    const doc = new Y.Doc();
    createSamen(doc, { title: 'Dijkwandeling' }, as('varik'));
    inviteKern(doc, 'heesselt', as('varik'));
    joinSamen(doc, as('heesselt'));
    setContribution(doc, 2026, 40000, as('varik'));
    setContribution(doc, 2026, 30000, as('heesselt'));
    const shares = jointShares([readSamen(doc, 'dijk')!], ['varik', 'heesselt'], 2026, config);
    const figures = budgetFiguresWithJoint(readKernagenda(new Y.Doc()), config, 2026, 2, shares);
    expect(figures).toMatchObject({ budgetCents: 1000000, jointCents: 70000 });
    expect(figures.joint).toHaveLength(2);
  });
});

describe('reading a joint project on every replica', () => {
  it('gives the same snapshot, key order included, whatever order the entries arrived in', () => {
    const base = new Y.Doc();
    createSamen(base, { title: 'Bankjes', description: '' }, as('beesd'));
    inviteKern(base, 'heukelum', as('beesd'));
    inviteKern(base, 'asperen', as('beesd'));
    const a = fork(base);
    const b = fork(base);
    joinSamen(a, as('heukelum', '2026-03-02T19:00:00.000Z', 'Ruud'));
    joinSamen(b, as('asperen', '2026-03-02T19:00:00.000Z', 'Mia'));
    const onA = fork(a);
    sync(onA, b); // heukelum's join first, then asperen's
    const onB = fork(b);
    sync(onB, a); // asperen's join first, then heukelum's
    const read = (doc: Y.Doc) => JSON.stringify(readSamen(doc, 'x'));
    expect(read(onA)).toBe(read(onB));
    expect(Object.keys(readSamen(onA, 'x')!.participants)).toEqual([
      'asperen',
      'beesd',
      'heukelum',
    ]);
  });
});
