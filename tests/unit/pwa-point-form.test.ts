// The point form's values -> the model's PointInput, and grouping points for display.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { addPoint, readKernagenda } from '../../src/model/kernagenda';
import { groupPoints } from '../../src/ui/kern/grouping';
import {
  amountMessage,
  centsToText,
  initialValues,
  toPointInput,
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
