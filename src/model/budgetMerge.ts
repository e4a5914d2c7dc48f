/**
 * Budget rules that only a merge broke: each side kept within a rule, the merged agenda does
 * not ("Apart pasten de wijzigingen binnen de regels, samen niet.").
 *
 * Owns nothing stored. Compares `budgetFigures` of the merged agenda with those of the
 * sides: snapshots (`readKernagenda`) of the devices' agendas just before they met. A device
 * knows its own side: the sync layer keeps the snapshot from before a remote update and
 * passes it; when both sides are known (tests, a relay), pass both. A broken rule counts as
 * new when no side broke the same rule for the same year (and, for a rule about one point,
 * the same point). The merged agenda's own violations stay in `budgetFigures`; these are the
 * extra words the UI shows after a merge. After the merge people edit on:
 * `remainingMergeWarnings` keeps the rules the merge broke that the agenda still breaks now,
 * with today's figures, and never blames the merge for a rule broken by a later edit.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { budgetFigures, requestYear, type RuleId } from './budget';
import type { Kernagenda } from './kernagenda';

export interface MergeWarning {
  year: number;
  rule: RuleId;
  pointIds: readonly string[];
  /** Plain Dutch: that the merge did it, then what the rule says. */
  message: string;
}

const perPoint: readonly RuleId[] = ['max-per-initiative', 'after-closing'];
const key = (year: number, v: { rule: RuleId; pointIds: readonly string[] }) =>
  perPoint.includes(v.rule) ? `${year}:${v.rule}:${v.pointIds[0]}` : `${year}:${v.rule}`;

/** Which rule a warning is about: the same while the same rule stays broken (year, rule, point). */
export const mergeWarningKey = (w: MergeWarning) => key(w.year, w);

/** Years with a request (named or counted) or a budget the committee set. */
function yearsOf(agenda: Kernagenda, config: GemeenteConfig): Set<number> {
  const years = new Set<number>(Object.keys(agenda.yearBudgets).map(Number));
  for (const p of agenda.points)
    if (p.budget) {
      years.add(p.budget.year);
      years.add(requestYear(p.budget, config.budget));
    }
  return years;
}

/**
 * The rules the merged agenda breaks that none of `sides` broke, per year (ascending), in
 * `budgetFigures`' order. `kernCount`: kernen sharing the agenda (as for budgetFigures).
 */
export function budgetMergeWarnings(
  sides: readonly Kernagenda[],
  merged: Kernagenda,
  config: GemeenteConfig,
  kernCount?: number,
): readonly MergeWarning[] {
  const warnings: MergeWarning[] = [];
  // With both sides known it is sure that each kept within the rule; with one, only ours.
  const lead =
    sides.length > 1
      ? 'Apart pasten de wijzigingen binnen de regels, samen niet.'
      : 'Met de wijzigingen die net binnenkwamen, klopt dit niet meer.';
  const years = [...yearsOf(merged, config)].sort((a, b) => a - b);
  for (const year of years) {
    const before = new Set(
      sides.flatMap((side) =>
        budgetFigures(side, config, year, kernCount).violations.map((v) => key(year, v)),
      ),
    );
    for (const v of budgetFigures(merged, config, year, kernCount).violations) {
      if (before.has(key(year, v))) continue;
      warnings.push(
        Object.freeze({
          year,
          rule: v.rule,
          pointIds: Object.freeze([...v.pointIds]),
          message: `${lead} ${v.message}`,
        }),
      );
    }
  }
  return Object.freeze(warnings);
}

/**
 * The warnings of a merge (`sides` met and became `merged`) that still hold in `now`, the
 * agenda after later edits: for each rule the merge broke and `now` still breaks, the
 * warning with the figures of `now`. A rule that only a later edit broke is left out.
 */
export function remainingMergeWarnings(
  sides: readonly Kernagenda[],
  merged: Kernagenda,
  now: Kernagenda,
  config: GemeenteConfig,
  kernCount?: number,
): readonly MergeWarning[] {
  const atMerge = budgetMergeWarnings(sides, merged, config, kernCount);
  if (merged === now || atMerge.length === 0) return atMerge;
  const caused = new Set(atMerge.map(mergeWarningKey));
  return Object.freeze(
    budgetMergeWarnings(sides, now, config, kernCount).filter((w) =>
      caused.has(mergeWarningKey(w)),
    ),
  );
}
