/**
 * What the kernagenda screen needs from a year's view (src/model/yearView.ts): the years to
 * choose from, the year a carried-over point came from, and a request that counts for a
 * later year than it names because it was made after the closing day.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  readKernagenda,
  setYearBudget,
  updatePoint,
  type EditContext,
  type PointInput,
  type Status,
} from '../../src/model/kernagenda';
import {
  agendaForYear,
  agendaYears,
  movedRequestYear,
  statusChangedAt,
} from '../../src/model/yearView';
import { westBetuwe as config } from './support/config';

const rules = config.budget;
const ctx = (now: string): EditContext => ({ actor: 'Ans', now, config });
const input = (title: string, status: Status = 'idee', year?: number): PointInput => ({
  title,
  theme: 'economie',
  owner: 'inwoners',
  status,
  budget: year ? { year, amountCents: 50000, kind: 'nieuw' } : null,
});

describe('agendaYears', () => {
  it('offers the current and the next year on an empty agenda', () => {
    expect(agendaYears(readKernagenda(new Y.Doc()), 2027, rules)).toEqual([2027, 2028]);
  });

  it('runs without gaps from the first point, request or budget to the latest', () => {
    const doc = new Y.Doc();
    addPoint(doc, input('Oud idee'), ctx('2024-03-01T10:00:00.000Z'));
    addPoint(doc, input('Geld voor later', 'idee', 2030), ctx('2026-03-01T10:00:00.000Z'));
    setYearBudget(doc, 2031, 400000, ctx('2026-03-02T10:00:00.000Z'));
    expect(agendaYears(readKernagenda(doc), 2026, rules)).toEqual([
      2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031,
    ]);
  });

  it('counts a point added after the closing day in the next year', () => {
    const doc = new Y.Doc();
    addPoint(doc, input('Na de sluiting'), ctx('2026-12-15T10:00:00.000Z'));
    expect(agendaYears(readKernagenda(doc), 2027, rules)).toEqual([2027, 2028]);
    expect(agendaYears(readKernagenda(doc), 2026, rules)).toEqual([2026, 2027]);
  });
});

describe('carriedFrom', () => {
  it('names the first year of each carried-over point, and no finished one', () => {
    const doc = new Y.Doc();
    const open = addPoint(doc, input('Speeltuin'), ctx('2025-03-01T10:00:00.000Z'));
    const done = addPoint(doc, input('Bankjes'), ctx('2025-03-02T10:00:00.000Z'));
    updatePoint(doc, done, { status: 'gerealiseerd' }, ctx('2025-10-01T10:00:00.000Z'));
    const fresh = addPoint(doc, input('Nieuw'), ctx('2026-02-01T10:00:00.000Z'));
    const agenda = readKernagenda(doc);
    const changed = statusChangedAt(doc);

    const y2025 = agendaForYear(agenda, 2025, rules, changed);
    expect(y2025.points.map((p) => p.id)).toEqual([open, done]);
    expect(y2025.carriedFrom).toEqual({});

    const y2027 = agendaForYear(agenda, 2027, rules, changed);
    expect(y2027.points.map((p) => p.id)).toEqual([open, fresh]);
    expect(y2027.carriedFrom).toEqual({ [open]: 2025, [fresh]: 2026 });
    expect(Object.keys(y2027.carriedFrom)).toEqual([...y2027.carriedOver]);
    expect(Object.isFrozen(y2027.carriedFrom)).toBe(true);
  });
});

describe('movedRequestYear', () => {
  it('gives the later year a request counts for, else null', () => {
    const doc = new Y.Doc();
    const late = addPoint(doc, input('Te laat', 'idee', 2026), ctx('2026-12-02T10:00:00.000Z'));
    const onTime = addPoint(doc, input('Op tijd', 'idee', 2026), ctx('2026-12-01T10:00:00.000Z'));
    const ahead = addPoint(doc, input('Vooruit', 'idee', 2028), ctx('2026-12-02T10:00:00.000Z'));
    const none = addPoint(doc, input('Zonder geld'), ctx('2026-12-02T10:00:00.000Z'));
    const byId = new Map(readKernagenda(doc).points.map((p) => [p.id, p]));
    expect(movedRequestYear(byId.get(late)!, rules)).toBe(2027);
    expect(movedRequestYear(byId.get(onTime)!, rules)).toBeNull();
    expect(movedRequestYear(byId.get(ahead)!, rules)).toBeNull();
    expect(movedRequestYear(byId.get(none)!, rules)).toBeNull();
  });
});
