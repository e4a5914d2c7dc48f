/**
 * The gemeente's overview (src/model/overview.ts): points per status, budget requested and
 * remaining per kernagenda with joint contributions counted once, projects shared and taken
 * over both ways, joint projects, totals; and the CSV read back.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommitteeContext } from '../../src/model/committee';
import { addProject, readProjects, type ProjectInput } from '../../src/model/inspiration';
import {
  addPoint,
  readKernagenda,
  type Kernagenda,
  type PointInput,
} from '../../src/model/kernagenda';
import {
  overview,
  overviewColumns,
  overviewCsv,
  overviewCsvFileName,
} from '../../src/model/overview';
import { createSamen, joinSamen, readSamen, setContribution } from '../../src/model/samen';
import { takeOver } from '../../src/model/takeOver';
import { westBetuwe as config } from './support/config';

const as = (kern: string, now = '2026-03-01T19:00:00.000Z') =>
  ({ actor: 'Els', now, config, kern }) as CommitteeContext;

const point = (over: Partial<PointInput>): PointInput => ({
  title: 'Punt',
  theme: 'economie',
  owner: 'inwoners',
  status: 'idee',
  ...over,
});

const project = (kern: string, title: string): ProjectInput => ({
  kern,
  title,
  theme: 'voorzieningen',
  status: 'gerealiseerd',
  realisedIn: 2025,
});

/** Beesd, Heukelum and Varik (with Heesselt) with points; a plein; a joint project. */
function world() {
  const beesd = new Y.Doc();
  addPoint(
    beesd,
    point({ status: 'gerealiseerd', budget: { year: 2026, amountCents: 100000, kind: 'nieuw' } }),
    as('beesd'),
  );
  addPoint(beesd, point({ status: 'idee' }), as('beesd'));
  addPoint(
    beesd,
    point({ status: 'lukt-niet', budget: { year: 2026, amountCents: 70000, kind: 'nieuw' } }),
    as('beesd'),
  );
  const heukelum = new Y.Doc();
  addPoint(
    heukelum,
    point({
      status: 'in-uitvoering',
      budget: { year: 2026, amountCents: 45000, kind: 'bestaand' },
    }),
    as('heukelum'),
  );
  const varik = new Y.Doc();
  addPoint(
    varik,
    point({
      status: 'in-voorbereiding',
      budget: { year: 2026, amountCents: 600000, kind: 'nieuw' },
    }),
    as('varik'),
  );

  const plein = new Y.Doc();
  const playground = addProject(plein, project('beesd', 'Speeltuin'), as('beesd'));
  addProject(plein, project('beesd', 'Bankjes'), as('beesd'));
  const boules = addProject(plein, project('heesselt', 'Jeu-de-boules'), as('heesselt'));
  takeOver(heukelum, plein, playground, as('heukelum'));
  takeOver(new Y.Doc(), plein, playground, as('asperen'));
  takeOver(beesd, plein, boules, as('beesd'));

  const samen = new Y.Doc();
  createSamen(samen, { title: 'AED' }, as('beesd'));
  joinSamen(samen, as('heukelum'));
  setContribution(samen, 2026, 120000, as('beesd'));
  setContribution(samen, 2026, 80000, as('heukelum'));

  const agendas = new Map<string, Kernagenda>([
    ['beesd', readKernagenda(beesd)],
    ['heukelum', readKernagenda(heukelum)],
    // Keyed by the other kern of the shared agenda: still found.
    ['heesselt', readKernagenda(varik)],
  ]);
  const snapshot = readSamen(samen, 'aed')!;
  return { agendas, projects: readProjects(plein), samen: [snapshot, snapshot] };
}

