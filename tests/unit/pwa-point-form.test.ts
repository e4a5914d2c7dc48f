// The point form's values -> the model's PointInput, grouping points for display, and when a
// point's card needs drawing again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { addPoint, readKernagenda, samePoint, updatePoint } from '../../src/model/kernagenda';
import { firstPoints, groupPoints } from '../../src/ui/kern/grouping';
import {
  amountMessage,
  centsToText,
  changedInput,
  initialValues,
  toPointInput,
  touchedFields,
} from '../../src/ui/kern/pointForm';

const config = parseGemeenteConfig(
  JSON.parse(readFileSync(new URL('../fixtures/gemeente-proef.json', import.meta.url), 'utf8')),
);
const blank = initialValues(null, 2025);

describe('toPointInput', () => {
  it('turns filled-in values into a PointInput with a budget request', () => {
    const { input, errors } = toPointInput(
      { ...blank, title: 'Bankje', theme: 'groen', amount: '1.250,50', kind: 'bestaand' },
      config,
    );
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      title: 'Bankje',
      theme: 'groen',
      owner: 'inwoners',
      status: 'idee',
      budget: { year: 2025, amountCents: 125050, kind: 'bestaand' },
    });
  });
  it('asks no money when the amount is empty', () => {
    const { input } = toPointInput({ ...blank, title: 'X', theme: 'groen', amount: '  ' }, config);
    expect(input.budget).toBeNull();
  });
  it('refuses an empty title, no theme and an amount that is no amount, in Dutch', () => {
    const { errors } = toPointInput({ ...blank, amount: 'twee euro' }, config);
    expect(errors).toEqual({
      title: 'Vul een titel in.',
      theme: 'Kies een thema.',
      amount: amountMessage,
    });
  });
  it('refuses a theme that is not in the configuration', () => {
    const { errors } = toPointInput({ ...blank, title: 'X', theme: 'woningbouw' }, config);
    expect(errors.theme).toBe('Kies een thema uit de lijst.');
  });
});

describe('initialValues and centsToText', () => {
  it('shows cents the way people type them back', () => {
    expect(centsToText(150000)).toBe('1500');
    expect(centsToText(12345)).toBe('123,45');
    expect(centsToText(5)).toBe('0,05');
  });
  it('fills the form from a point', () => {
    const doc = new Y.Doc();
    const ctx = { actor: 'Anna', now: '2025-03-01T10:00:00.000Z', config };
    addPoint(
      doc,
      {
        title: 'Speeltuin',
        theme: 'spelen',
        owner: 'gemeente',
        status: 'in-uitvoering',
        budget: { year: 2026, amountCents: 99950, kind: 'nieuw' },
      },
      ctx,
    );
    const point = readKernagenda(doc).points[0]!;
    expect(initialValues(point, 2025)).toMatchObject({
      title: 'Speeltuin',
      owner: 'gemeente',
      status: 'in-uitvoering',
      amount: '999,50',
      year: '2026',
      kind: 'nieuw',
    });
  });
});

describe('changedInput', () => {
  const ctx = { actor: 'Anna', now: '2025-03-01T10:00:00.000Z', config };
  const speeltuin = {
    title: 'Speeltuin',
    theme: 'spelen',
    owner: 'gemeente',
    status: 'idee',
    budget: { year: 2026, amountCents: 50000, kind: 'nieuw' },
  } as const;

  it('keeps only the fields the user changed; a budget counts as one', () => {
    const doc = new Y.Doc();
    addPoint(doc, speeltuin, ctx);
    const opened = initialValues(readKernagenda(doc).points[0]!, 2025);
    const before = toPointInput(opened, config).input;
    expect(changedInput(toPointInput(opened, config).input, before)).toEqual({});
    const edited = toPointInput(
      { ...opened, title: 'Speeltuin aan de dijk', amount: '600' },
      config,
    );
    const patch = changedInput(edited.input, before);
    expect(patch).toEqual({
      title: 'Speeltuin aan de dijk',
      budget: { year: 2026, amountCents: 60000, kind: 'nieuw' },
    });
    expect([...touchedFields(patch)].sort()).toEqual(['amount', 'kind', 'title', 'year']);
    expect(changedInput(toPointInput({ ...opened, amount: '' }, config).input, before)).toEqual({
      budget: null,
    });
  });

  it("saving an edit does not undo another device's change of a field the user left alone", () => {
    const phone = new Y.Doc();
    addPoint(phone, speeltuin, ctx);
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    // The phone opens the form; meanwhile the laptop sets the status and it syncs.
    const opened = initialValues(readKernagenda(phone).points[0]!, 2025);
    const id = readKernagenda(laptop).points[0]!.id;
    updatePoint(laptop, id, { status: 'in-uitvoering' }, { ...ctx, actor: 'Jan' });
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
    // The phone saves only a new title.
    const before = toPointInput(opened, config).input;
    const edited = toPointInput({ ...opened, title: 'Speeltuin aan de dijk' }, config).input;
    updatePoint(phone, id, changedInput(edited, before), ctx);
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    for (const doc of [phone, laptop])
      expect(readKernagenda(doc).points[0]).toMatchObject({
        title: 'Speeltuin aan de dijk',
        status: 'in-uitvoering',
      });
  });
});

