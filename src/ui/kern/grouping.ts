/** Points grouped for display: by theme (configuration order) or by status (model order). */
import type { GemeenteConfig } from '../../config/gemeente';
import { statusLabels, statuses, type Point } from '../../model/kernagenda';

export type GroupBy = 'thema' | 'status';

export interface PointGroup {
  key: string;
  label: string;
  points: readonly Point[];
}

export function groupPoints(
  points: readonly Point[],
  by: GroupBy,
  config: GemeenteConfig,
): PointGroup[] {
  const order: { key: string; label: string }[] =
    by === 'status'
      ? statuses.map((s) => ({ key: s, label: statusLabels[s] }))
      : config.themes.map((t) => ({ key: t.id, label: t.name }));
  const keyOf = (p: Point) => (by === 'status' ? p.status : p.theme);
  const groups = order
    .map(({ key, label }) => ({ key, label, points: points.filter((p) => keyOf(p) === key) }))
    .filter((g) => g.points.length > 0);
  const known = new Set(order.map((o) => o.key));
  const rest = points.filter((p) => !known.has(keyOf(p)));
  if (rest.length > 0) groups.push({ key: 'overig', label: 'Overig', points: rest });
  return groups;
}

/**
 * The groups as far as their first `count` points go (the last one cut short, the ones after
 * it left out), each with its whole count in `total`: for drawing the first cards first.
 */
export function firstPoints(
  groups: readonly PointGroup[],
  count: number,
): (PointGroup & { total: number })[] {
  const out: (PointGroup & { total: number })[] = [];
  let left = count;
  for (const group of groups) {
    if (left <= 0) break;
    out.push({ ...group, points: group.points.slice(0, left), total: group.points.length });
    left -= group.points.length;
  }
  return out;
}