describe('the gemeente overview', () => {
  it('gives each kernagenda its figures, once, with joint shares counted once', () => {
    const { agendas, projects, samen } = world();
    const view = overview(config, agendas, projects, samen, 2026);
    expect(view.rows).toHaveLength(config.kernen.length - 1);
    const row = (kern: string) => view.rows.find((r) => r.kern === kern)!;
    expect(row('beesd')).toEqual({
      kern: 'beesd',
      kernen: ['beesd'],
      name: 'Beesd',
      hasAgenda: true,
      // Two of its own and the jeu-de-boules it took over from Heesselt.
      points: 4,
      byStatus: {
        idee: 2,
        'in-voorbereiding': 0,
        'in-uitvoering': 0,
        gerealiseerd: 1,
        'lukt-niet': 1,
      },
      budgetCents: 500000,
      requestedCents: 220000,
      jointCents: 120000,
      remainingCents: 280000,
      shared: 2,
      takenOverBy: 2,
      takenOverFrom: 1,
      samen: 1,
    });
    expect(row('heukelum')).toMatchObject({
      points: 2,
      requestedCents: 125000,
      jointCents: 80000,
      remainingCents: 375000,
      shared: 0,
      takenOverBy: 0,
      takenOverFrom: 1,
      samen: 1,
    });
    expect(row('varik')).toMatchObject({
      kernen: ['varik', 'heesselt'],
      name: 'Varik en Heesselt',
      budgetCents: 1000000,
      requestedCents: 600000,
      remainingCents: 400000,
      shared: 1,
      takenOverBy: 1,
      samen: 0,
    });
    expect(row('asperen')).toMatchObject({
      hasAgenda: false,
      points: 0,
      budgetCents: 500000,
      remainingCents: 500000,
      takenOverFrom: 1,
    });
    expect(view.rows.map((r) => r.name).slice(0, 3)).toEqual(['Acquoy', 'Asperen', 'Beesd']);
    const budgets = 500000 * (config.kernen.length - 2) + 1000000;
    expect(view.totals).toEqual({
      points: 7,
      byStatus: {
        idee: 3,
        'in-voorbereiding': 1,
        'in-uitvoering': 1,
        gerealiseerd: 1,
        'lukt-niet': 1,
      },
      budgetCents: budgets,
      requestedCents: 220000 + 125000 + 600000,
      jointCents: 200000,
      remainingCents: budgets - 945000,
      shared: 3,
      takenOverBy: 3,
      takenOverFrom: 3,
      samen: 1,
    });
  });
});

/** RFC 4180 records, `;`-separated, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      record.push(cell);
      cell = '';
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error('CR without LF');
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else if (c === '\n') throw new Error('LF without CR');
    else cell += c;
  }
  if (cell || record.length) throw new Error('last record without CRLF');
  return records;
}

describe('the overview as CSV', () => {
  it('reads back with the figures of the overview, in Excel-NL numbers', () => {
    const { agendas, projects, samen } = world();
    const view = overview(config, agendas, projects, samen, 2026);
    const csv = overviewCsv(view);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(overviewColumns(2026));
    expect(header).toContain('Aangevraagd 2026 (€)');
    expect(rows).toHaveLength(view.rows.length + 1);
    const byName = new Map(
      rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]),
    );
    expect(byName.get('Beesd')).toEqual({
      Kern: 'Beesd',
      Punten: '4',
      Idee: '2',
      'In voorbereiding': '0',
      'In uitvoering': '0',
      Gerealiseerd: '1',
      'Lukt niet': '1',
      'Budget 2026 (€)': '5000,00',
      'Aangevraagd 2026 (€)': '2200,00',
      'Waarvan samenprojecten 2026 (€)': '1200,00',
      'Over 2026 (€)': '2800,00',
      'Gedeeld op het inspiratieplein': '2',
      'Overgenomen door andere kernen': '2',
      'Overgenomen van andere kernen': '1',
      Samenprojecten: '1',
    });
    expect(byName.get('Varik en Heesselt')).toMatchObject({ 'Budget 2026 (€)': '10000,00' });
    const total = rows.at(-1)!;
    expect(total[0]).toBe('Totaal');
    expect(total[header!.indexOf('Aangevraagd 2026 (€)')]).toBe('9450,00');
    expect(total[header!.indexOf('Samenprojecten')]).toBe('1');
    expect(overviewCsvFileName('2026-12-04T23:30:00.000Z')).toBe('overzicht-kernen-2026-12-05.csv');
  });

  it('shows a kern over its budget with a negative amount left', () => {
    const agenda = new Y.Doc();
    addPoint(
      agenda,
      point({ budget: { year: 2026, amountCents: 200000, kind: 'nieuw' } }),
      as('tuil'),
    );
    addPoint(
      agenda,
      point({ budget: { year: 2026, amountCents: 200000, kind: 'nieuw' } }),
      as('tuil'),
    );
    addPoint(
      agenda,
      point({ budget: { year: 2026, amountCents: 150050, kind: 'nieuw' } }),
      as('tuil'),
    );
    const view = overview(config, new Map([['tuil', readKernagenda(agenda)]]), [], [], 2026);
    const csv = parseCsv(overviewCsv(view).slice(1));
    const tuil = csv.find((r) => r[0] === 'Tuil')!;
    expect(tuil[csv[0]!.indexOf('Over 2026 (€)')]).toBe('-500,50');
  });
});
