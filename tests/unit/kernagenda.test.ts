import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  clearExample,
  deletePoint,
  markExample,
  readKernagenda,
  setYearBudget,
  updatePoint,
  ValidationError,
  type EditContext,
  type PointInput,
} from '../../src/model/kernagenda';
import { westBetuwe as config } from './support/config';

const ctx = (now = '2026-03-01T10:00:00.000Z', actor = 'Ans'): EditContext => ({
  actor,
  now,
  config,
});
const input = (over: Partial<PointInput> = {}): PointInput => ({
  title: 'Speeltuin bij de school',
  theme: 'sport-cultuur-en-recreatie',
  owner: 'inwoners',
  status: 'idee',
  ...over,
});

function refusal(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return { ...(e as ValidationError).fieldErrors };
  }
  throw new Error('expected a ValidationError');
}

describe('addPoint and readKernagenda', () => {
  it('starts empty', () => {
    expect(readKernagenda(new Y.Doc())).toEqual({ points: [], yearBudgets: {}, example: false });
  });

  it('stores a point with trimmed texts, who and when, as one update', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    const id = addPoint(
      doc,
      input({ title: '  Speeltuin  ', description: ' Met schommel ', contact: ' Piet ' }),
      ctx(),
    );
    expect(updates).toBe(1);
    expect(readKernagenda(doc).points).toEqual([
      {
        id,
        title: 'Speeltuin',
        description: 'Met schommel',
        theme: 'sport-cultuur-en-recreatie',
        owner: 'inwoners',
        status: 'idee',
        contact: 'Piet',
        budget: null,
        createdAt: '2026-03-01T10:00:00.000Z',
        createdBy: 'Ans',
        updatedAt: '2026-03-01T10:00:00.000Z',
        updatedBy: 'Ans',
      },
    ]);
  });

  it('records a budget request with its time', () => {
    const doc = new Y.Doc();
    addPoint(doc, input({ budget: { year: 2026, amountCents: 150000, kind: 'nieuw' } }), ctx());
    expect(readKernagenda(doc).points[0]!.budget).toEqual({
      year: 2026,
      amountCents: 150000,
      kind: 'nieuw',
      requestedAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('passes the origin to the transaction', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const origin = { local: true };
    addPoint(doc, input(), { ...ctx(), origin });
    addPoint(doc, input(), ctx());
    expect(origins).toEqual([origin, null]);
  });

  it('sorts by createdAt, then id, and gives unique ids', () => {
    const doc = new Y.Doc();
    const late = addPoint(doc, input({ title: 'Later' }), ctx('2026-03-02T10:00:00.000Z'));
    const a = addPoint(doc, input({ title: 'Eerst' }), ctx('2026-03-01T10:00:00.000Z'));
    const b = addPoint(doc, input({ title: 'Ook eerst' }), ctx('2026-03-01T10:00:00.000Z'));
    const ids = readKernagenda(doc).points.map((p) => p.id);
    expect(ids).toEqual([...[a, b].sort(), late]);
    expect(new Set(ids).size).toBe(3);
  });

  it('returns frozen snapshots', () => {
    const doc = new Y.Doc();
    addPoint(doc, input({ budget: { year: 2026, amountCents: 1, kind: 'nieuw' } }), ctx());
    const agenda = readKernagenda(doc);
    expect(Object.isFrozen(agenda)).toBe(true);
    expect(Object.isFrozen(agenda.points)).toBe(true);
    expect(Object.isFrozen(agenda.points[0])).toBe(true);
    expect(Object.isFrozen(agenda.points[0]!.budget)).toBe(true);
    expect(Object.isFrozen(agenda.yearBudgets)).toBe(true);
  });

  it('refuses bad input and writes nothing', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(
      refusal(() =>
        addPoint(
          doc,
          {
            title: '   ',
            theme: 'onbekend',
            owner: 'iedereen' as never,
            status: 'klaar' as never,
            budget: { year: 1999, amountCents: -1, kind: 'anders' as never },
          },
          ctx(),
        ),
      ),
    ).toEqual({
      title: 'Vul een titel in.',
      theme: 'Kies een thema uit de lijst.',
      owner: 'Kies wie dit punt oppakt.',
      status: 'Kies een status.',
      amount: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
      year: 'Kies een jaar tussen 2000 en 2100.',
      kind: 'Kies of het een nieuw initiatief of een bestaande activiteit is.',
    });
    expect(updates).toBe(0);
    expect(readKernagenda(doc).points).toEqual([]);
  });

  it('refuses a bad context (a programming error, not user input)', () => {
    const doc = new Y.Doc();
    expect(() => addPoint(doc, input(), ctx('gisteren'))).toThrow(TypeError);
    expect(() => addPoint(doc, input(), ctx('2026-03-01T11:00:00+01:00'))).toThrow(TypeError);
    expect(() => addPoint(doc, input(), ctx(undefined, '  '))).toThrow(TypeError);
    expect(readKernagenda(doc).points).toEqual([]);
  });
});

describe('updatePoint', () => {
  function setup() {
    const doc = new Y.Doc();
    const id = addPoint(doc, input(), ctx());
    return { doc, id };
  }

  it('changes only what differs, and records who and when', () => {
    const { doc, id } = setup();
    const keys: string[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) =>
      tr.changed.forEach((subs) => subs.forEach((k) => k && keys.push(k))),
    );
    updatePoint(
      doc,
      id,
      { title: 'Speeltuin bij de school', status: 'in-voorbereiding' },
      ctx('2026-03-05T09:00:00.000Z', 'Bram'),
    );
    expect(keys.sort()).toEqual(['status', 'updatedAt', 'updatedBy']);
    const p = readKernagenda(doc).points[0]!;
    expect(p).toMatchObject({
      status: 'in-voorbereiding',
      updatedAt: '2026-03-05T09:00:00.000Z',
      updatedBy: 'Bram',
      createdBy: 'Ans',
    });
  });

  it('does not write at all when nothing changes', () => {
    const { doc, id } = setup();
    let updates = 0;
    doc.on('update', () => updates++);
    updatePoint(doc, id, { title: ' Speeltuin bij de school ', owner: 'inwoners' }, ctx());
    updatePoint(doc, id, {}, ctx());
    expect(updates).toBe(0);
  });

  it('sets requestedAt when a request is made, its year changes or its amount goes up', () => {
    const { doc, id } = setup();
    const budget = () => readKernagenda(doc).points[0]!.budget;
    updatePoint(
      doc,
      id,
      { budget: { year: 2026, amountCents: 1000, kind: 'nieuw' } },
      ctx('2026-04-01T00:00:00.000Z'),
    );
    expect(budget()?.requestedAt).toBe('2026-04-01T00:00:00.000Z');
    updatePoint(
      doc,
      id,
      { budget: { year: 2026, amountCents: 1000, kind: 'bestaand' } },
      ctx('2026-04-02T00:00:00.000Z'),
    );
    expect(budget()).toEqual({
      year: 2026,
      amountCents: 1000,
      kind: 'bestaand',
      requestedAt: '2026-04-01T00:00:00.000Z',
    });
    updatePoint(
      doc,
      id,
      { budget: { year: 2026, amountCents: 2000, kind: 'bestaand' } },
      ctx('2026-04-03T00:00:00.000Z'),
    );
    expect(budget()?.requestedAt).toBe('2026-04-03T00:00:00.000Z');
    updatePoint(
      doc,
      id,
      { budget: { year: 2027, amountCents: 2000, kind: 'bestaand' } },
      ctx('2026-04-04T00:00:00.000Z'),
    );
    expect(budget()).toEqual({
      year: 2027,
      amountCents: 2000,
      kind: 'bestaand',
      requestedAt: '2026-04-04T00:00:00.000Z',
    });
    updatePoint(doc, id, { title: 'Andere titel' }, ctx('2026-04-05T00:00:00.000Z'));
    expect(budget()?.requestedAt).toBe('2026-04-04T00:00:00.000Z');
    // Lowering the amount is no new request (it must not move past the closing day).
    updatePoint(
      doc,
      id,
      { budget: { year: 2027, amountCents: 1500, kind: 'bestaand' } },
      ctx('2026-12-20T00:00:00.000Z'),
    );
    expect(budget()).toMatchObject({ amountCents: 1500, requestedAt: '2026-04-04T00:00:00.000Z' });
  });

  it('removes a request with budget: null', () => {
    const doc = new Y.Doc();
    const id = addPoint(
      doc,
      input({ budget: { year: 2026, amountCents: 1, kind: 'nieuw' } }),
      ctx(),
    );
    updatePoint(doc, id, { budget: null }, ctx());
    expect(readKernagenda(doc).points[0]!.budget).toBeNull();
    const map = doc.getMap('points').get(id) as Y.Map<unknown>;
    expect([...map.keys()].filter((k) => k.startsWith('budget'))).toEqual([]);
  });

  it('checks only the fields it changes, so a point with a dropped theme still gets a status', () => {
    const { doc, id } = setup();
    (doc.getMap('points').get(id) as Y.Map<unknown>).set('theme', 'afgeschaft');
    updatePoint(doc, id, { status: 'gerealiseerd' }, ctx());
    expect(readKernagenda(doc).points[0]).toMatchObject({
      theme: 'afgeschaft',
      status: 'gerealiseerd',
    });
    expect(refusal(() => updatePoint(doc, id, { theme: 'afgeschaft' }, ctx()))).toEqual({
      theme: 'Kies een thema uit de lijst.',
    });
    updatePoint(doc, id, { theme: 'economie' }, ctx());
    expect(readKernagenda(doc).points[0]!.theme).toBe('economie');
  });

  it('refuses bad input and unknown or deleted ids, writing nothing', () => {
    const { doc, id } = setup();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(refusal(() => updatePoint(doc, id, { title: '' }, ctx()))).toEqual({
      title: 'Vul een titel in.',
    });
    expect(
      refusal(() =>
        updatePoint(doc, id, { budget: { year: 2026, amountCents: -5, kind: 'nieuw' } }, ctx()),
      ),
    ).toEqual({
      amount: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    });
    expect(refusal(() => updatePoint(doc, 'bestaat-niet', { title: 'x' }, ctx()))).toEqual({
      id: 'Dit punt bestaat niet (meer).',
    });
    expect(updates).toBe(0);
    deletePoint(doc, id, ctx());
    expect(refusal(() => updatePoint(doc, id, { title: 'x' }, ctx()))).toEqual({
      id: 'Dit punt bestaat niet (meer).',
    });
    expect(() => updatePoint(doc, id, { title: 'x' }, ctx('nu'))).toThrow(TypeError);
  });
});

