/**
 * Derived budget figures of a kernagenda: totals, what is left, and the budget rules.
 *
 * Owns nothing stored: everything is computed from a `Kernagenda` snapshot and the
 * gemeente's rules, so two merged offline edits can never make the figures disagree with
 * the points (a merge may well be over budget; `violations` then says so plainly).
 *
 * Years: a request names a year, and counts for that year unless it was made after that
 * year's closing day (`lastRequestDay`); then it counts for the first year still open when
 * it was made (`requestYear`): the figures of its own year leave it out and say so
 * ('after-closing'), the figures of the later year count it. Dates are compared on the
 * Europe/Amsterdam calendar date, the day the committee sees on the wall, never on the UTC
 * date of the stored time: a request made at 00:30 on 2 December in Beesd is too late,
 * although its time is 23:30 on 1 December in UTC.
 */
import type { BudgetRules, GemeenteConfig } from '../config/gemeente';
import type { Kernagenda } from './kernagenda';
import { statuses, type BudgetRequest, type Point, type Status } from './point';
import { formatEuro } from './money';

export type RuleId = 'max-per-initiative' | 'over-budget' | 'new-share' | 'after-closing';

export interface RuleViolation {
  rule: RuleId;
  /** Plain Dutch (B1), naming the point(s) and amounts. */
  message: string;
  pointIds: string[];
}

export interface BudgetFigures {
  year: number;
  budgetCents: number;
  requestedCents: number;
  /** May be negative. */
  remainingCents: number;
  newCents: number;
  existingCents: number;
  violations: RuleViolation[];
}

const months = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Days already worked out, per ISO time (Intl's formatToParts is slow, and one agenda asks
 * for the same few hundred times on every render); bounded, cleared when full.
 */
const days = new Map<string, readonly [number, string] | null>();
const maxDays = 5_000;

/** The Europe/Amsterdam calendar date of an ISO time, as [year, 'MM-DD'], or null if invalid. */
export function amsterdamDay(iso: string): readonly [number, string] | null {
  const known = days.get(iso);
  if (known !== undefined) return known;
  const time = Date.parse(iso);
  let day: readonly [number, string] | null = null;
  if (!Number.isNaN(time)) {
    const parts = Object.fromEntries(
      amsterdamDate.formatToParts(new Date(time)).map((p) => [p.type, p.value]),
    );
    day = Object.freeze([Number(parts.year), `${parts.month}-${parts.day}`] as const);
  }
  if (days.size >= maxDays) days.clear();
  days.set(iso, day);
  return day;
}

/** 'MM-DD' -> '1 december'. */
export function dayLabel(monthDay: string): string {
  const [month = 1, day = 1] = monthDay.split('-').map(Number);
  return `${day} ${months[month - 1] ?? ''}`;
}

/** True when a request made at `requestedAt` comes after the closing day of `year`. */
export function isAfterClosing(requestedAt: string, year: number, rules: BudgetRules): boolean {
  const day = amsterdamDay(requestedAt);
  if (!day) return false;
  const [y, monthDay] = day;
  return y > year || (y === year && monthDay > rules.lastRequestDay);
}

/** The first budget year a request made at `when` still counts for. */
export function budgetYearFor(when: string, rules: BudgetRules): number {
  const day = amsterdamDay(when);
  if (!day) throw new TypeError(`budgetYearFor: not a time: ${when}`);
  return day[1] > rules.lastRequestDay ? day[0] + 1 : day[0];
}

/**
 * The budget year a request counts for: the year it names, or, when it was made after that
 * year's closing day, the first year still open at that time. A request without a readable
 * time (an older document) counts for the year it names.
 */
export function requestYear(budget: BudgetRequest, rules: BudgetRules): number {
  if (!amsterdamDay(budget.requestedAt)) return budget.year;
  return Math.max(budget.year, budgetYearFor(budget.requestedAt, rules));
}

const named = (points: Point[]) => points.map((p) => `'${p.title}'`).join(', ');

