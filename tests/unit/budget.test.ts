import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPoint,
  readKernagenda,
  setYearBudget,
  type BudgetKind,
  type EditContext,
  type Status,
} from '../../src/model/kernagenda';
import {
  amsterdamDay,
  budgetFigures,
  budgetYearFor,
  budgetYears,
  countsByStatus,
  countsByTheme,
  isAfterClosing,
} from '../../src/model/budget';
import { proef, westBetuwe as config } from './support/config';

const ctx = (now = '2026-06-01T10:00:00.000Z'): EditContext => ({ actor: 'Ans', now, config });

function agendaWith(
  requests: [
    title: string,
    cents: number,
    kind?: BudgetKind,
    status?: Status,
    now?: string,
    year?: number,
  ][],
) {
  const doc = new Y.Doc();
  // Each point a minute later than the one before, so the agenda keeps this order.
  const minute = (i: number) => `2026-06-01T10:${String(i).padStart(2, '0')}:00.000Z`;
  const ids = requests.map(
    ([title, amountCents, kind = 'nieuw', status = 'idee', now, year = 2026], i) =>
      addPoint(
        doc,
        {
          title,
          theme: 'economie',
          owner: 'inwoners',
          status,
          budget: { year, amountCents, kind },
        },
        ctx(now ?? minute(i)),
      ),
  );
  return { doc, ids, agenda: () => readKernagenda(doc) };
}

describe('budgetFigures', () => {
  it('is the configured budget with nothing requested', () => {
    expect(budgetFigures(readKernagenda(new Y.Doc()), config, 2026)).toEqual({
      year: 2026,
      budgetCents: 500000,
      requestedCents: 0,
      remainingCents: 500000,
      newCents: 0,
      existingCents: 0,
      violations: [],
    });
  });

  it('adds up the requests of the year, apart from points that did not work out', () => {
    const { agenda } = agendaWith([
      ['Bloembakken', 150000],
      ['Dorpsfeest', 100000, 'bestaand'],
      ['Zwembad', 200000, 'nieuw', 'lukt-niet'],
      ['Volgend jaar', 90000, 'nieuw', 'idee', undefined, 2027],
    ]);
    expect(budgetFigures(agenda(), config, 2026)).toMatchObject({
      requestedCents: 250000,
      remainingCents: 250000,
      newCents: 150000,
      existingCents: 100000,
      violations: [],
    });
    expect(budgetFigures(agenda(), config, 2027)).toMatchObject({ requestedCents: 90000 });
  });

  it('uses a budget the committee set, else the configured one times the kernen sharing it', () => {
    const { doc, agenda } = agendaWith([]);
    expect(budgetFigures(agenda(), config, 2026, 2).budgetCents).toBe(1000000);
    expect(budgetFigures(agenda(), proef, 2026).budgetCents).toBe(300000);
    setYearBudget(doc, 2026, 420000, ctx());
    expect(budgetFigures(agenda(), config, 2026, 2).budgetCents).toBe(420000);
  });

  it('flags a request above the maximum per initiative', () => {
    const { agenda, ids } = agendaWith([
      ['Speeltuin', 250000],
      ['Precies het maximum', 200000],
    ]);
    expect(budgetFigures(agenda(), config, 2026, 2).violations).toEqual([
      {
        rule: 'max-per-initiative',
        message: "'Speeltuin' vraagt € 2.500. Een initiatief mag ten hoogste € 2.000 krijgen.",
        pointIds: [ids[0]],
      },
    ]);
  });

  it('flags a total above the budget, and not one equal to it', () => {
    const equal = agendaWith([
      ['A', 200000],
      ['B', 200000],
      ['C', 100000],
    ]);
    expect(budgetFigures(equal.agenda(), config, 2026).violations).toEqual([]);
    const over = agendaWith([
      ['A', 200000],
      ['B', 200000],
      ['C', 100001],
    ]);
    const figures = budgetFigures(over.agenda(), config, 2026);
    expect(figures.remainingCents).toBe(-1);
    expect(figures.violations).toEqual([
      {
        rule: 'over-budget',
        message:
          'Voor 2026 is € 5.000,01 aangevraagd. Het budget is € 5.000. Dat is € 0,01 te veel.',
        pointIds: over.ids,
      },
    ]);
  });

  it('flags existing activities taking more than their share (25%: € 1.250 of € 5.000)', () => {
    const atLimit = agendaWith([['Dorpsfeest', 125000, 'bestaand']]);
    expect(budgetFigures(atLimit.agenda(), config, 2026).violations).toEqual([]);
    const over = agendaWith([
      ['Dorpsfeest', 100000, 'bestaand'],
      ['Nieuw', 100000],
      ['Kermis', 25001, 'bestaand'],
    ]);
    expect(budgetFigures(over.agenda(), config, 2026).violations).toEqual([
      {
        rule: 'new-share',
        message:
          "Bestaande activiteiten vragen samen € 1.250,01 ('Dorpsfeest', 'Kermis'). Dat mag ten hoogste € 1.250 zijn, want minstens 75% van het budget is voor nieuwe initiatieven.",
        pointIds: [over.ids[0], over.ids[2]],
      },
    ]);
    // The fixture gemeente keeps half for new initiatives: € 1.500 of € 3.000 may go to existing ones.
    expect(budgetFigures(over.agenda(), proef, 2026).violations).toEqual([]);
  });

  it('flags a request made after the closing day (Europe/Amsterdam date) as counting for next year', () => {
    const { agenda, ids } = agendaWith([
      ['Op de laatste dag', 10000, 'nieuw', 'idee', '2026-12-01T22:59:59.000Z'],
      ['Net te laat', 10000, 'nieuw', 'idee', '2026-12-01T23:00:00.000Z'],
      ['Vorig jaar aangevraagd', 10000, 'nieuw', 'idee', '2025-12-20T10:00:00.000Z'],
      ['Jaar later', 10000, 'nieuw', 'idee', '2027-01-02T10:00:00.000Z'],
    ]);
    expect(budgetFigures(agenda(), config, 2026).violations).toEqual([
      {
        rule: 'after-closing',
        message:
          "'Net te laat' is aangevraagd na 1 december 2026. Daarom telt de aanvraag voor 2027.",
        pointIds: [ids[1]],
      },
      {
        rule: 'after-closing',
        message:
          "'Jaar later' is aangevraagd na 1 december 2026. Daarom telt de aanvraag voor 2027.",
        pointIds: [ids[3]],
      },
    ]);
  });

  it('reports every broken rule at once, in a fixed order', () => {
    const { agenda } = agendaWith([
      ['Groot', 300000, 'bestaand'],
      ['Ook groot', 300000],
      ['Te laat', 1000, 'nieuw', 'idee', '2026-12-24T12:00:00.000Z'],
    ]);
    expect(budgetFigures(agenda(), config, 2026).violations.map((v) => v.rule)).toEqual([
      'max-per-initiative',
      'max-per-initiative',
      'over-budget',
      'new-share',
      'after-closing',
    ]);
  });
});

