import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoAgenda } from '../../server/demo';
import { budgetFigures, budgetYearFor, countsByStatus } from '../../src/model/budget';
import { owners, readKernagenda, validatePointInput } from '../../src/model/kernagenda';
import type { GemeenteConfig } from '../../src/config/gemeente';
import { proef, westBetuwe } from './support/config';

const cases: [gemeente: string, config: GemeenteConfig, kern: string, now: string][] = [
  ['West Betuwe', westBetuwe, 'beesd', '2026-06-15T09:00:00.000Z'],
  ['West Betuwe', westBetuwe, 'heukelum', '2026-12-04T09:00:00.000Z'], // after the closing day
  ['West Betuwe', westBetuwe, 'heesselt', '2026-12-01T22:59:59.000Z'], // shares Varik's agenda
  ['the fixture gemeente', proef, 'noorddorp', '2026-03-01T12:00:00.000Z'],
  ['the fixture gemeente', proef, 'zuiddorp', '2026-11-15T12:00:00.000Z'],
];

describe('seedDemoAgenda', () => {
  it.each(cases)('fills a valid example agenda (%s, %s, %s)', (_g, config, slug, nowIso) => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    seedDemoAgenda(doc, config, slug, new Date(nowIso));
    const agenda = readKernagenda(doc);
    expect(agenda.example).toBe(true);
    expect(agenda.points).toHaveLength(8);
    expect(updates).toBe(9); // one per point, one for the example mark

    for (const p of agenda.points) {
      expect(validatePointInput(p, config)).toEqual({});
      expect(p.contact).not.toBe('');
      expect(p.description).not.toBe('');
    }
    const themes = new Set(agenda.points.map((p) => p.theme));
    expect(themes.size).toBe(Math.min(8, config.themes.length));
    expect(new Set(agenda.points.map((p) => p.owner))).toEqual(new Set(owners));
    expect(
      Object.values(countsByStatus(agenda)).filter((n) => n > 0).length,
    ).toBeGreaterThanOrEqual(4);

    const name = config.kern(slug)!.name;
    const texts = agenda.points.map((p) => `${p.title} ${p.description}`).join(' ');
    expect(texts).toContain(name);
    for (const other of config.kernen.filter((k) => k.slug !== slug))
      expect(texts).not.toContain(other.name);

    const year = budgetYearFor(nowIso, config.budget);
    const requests = agenda.points.filter((p) => p.budget);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((p) => p.budget!.year === year)).toBe(true);
    expect(requests.filter((p) => p.budget!.kind === 'bestaand')).toHaveLength(1);
    const figures = budgetFigures(agenda, config, year);
    expect(figures.requestedCents).toBeGreaterThan(0);
    expect(figures.violations).toEqual([]);
  });

  it('keeps the list order and dates every point just before now', () => {
    const doc = new Y.Doc();
    seedDemoAgenda(doc, westBetuwe, 'beesd', new Date('2026-06-15T09:00:00.000Z'));
    const points = readKernagenda(doc).points;
    expect(points[0]!.title).toBe('Bloemen en bankjes op het dorpsplein');
    expect(points.map((p) => p.theme)).toEqual([
      ...westBetuwe.themes.map((t) => t.id),
      westBetuwe.themes[0]!.id,
    ]);
    expect(points.at(-1)!.createdAt).toBe('2026-06-15T08:59:59.000Z');
    expect(points.every((p) => p.createdBy === 'Voorbeeld')).toBe(true);
  });

  it('refuses an unknown kern and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => seedDemoAgenda(doc, westBetuwe, 'atlantis', new Date())).toThrow(
      /unknown kern "atlantis"/,
    );
    expect(readKernagenda(doc)).toEqual({ points: [], yearBudgets: {}, example: false });
  });
});