describe('deletePoint', () => {
  it('hides the point by a tombstone and keeps its data', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, input(), ctx());
    const keep = addPoint(doc, input({ title: 'Blijft' }), ctx());
    deletePoint(doc, id, ctx('2026-03-09T12:00:00.000Z', 'Bram'));
    expect(readKernagenda(doc).points.map((p) => p.id)).toEqual([keep]);
    const map = doc.getMap('points').get(id) as Y.Map<unknown>;
    expect(map.get('title')).toBe('Speeltuin bij de school');
    expect(map.get('deletedAt')).toBe('2026-03-09T12:00:00.000Z');
    expect(map.get('deletedBy')).toBe('Bram');
  });

  it('is idempotent for a deleted point and refuses an unknown id', () => {
    const doc = new Y.Doc();
    const id = addPoint(doc, input(), ctx());
    deletePoint(doc, id, ctx());
    let updates = 0;
    doc.on('update', () => updates++);
    deletePoint(doc, id, ctx());
    expect(updates).toBe(0);
    expect(refusal(() => deletePoint(doc, 'nope', ctx()))).toEqual({
      id: 'Dit punt bestaat niet (meer).',
    });
    expect(() => deletePoint(doc, id, ctx(undefined, ''))).toThrow(TypeError);
  });
});