describe('dates', () => {
  it('takes the calendar date in Europe/Amsterdam, winter and summer time', () => {
    expect(amsterdamDay('2026-12-01T23:00:00.000Z')).toEqual([2026, '12-02']);
    expect(amsterdamDay('2026-06-30T21:59:00.000Z')).toEqual([2026, '06-30']);
    expect(amsterdamDay('2026-06-30T22:00:00.000Z')).toEqual([2026, '07-01']);
    expect(amsterdamDay('2026-12-31T23:30:00.000Z')).toEqual([2027, '01-01']);
    expect(amsterdamDay('geen datum')).toBeNull();
  });

  it('knows which budget year a request made now counts for', () => {
    expect(budgetYearFor('2026-12-01T12:00:00.000Z', config.budget)).toBe(2026);
    expect(budgetYearFor('2026-12-02T12:00:00.000Z', config.budget)).toBe(2027);
    expect(budgetYearFor('2026-11-01T12:00:00.000Z', proef.budget)).toBe(2027);
    expect(() => budgetYearFor('morgen', config.budget)).toThrow(TypeError);
    expect(isAfterClosing('', 2026, config.budget)).toBe(false);
  });
});

describe('budgetYears and counts', () => {
  it('lists years with requests or budgets, plus the current year, sorted', () => {
    const { doc, agenda } = agendaWith([
      ['A', 1, 'nieuw', 'idee', undefined, 2028],
      ['B', 1, 'nieuw', 'idee', undefined, 2024],
      ['C', 1, 'nieuw', 'idee', undefined, 2028],
    ]);
    setYearBudget(doc, 2030, 1, ctx());
    expect(budgetYears(agenda(), 2026)).toEqual([2024, 2026, 2028, 2030]);
    expect(budgetYears(readKernagenda(new Y.Doc()), 2026)).toEqual([2026]);
  });

  it('counts points per status (all statuses present) and per theme', () => {
    const doc = new Y.Doc();
    const add = (theme: string, status: Status) =>
      addPoint(doc, { title: 't', theme, owner: 'samen', status }, ctx());
    add('economie', 'idee');
    add('economie', 'lukt-niet');
    add('veiligheid', 'idee');
    const agenda = readKernagenda(doc);
    expect(countsByStatus(agenda)).toEqual({
      idee: 2,
      'in-voorbereiding': 0,
      'in-uitvoering': 0,
      gerealiseerd: 0,
      'lukt-niet': 1,
    });
    expect(countsByTheme(agenda)).toEqual({ economie: 2, veiligheid: 1 });
  });
});
