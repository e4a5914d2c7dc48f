/**
 * The kernagenda of one year: which points are on it, and which came over from before.
 *
 * Owns nothing stored; derived from a `Kernagenda` snapshot, the budget rules and, when
 * known, when each point's status last changed (`statusChangedAt`, from the history).
 * Every date is read as a budget year (`budgetYearFor`): its Europe/Amsterdam calendar date,
 * and after the closing day the next year, the same year the agenda screen opens on.
 * A point is on the agenda from the year it was added (or the year its request counts for,
 * when that is earlier) and stays on it while it is unfinished: an idea, in preparation or
 * in progress carries over to every later year. A finished point (gerealiseerd, lukt niet)
 * stays until the year it was finished, and in any case in the year its request counts for.
 * Money does not carry over: a request counts in one year only (budget.ts `requestYear`), so
 * the figures of a year's view equal `budgetFigures` of the whole agenda for that year.
 * The years the screen offers (`agendaYears`) run without gaps from the first year with a
 * point, a request or a budget to the next year, so a carried-over year is never missing.
 */
import * as Y from 'yjs';
import type { BudgetRules } from '../config/gemeente';
import { readEntries } from './activity';
import { amsterdamDay, budgetYearFor, budgetYears, requestYear } from './budget';
import type { Kernagenda } from './kernagenda';
import type { Point, Status } from './point';
import { maxYear, minYear } from './validation';

export interface YearAgenda extends Kernagenda {
  year: number;
  /** Ids of the points on this year's view that were already on an earlier year's. */
  carriedOver: readonly string[];
  /**
   * For each carried-over point, the first year it was on the agenda (-Infinity for a point
   * without a readable creation time: "an earlier year").
   */
  carriedFrom: Readonly<Record<string, number>>;
}

export const finishedStatuses: readonly Status[] = ['gerealiseerd', 'lukt-niet'];
export const isFinished = (point: Pick<Point, 'status'>) => finishedStatuses.includes(point.status);

/** The budget year of an ISO time, or null when it is not a time. */
export function agendaYear(iso: string, rules: BudgetRules): number | null {
  return amsterdamDay(iso) ? budgetYearFor(iso, rules) : null;
}

/** The first and last year a point is on the agenda (`last` is Infinity while unfinished). */
export function pointYears(
  point: Point,
  rules: BudgetRules,
  statusChangedAt?: string,
): { first: number; last: number } {
  const added = agendaYear(point.createdAt, rules);
  const counts = point.budget ? requestYear(point.budget, rules) : null;
  const known = [added, counts].filter((y): y is number => y !== null);
  const first = known.length ? Math.min(...known) : -Infinity;
  if (!isFinished(point)) return { first, last: Infinity };
  const finished = statusChangedAt ? agendaYear(statusChangedAt, rules) : null;
  const ends = [finished, counts, added].filter((y): y is number => y !== null);
  return { first, last: ends.length ? Math.max(...ends) : Infinity };
}

/**
 * The agenda as it stands in `year`: the points on it (in the agenda's order) and which of
 * them carried over. `statusChangedAt` (see below) lets a finished point stay on the years
 * between its start and its finish; without it, a finished point shows only in the year it
 * was added and the year its request counts for.
 */
export function agendaForYear(
  agenda: Kernagenda,
  year: number,
  rules: BudgetRules,
  statusChangedAt: ReadonlyMap<string, string> = new Map(),
): YearAgenda {
  const points: Point[] = [];
  const carriedOver: string[] = [];
  const carriedFrom: Record<string, number> = {};
  for (const p of agenda.points) {
    const { first, last } = pointYears(p, rules, statusChangedAt.get(p.id));
    if (year < first || year > last) continue;
    points.push(p);
    if (first < year) {
      carriedOver.push(p.id);
      carriedFrom[p.id] = first;
    }
  }
  return Object.freeze({
    ...agenda,
    year,
    points: Object.freeze(points),
    carriedOver: Object.freeze(carriedOver),
    carriedFrom: Object.freeze(carriedFrom),
  });
}

/**
 * The years to choose from, ascending and without gaps: from the first year with a point
 * (the year it came on the agenda), a request (named or counted) or a set budget, up to the
 * latest of those and `currentYear + 1` (the committee plans the next year). Years outside
 * the ones a budget may name (validation.ts) are left out.
 */
export function agendaYears(agenda: Kernagenda, currentYear: number, rules: BudgetRules): number[] {
  const years = budgetYears(agenda, currentYear, rules);
  years.push(currentYear + 1);
  for (const p of agenda.points) {
    const added = agendaYear(p.createdAt, rules);
    if (added !== null) years.push(added);
  }
  const from = Math.max(minYear, Math.min(...years));
  const to = Math.min(maxYear, Math.max(...years));
  const all: number[] = [];
  for (let y = from; y <= to; y++) all.push(y);
  return all;
}

/**
 * The year a point's request counts for when that is not the year it names (it was made
 * after that year's closing day, budget.ts `requestYear`); null when it counts where it says
 * or there is no request.
 */
export function movedRequestYear(point: Pick<Point, 'budget'>, rules: BudgetRules): number | null {
  if (!point.budget) return null;
  const counts = requestYear(point.budget, rules);
  return counts === point.budget.year ? null : counts;
}

/**
 * When each point's status last changed, or when it was added if its status never changed: from the history, by the time of the entries. Points from before the
 * history was kept are missing.
 */
export function statusChangedAt(doc: Y.Doc): ReadonlyMap<string, string> {
  const times = new Map<string, string>();
  for (const e of readEntries(doc)) {
    if (!e.point || !e.at) continue;
    const sets =
      e.action === 'toegevoegd' || e.fields.some((f) => f.field === 'status' && 'to' in f);
    const known = times.get(e.point);
    if (sets && (!known || e.at > known)) times.set(e.point, e.at);
  }
  return times;
}