export function budgetFigures(
  agenda: Kernagenda,
  config: GemeenteConfig,
  year: number,
  kernCount?: number,
): BudgetFigures {
  const rules = config.budget;
  const budgetCents =
    agenda.yearBudgets[year] ?? rules.perKernPerYearCents * Math.max(1, kernCount ?? 1);
  const requests = agenda.points.filter(
    (p) => p.budget && requestYear(p.budget, rules) === year && p.status !== 'lukt-niet',
  );
  const sum = (list: Point[]) => list.reduce((total, p) => total + (p.budget?.amountCents ?? 0), 0);
  const existing = requests.filter((p) => p.budget?.kind === 'bestaand');
  const requestedCents = sum(requests);
  const existingCents = sum(existing);
  const newCents = requestedCents - existingCents;
  const violations: RuleViolation[] = [];

  for (const p of requests)
    if (p.budget!.amountCents > rules.maxPerInitiativeCents)
      violations.push({
        rule: 'max-per-initiative',
        message: `'${p.title}' vraagt ${formatEuro(p.budget!.amountCents)}. Een initiatief mag ten hoogste ${formatEuro(rules.maxPerInitiativeCents)} krijgen.`,
        pointIds: [p.id],
      });

  if (requestedCents > budgetCents)
    violations.push({
      rule: 'over-budget',
      message: `Voor ${year} is ${formatEuro(requestedCents)} aangevraagd. Het budget is ${formatEuro(budgetCents)}. Dat is ${formatEuro(requestedCents - budgetCents)} te veel.`,
      pointIds: requests.map((p) => p.id),
    });

  // Integer arithmetic up to a rounding of the share: 25% of € 5.000 is exactly € 1.250.
  const maxExistingCents = Math.floor(budgetCents * (1 - rules.minNewInitiativeShare) + 1e-6);
  if (existingCents > maxExistingCents) {
    const newPercent = Math.round(rules.minNewInitiativeShare * 100);
    violations.push({
      rule: 'new-share',
      message: `Bestaande activiteiten vragen samen ${formatEuro(existingCents)} (${named(existing)}). Dat mag ten hoogste ${formatEuro(maxExistingCents)} zijn, want minstens ${newPercent}% van het budget is voor nieuwe initiatieven.`,
      pointIds: existing.map((p) => p.id),
    });
  }

  // Requests that name this year but came too late: counted in the year they moved to.
  for (const p of agenda.points) {
    if (p.budget?.year !== year || p.status === 'lukt-niet') continue;
    const counts = requestYear(p.budget, rules);
    if (counts !== year)
      violations.push({
        rule: 'after-closing',
        message: `'${p.title}' is aangevraagd na ${dayLabel(rules.lastRequestDay)} ${counts - 1}. Daarom telt de aanvraag voor ${counts}.`,
        pointIds: [p.id],
      });
  }

  return {
    year,
    budgetCents,
    requestedCents,
    remainingCents: budgetCents - requestedCents,
    newCents,
    existingCents,
    violations,
  };
}

/**
 * Years that have requests (the year named and the year counted) or a set budget, plus
 * `currentYear`, ascending. Without `rules`, only the years named.
 */
export function budgetYears(
  agenda: Kernagenda,
  currentYear: number,
  rules?: BudgetRules,
): number[] {
  const years = new Set<number>([currentYear]);
  for (const p of agenda.points)
    if (p.budget) {
      years.add(p.budget.year);
      if (rules) years.add(requestYear(p.budget, rules));
    }
  for (const key of Object.keys(agenda.yearBudgets)) years.add(Number(key));
  return [...years].sort((a, b) => a - b);
}

export function countsByStatus(agenda: Kernagenda): Record<Status, number> {
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;
  for (const p of agenda.points) counts[p.status] += 1;
  return counts;
}

/** Points per theme id (only themes that have points). */
export function countsByTheme(agenda: Kernagenda): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of agenda.points) counts[p.theme] = (counts[p.theme] ?? 0) + 1;
  return counts;
}