describe('setYearBudget, markExample, clearExample', () => {
  it('stores budgets per year and reads them back as numbers', () => {
    const doc = new Y.Doc();
    setYearBudget(doc, 2026, 600000, ctx());
    setYearBudget(doc, 2027, 0, ctx());
    expect(readKernagenda(doc).yearBudgets).toEqual({ 2026: 600000, 2027: 0 });
  });

  it('refuses a bad year or amount', () => {
    const doc = new Y.Doc();
    expect(refusal(() => setYearBudget(doc, 1999, -1, ctx()))).toEqual({
      year: 'Kies een jaar tussen 2000 en 2100.',
      amount: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
    });
    expect(refusal(() => setYearBudget(doc, 2026, 12.5, ctx()))).toHaveProperty('amount');
    expect(readKernagenda(doc).yearBudgets).toEqual({});
  });

  it('ignores malformed stored values at read time', () => {
    const doc = new Y.Doc();
    const budgets = doc.getMap('budgets');
    budgets.set('2026', 'veel');
    budgets.set('twee', 100);
    budgets.set('02026', 100);
    budgets.set('2027', 100);
    doc.getMap('points').set('kapot', 'geen map');
    expect(readKernagenda(doc)).toEqual({ points: [], yearBudgets: { 2027: 100 }, example: false });
  });

  it('marks and clears the example flag', () => {
    const doc = new Y.Doc();
    markExample(doc);
    expect(readKernagenda(doc).example).toBe(true);
    clearExample(doc, ctx());
    expect(readKernagenda(doc).example).toBe(false);
  });
});
