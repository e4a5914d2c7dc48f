/**
 * Budgets over the years: the year a request counts for (closing day on the Europe/Amsterdam
 * date), each year's budget, and which points a year's agenda shows (carry-over).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import {
  addPoint,
  readKernagenda,
  setYearBudget,
  updatePoint,
  type BudgetKind,
  type EditContext,
  type PointInput,
  type Status,
} from '../../src/model/kernagenda';
import { budgetFigures, budgetYears, requestYear } from '../../src/model/budget';
import { agendaForYear, agendaYear, pointYears, statusChangedAt } from '../../src/model/yearView';
import { proef, westBetuweRaw, westBetuwe as config } from './support/config';

const rules = config.budget;
const ctx = (now: string, actor = 'Ans'): EditContext => ({ actor, now, config });
const input = (
  title: string,
  status: Status = 'idee',
  budget?: { year: number; amountCents: number; kind?: BudgetKind },
): PointInput => ({
  title,
  theme: 'economie',
  owner: 'inwoners',
  status,
  budget: budget ? { kind: 'nieuw', ...budget } : null,
});
const withRule = (lastRequestDay: string) =>
  parseGemeenteConfig({
    ...(westBetuweRaw() as object),
    budget: { ...config.budget, lastRequestDay },
  }).budget;
const request = (year: number, requestedAt: string) => ({
  year,
  amountCents: 100,
  kind: 'nieuw' as const,
  requestedAt,
});

describe('the year a request counts for', () => {
  it('is the year it names when made on or before the closing day, Amsterdam time (winter)', () => {
    // 1 December ends at 23:00 UTC in winter (CET, UTC+1).
    expect(requestYear(request(2026, '2026-12-01T22:59:59.999Z'), rules)).toBe(2026);
    expect(requestYear(request(2026, '2026-12-01T23:00:00.000Z'), rules)).toBe(2027);
    // A UTC date of 1 December is not enough: this is 00:30 on 2 December in Beesd.
    expect(requestYear(request(2026, '2026-12-01T23:30:00.000Z'), rules)).toBe(2027);
  });

  it('uses summer time for a closing day in summer, and the switch days of the clock', () => {
    const summer = withRule('06-30'); // CEST, UTC+2: 30 June ends at 22:00 UTC
    expect(requestYear(request(2026, '2026-06-30T21:59:59.000Z'), summer)).toBe(2026);
    expect(requestYear(request(2026, '2026-06-30T22:00:00.000Z'), summer)).toBe(2027);
    const spring = withRule('03-29'); // the clock goes forward on 29 March 2026
    expect(requestYear(request(2026, '2026-03-29T21:59:59.000Z'), spring)).toBe(2026);
    expect(requestYear(request(2026, '2026-03-29T22:00:00.000Z'), spring)).toBe(2027);
    const autumn = withRule('10-25'); // and back on 25 October 2026
    expect(requestYear(request(2026, '2026-10-25T22:59:59.000Z'), autumn)).toBe(2026);
    expect(requestYear(request(2026, '2026-10-25T23:00:00.000Z'), autumn)).toBe(2027);
  });

  it('moves a request made around New Year to the first year still open', () => {
    const lastDay = withRule('12-31');
    expect(requestYear(request(2026, '2026-12-31T22:59:59.000Z'), lastDay)).toBe(2026);
    // Already 1 January 2027 in Beesd, still 31 December in UTC.
    expect(requestYear(request(2026, '2026-12-31T23:00:00.000Z'), lastDay)).toBe(2027);
    // A year later than the closing day of its own year: two years on.
    expect(requestYear(request(2026, '2027-12-05T10:00:00.000Z'), rules)).toBe(2028);
  });

  it('keeps a later year it names, and a request without a readable time in its year', () => {
    expect(requestYear(request(2028, '2026-12-20T10:00:00.000Z'), rules)).toBe(2028);
    expect(requestYear(request(2026, ''), rules)).toBe(2026);
    expect(requestYear(request(2026, 'gisteren'), rules)).toBe(2026);
    // The fixture gemeente closes on 31 October.
    expect(requestYear(request(2026, '2026-11-01T10:00:00.000Z'), proef.budget)).toBe(2027);
  });
});

describe('budgetFigures over the years', () => {
  it('counts a late request in the year it moved to, and says so in the year it named', () => {
    const doc = new Y.Doc();
    addPoint(
      doc,
      input('Op tijd', 'idee', { year: 2026, amountCents: 150000 }),
      ctx('2026-06-01T10:00:00.000Z'),
    );
    const late = addPoint(
      doc,
      input('Te laat', 'idee', { year: 2026, amountCents: 40000 }),
      ctx('2026-12-01T23:00:00.000Z'),
    );
    addPoint(
      doc,
      input('Volgend jaar', 'idee', { year: 2027, amountCents: 10000 }),
      ctx('2026-06-01T10:00:00.000Z'),
    );
    const agenda = readKernagenda(doc);
    const y2026 = budgetFigures(agenda, config, 2026);
    expect(y2026).toMatchObject({ requestedCents: 150000, remainingCents: 350000 });
    expect(y2026.violations).toEqual([
      {
        rule: 'after-closing',
        message: "'Te laat' is aangevraagd na 1 december 2026. Daarom telt de aanvraag voor 2027.",
        pointIds: [late],
      },
    ]);
    const y2027 = budgetFigures(agenda, config, 2027);
    expect(y2027).toMatchObject({ requestedCents: 50000, violations: [] });
    expect(budgetYears(agenda, 2026, rules)).toEqual([2026, 2027]);
    expect(budgetYears(agenda, 2025)).toEqual([2025, 2026, 2027]);
  });

  it('does not move a request that is only lowered after the closing day; raising it does', () => {
    const doc = new Y.Doc();
    const id = addPoint(
      doc,
      input('Speeltuin', 'idee', { year: 2026, amountCents: 150000 }),
      ctx('2026-06-01T10:00:00.000Z'),
    );
    updatePoint(
      doc,
      id,
      { budget: { year: 2026, amountCents: 120000, kind: 'nieuw' } },
      ctx('2026-12-10T10:00:00.000Z'),
    );
    expect(budgetFigures(readKernagenda(doc), config, 2026).requestedCents).toBe(120000);
    updatePoint(
      doc,
      id,
      { budget: { year: 2026, amountCents: 130000, kind: 'nieuw' } },
      ctx('2026-12-11T10:00:00.000Z'),
    );
    expect(budgetFigures(readKernagenda(doc), config, 2026).requestedCents).toBe(0);
    expect(budgetFigures(readKernagenda(doc), config, 2027).requestedCents).toBe(130000);
  });

  it('uses the budget the committee set for each year, else the configured one', () => {
    const doc = new Y.Doc();
    setYearBudget(doc, 2026, 450000, ctx('2026-01-10T10:00:00.000Z'));
    setYearBudget(doc, 2027, 520000, ctx('2026-12-10T10:00:00.000Z'));
    const agenda = readKernagenda(doc);
    expect([2025, 2026, 2027].map((y) => budgetFigures(agenda, config, y).budgetCents)).toEqual([
      500000, 450000, 520000,
    ]);
    const view = agendaForYear(agenda, 2027, rules);
    expect(budgetFigures(view, config, 2027).budgetCents).toBe(520000);
  });
});

describe('agendaForYear', () => {
  /** Points added over three years, with statuses as they are now. */
  function history() {
    const doc = new Y.Doc();
    const add = (title: string, now: string, status: Status = 'idee', year?: number) =>
      addPoint(
        doc,
        input(title, status, year ? { year, amountCents: 50000 } : undefined),
        ctx(now),
      );
    const ids = {
      idee2025: add('Idee uit 2025', '2025-03-01T10:00:00.000Z'),
      klaar2025: add('Klaar in 2025', '2025-03-02T10:00:00.000Z', 'gerealiseerd'),
      lukt2025: add('Lukt niet', '2025-03-03T10:00:00.000Z', 'lukt-niet'),
      loopt: add('Loopt nog', '2025-04-01T10:00:00.000Z', 'in-uitvoering', 2025),
      decembr: add('Na de sluiting', '2025-12-15T10:00:00.000Z'),
      later: add('Geld voor 2027', '2026-02-01T10:00:00.000Z', 'in-voorbereiding', 2027),
      klaar2026: add('Klaar in 2026', '2025-05-01T10:00:00.000Z'),
    };
    // Finished a year after it was added.
    updatePoint(doc, ids.klaar2026, { status: 'gerealiseerd' }, ctx('2026-09-01T10:00:00.000Z'));
    return { doc, ids };
  }
  const titles = (view: { points: readonly { title: string }[] }) =>
    view.points.map((p) => p.title);

  it('carries unfinished points over to every later year; finished ones stay until finished', () => {
    const { doc, ids } = history();
    const agenda = readKernagenda(doc);
    const finished = statusChangedAt(doc);
    const view = (year: number) => agendaForYear(agenda, year, rules, finished);
    expect(titles(view(2024))).toEqual([]);
    expect(titles(view(2025))).toEqual([
      'Idee uit 2025',
      'Klaar in 2025',
      'Lukt niet',
      'Loopt nog',
      'Klaar in 2026',
    ]);
    expect(view(2025).carriedOver).toEqual([]);
    // 'Na de sluiting' was added after 1 December 2025: it is on the agenda of 2026.
    expect(titles(view(2026))).toEqual([
      'Idee uit 2025',
      'Loopt nog',
      'Klaar in 2026',
      'Na de sluiting',
      'Geld voor 2027',
    ]);
    expect(view(2026).carriedOver).toEqual([ids.idee2025, ids.loopt, ids.klaar2026]);
    expect(titles(view(2027))).toEqual([
      'Idee uit 2025',
      'Loopt nog',
      'Na de sluiting',
      'Geld voor 2027',
    ]);
    expect(view(2030).carriedOver).toEqual([ids.idee2025, ids.loopt, ids.decembr, ids.later]);
    expect(Object.isFrozen(view(2026).points)).toBe(true);
  });

  it('shows a finished point in the year it was added and the year its money counts for', () => {
    const { doc, ids } = history();
    const agenda = readKernagenda(doc);
    // Without the history, 'Klaar in 2026' shows only in the year it was added.
    expect(titles(agendaForYear(agenda, 2026, rules))).not.toContain('Klaar in 2026');
    expect(titles(agendaForYear(agenda, 2025, rules))).toContain('Klaar in 2026');
    // Money asked for a later year keeps a finished point on that year's agenda.
    updatePoint(doc, ids.later, { status: 'gerealiseerd' }, ctx('2026-03-01T10:00:00.000Z'));
    const again = readKernagenda(doc);
    const p = again.points.find((x) => x.id === ids.later)!;
    expect(pointYears(p, rules, statusChangedAt(doc).get(p.id))).toEqual({
      first: 2026,
      last: 2027,
    });
    expect(titles(agendaForYear(again, 2027, rules, statusChangedAt(doc)))).toContain(
      'Geld voor 2027',
    );
  });

  it('gives each year the same figures as the whole agenda', () => {
    const { doc } = history();
    const agenda = readKernagenda(doc);
    for (const year of [2025, 2026, 2027]) {
      const view = agendaForYear(agenda, year, rules, statusChangedAt(doc));
      expect(view.year).toBe(year);
      expect(budgetFigures(view, config, year)).toEqual(budgetFigures(agenda, config, year));
    }
  });

  it('reads dates as budget years on the Amsterdam date', () => {
    expect(agendaYear('2026-12-01T22:59:59.000Z', rules)).toBe(2026);
    expect(agendaYear('2026-12-01T23:00:00.000Z', rules)).toBe(2027);
    expect(agendaYear('', rules)).toBeNull();
    // A point without a readable creation time (an older document) shows in every year.
    const legacy = { ...readKernagenda(history().doc).points[0]!, createdAt: '' };
    expect(pointYears(legacy, rules)).toEqual({ first: -Infinity, last: Infinity });
  });
});