describe('groupPoints', () => {
  it('groups by theme in configuration order and by status in model order, leaving out empty groups', () => {
    const doc = new Y.Doc();
    const add = (title: string, theme: string, status: 'idee' | 'gerealiseerd', minute: number) =>
      addPoint(
        doc,
        { title, theme, owner: 'samen', status },
        { actor: 'Anna', now: `2025-03-01T10:0${minute}:00.000Z`, config },
      );
    add('A', 'spelen', 'gerealiseerd', 1);
    add('B', 'groen', 'idee', 2);
    add('C', 'spelen', 'idee', 3);
    const { points } = readKernagenda(doc);
    const byTheme = groupPoints(points, 'thema', config);
    expect(byTheme.map((g) => [g.label, g.points.map((p) => p.title)])).toEqual([
      ['Groen', ['B']],
      ['Spelen', ['A', 'C']],
    ]);
    const byStatus = groupPoints(points, 'status', config);
    expect(byStatus.map((g) => [g.label, g.points.length])).toEqual([
      ['Idee', 2],
      ['Gerealiseerd', 1],
    ]);
  });
  it('puts points with a theme the configuration no longer has under Overig', () => {
    const point = { theme: 'verdwenen', status: 'idee' } as never;
    expect(groupPoints([point], 'thema', config).map((g) => g.label)).toEqual(['Overig']);
  });
});

describe('firstPoints', () => {
  const group = (key: string, n: number) => ({
    key,
    label: key,
    points: Array.from({ length: n }, (_, i) => ({ id: `${key}${i}` }) as never),
  });
  const groups = [group('a', 3), group('b', 4), group('c', 2)];
  const shape = (count: number) =>
    firstPoints(groups, count).map((g) => [g.key, g.points.length, g.total]);

  it('keeps the groups as far as their first points go, each with its whole count', () => {
    expect(shape(5)).toEqual([
      ['a', 3, 3],
      ['b', 2, 4],
    ]);
    expect(shape(3)).toEqual([['a', 3, 3]]);
    expect(shape(Number.POSITIVE_INFINITY)).toEqual([
      ['a', 3, 3],
      ['b', 4, 4],
      ['c', 2, 2],
    ]);
    expect(shape(0)).toEqual([]);
  });
});

describe('samePoint', () => {
  const doc = new Y.Doc();
  const ctx = (minute: number) => ({
    actor: 'Anna',
    now: `2025-03-01T10:0${minute}:00.000Z`,
    config,
  });
  const id = addPoint(
    doc,
    {
      title: 'Bankje',
      theme: 'groen',
      owner: 'samen',
      status: 'idee',
      budget: { year: 2025, amountCents: 1000, kind: 'bestaand' },
    },
    ctx(1),
  );
  const read = () => readKernagenda(doc).points.find((p) => p.id === id)!;

  it('is true for two reads of an unchanged point (new objects), false after a change', () => {
    const before = read();
    expect(read()).not.toBe(before);
    expect(samePoint(read(), before)).toBe(true);
    updatePoint(doc, id, { title: 'Bankje bij de kerk' }, ctx(2));
    expect(samePoint(read(), before)).toBe(false);
  });

  it('looks into the budget request, and tells a request from none', () => {
    const before = read();
    updatePoint(doc, id, { budget: { year: 2025, amountCents: 1200, kind: 'bestaand' } }, ctx(3));
    const more = read();
    expect(samePoint(more, before)).toBe(false);
    expect(samePoint(more, { ...more, budget: { ...more.budget! } })).toBe(true);
    expect(samePoint(more, { ...more, budget: null })).toBe(false);
    expect(samePoint({ ...more, budget: null }, { ...more, budget: null })).toBe(true);
  });
});
