/**
 * The gemeente's overview of all kernen ("actueel inzicht en overzicht"): per kernagenda the
 * points per status, the budget requested and remaining this year (joint contributions
 * included, jointBudget.ts), the projects shared on the inspiratieplein, the take-overs both
 * ways and the joint projects; plus totals, and the same as CSV (csv.ts's Excel-NL shape).
 *
 * Owns nothing stored: a pure function of snapshots. One row per kernagenda: kernen that
 * share one (Varik and Heesselt) are one row, as they share one budget, so no total counts
 * anything twice. A kern whose kernagenda was never opened has an empty row. A take-over
 * between two kernen of one shared kernagenda cannot happen (inspiration.ts refuses it).
 */
import type { GemeenteConfig } from '../config/gemeente';
import { csvAmount, csvDocument, csvText } from './csv';
import { amsterdamDay, countsByStatus } from './budget';
import { budgetFiguresWithJoint, jointShares } from './jointBudget';
import type { Kernagenda } from './kernagenda';
import { statusLabels, statuses, type Status } from './point';
import type { Project } from './project';
import type { SamenProject } from './samenProject';

export interface OverviewFigures {
  points: number;
  byStatus: Readonly<Record<Status, number>>;
  budgetCents: number;
  requestedCents: number;
  /** Part of `requestedCents` given to joint projects. */
  jointCents: number;
  /** May be negative. */
  remainingCents: number;
  /** Projects of these kernen on the plein. */
  shared: number;
  /** Times another kern took over one of their projects. */
  takenOverBy: number;
  /** Projects of other kernen they took over. */
  takenOverFrom: number;
  /** Joint projects they take part in. */
  samen: number;
}

export interface OverviewRow extends OverviewFigures {
  /** The kernagenda's slug (the first kern of a shared one). */
  kern: string;
  kernen: readonly string[];
  /** 'Beesd', or 'Varik en Heesselt'. */
  name: string;
  /** False when no kernagenda document was passed for it. */
  hasAgenda: boolean;
}

export interface Overview {
  year: number;
  /** By name (Dutch order). */
  rows: readonly OverviewRow[];
  totals: OverviewFigures;
}

const emptyAgenda: Kernagenda = Object.freeze({
  points: Object.freeze([]),
  yearBudgets: Object.freeze({}),
  example: false,
});

const names = (list: string[]) =>
  list.length < 2 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} en ${list.at(-1)}`;

/**
 * The overview for `year`. `agendas` is keyed by kern slug (any kern of a shared kernagenda
 * will do); `projects` are the plein's live projects; `samen` the joint projects' snapshots
 * (each counted once, even when passed twice).
 */
export function overview(
  config: GemeenteConfig,
  agendas: ReadonlyMap<string, Kernagenda>,
  projects: readonly Project[],
  samen: readonly SamenProject[],
  year: number,
): Overview {
  // Each kernagenda once, its kernen in the order of its group (the document's kern first).
  const groups = new Map<string, string[]>();
  for (const k of config.kernen)
    groups.set(
      config.agendaSlug(k.slug),
      config.agendaGroup(k.slug).map((g) => g.slug),
    );
  const uniqueSamen = [...new Map(samen.map((s) => [s.id, s] as const)).values()];
  const rows: OverviewRow[] = [];
  for (const [slug, kernen] of groups) {
    const found = kernen.map((k) => agendas.get(k)).find((a) => a !== undefined);
    const agenda = found ?? emptyAgenda;
    const shares = jointShares(uniqueSamen, kernen, year, config);
    const figures = budgetFiguresWithJoint(agenda, config, year, kernen.length, shares);
    const inGroup = (kern: string) => kernen.includes(kern);
    let takenOverBy = 0;
    let takenOverFrom = 0;
    for (const p of projects)
      for (const taker of Object.keys(p.takenUpBy)) {
        if (inGroup(p.kern) && !inGroup(taker)) takenOverBy++;
        if (inGroup(taker) && !inGroup(p.kern)) takenOverFrom++;
      }
    rows.push({
      kern: slug,
      kernen,
      name: names(kernen.map((k) => config.kern(k)?.name ?? k)),
      hasAgenda: found !== undefined,
      points: agenda.points.length,
      byStatus: Object.freeze(countsByStatus(agenda)),
      budgetCents: figures.budgetCents,
      requestedCents: figures.requestedCents,
      jointCents: figures.jointCents,
      remainingCents: figures.remainingCents,
      shared: projects.filter((p) => inGroup(p.kern)).length,
      takenOverBy,
      takenOverFrom,
      samen: uniqueSamen.filter((s) => kernen.some((k) => s.participants[k])).length,
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const sum = (pick: (r: OverviewFigures) => number) => rows.reduce((t, r) => t + pick(r), 0);
  const byStatus = Object.fromEntries(
    statuses.map((s) => [s, sum((r) => r.byStatus[s])]),
  ) as Record<Status, number>;
  const totals: OverviewFigures = {
    points: sum((r) => r.points),
    byStatus: Object.freeze(byStatus),
    budgetCents: sum((r) => r.budgetCents),
    requestedCents: sum((r) => r.requestedCents),
    jointCents: sum((r) => r.jointCents),
    remainingCents: sum((r) => r.remainingCents),
    shared: projects.filter((p) => config.kern(p.kern)).length,
    takenOverBy: sum((r) => r.takenOverBy),
    takenOverFrom: sum((r) => r.takenOverFrom),
    // A joint project of several kernen is one project in the total.
    samen: uniqueSamen.length,
  };
  return Object.freeze({
    year,
    rows: Object.freeze(rows.map((r) => Object.freeze(r))),
    totals: Object.freeze(totals),
  });
}

/** The CSV's columns for `year` (amounts are for that year). */
export function overviewColumns(year: number): string[] {
  return [
    'Kern',
    'Punten',
    ...statuses.map((s) => statusLabels[s]),
    `Budget ${year} (€)`,
    `Aangevraagd ${year} (€)`,
    `Waarvan samenprojecten ${year} (€)`,
    `Over ${year} (€)`,
    'Gedeeld op het inspiratieplein',
    'Overgenomen door andere kernen',
    'Overgenomen van andere kernen',
    'Samenprojecten',
  ];
}

function cells(name: string, f: OverviewFigures): string[] {
  return [
    csvText(name),
    String(f.points),
    ...statuses.map((s) => String(f.byStatus[s])),
    csvAmount(f.budgetCents),
    csvAmount(f.requestedCents),
    csvAmount(f.jointCents),
    csvAmount(f.remainingCents),
    String(f.shared),
    String(f.takenOverBy),
    String(f.takenOverFrom),
    String(f.samen),
  ];
}

/** The overview as CSV for Excel-NL: a header, a row per kernagenda, and a 'Totaal' row. */
export function overviewCsv(view: Overview): string {
  return csvDocument([
    overviewColumns(view.year),
    ...view.rows.map((r) => cells(r.name, r)),
    cells('Totaal', view.totals),
  ]);
}

/** 'overzicht-kernen-2026-12-04.csv': the Amsterdam date of `now`. */
export function overviewCsvFileName(now: string): string {
  const day = amsterdamDay(now);
  return `overzicht-kernen${day ? `-${day[0]}-${day[1]}` : ''}.csv`;
}
