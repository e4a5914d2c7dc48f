/**
 * A kern's contributions to joint projects in its own budget figures.
 *
 * Owns nothing stored. A contribution lives once, in the joint project's document, under
 * its kern's own key (samen.ts); it counts in that kern's figures only, as a request for a
 * new initiative: it adds to what is requested, takes from what remains, and the budget
 * rules judge it with the points (at most the maximum per initiative, within the budget,
 * the closing day: a contribution set after the closing day of its year counts for the next,
 * as any request does). It is shown as its own line (`joint`), never as a point, and never
 * counted twice: `jointShares` takes each project once (by id) even when the same snapshot
 * is passed twice, and `budgetFiguresWithJoint` takes each share once (project, kern, year).
 * For kernen that share a kernagenda (and its budget), pass all kernen of the group.
 * Joint purchases (the order list) are not counted here: a kern that pays its order from
 * its budget says so with a contribution, so nothing is counted twice.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { budgetFigures, requestYear, type BudgetFigures } from './budget';
import type { Kernagenda } from './kernagenda';
import type { Point } from './point';
import type { SamenProject } from './samenProject';

export interface JointShare {
  projectId: string;
  /** The joint project's title. */
  title: string;
  kern: string;
  /** The year the contribution names (it counts for `requestYear`, see above). */
  year: number;
  cents: number;
  at: string;
}

export interface JointBudgetFigures extends BudgetFigures {
  /** Requested by the kernagenda's own points. */
  pointsCents: number;
  /** Given to joint projects (part of `requestedCents`, `newCents`). */
  jointCents: number;
  /** One line per contribution. */
  joint: readonly JointShare[];
}

const counts = (share: Pick<JointShare, 'year' | 'cents' | 'at'>, config: GemeenteConfig) =>
  requestYear(
    { year: share.year, amountCents: share.cents, kind: 'nieuw', requestedAt: share.at },
    config.budget,
  );

/**
 * The contributions of `kernen` (one slug, or the kernen of a shared kernagenda) to joint
 * projects that count for `year`, each project taken once. Only kernen taking part count.
 */
export function jointShares(
  samen: readonly SamenProject[],
  kernen: string | readonly string[],
  year: number,
  config: GemeenteConfig,
): readonly JointShare[] {
  const wanted = new Set(typeof kernen === 'string' ? [kernen] : kernen);
  const projects = new Map<string, SamenProject>();
  for (const project of samen) if (!projects.has(project.id)) projects.set(project.id, project);
  const shares: JointShare[] = [];
  for (const project of projects.values())
    for (const c of project.contributions)
      if (wanted.has(c.kern) && project.participants[c.kern] && counts(c, config) === year)
        shares.push(
          Object.freeze({
            projectId: project.id,
            title: project.title,
            kern: c.kern,
            year: c.year,
            cents: c.cents,
            at: c.at,
          }),
        );
  return Object.freeze(shares);
}

/** The id a share has in `violations[].pointIds`: `samen:<projectId>:<kern>:<year>`. */
export const jointShareId = (share: Pick<JointShare, 'projectId' | 'kern' | 'year'>) =>
  `samen:${share.projectId}:${share.kern}:${share.year}`;

/**
 * `budgetFigures` of the kernagenda with the kern's joint contributions counted once (see
 * above). Shares that do not count for `year` are left out.
 */
export function budgetFiguresWithJoint(
  agenda: Kernagenda,
  config: GemeenteConfig,
  year: number,
  kernCount: number | undefined,
  shares: readonly JointShare[],
): JointBudgetFigures {
  const unique = new Map<string, JointShare>();
  for (const share of shares)
    if (!unique.has(jointShareId(share)) && counts(share, config) === year)
      unique.set(jointShareId(share), share);
  const joint = [...unique.values()];
  // Each share judged as a request of a new initiative, beside the points.
  const asPoints: Point[] = joint.map((share) => ({
    id: jointShareId(share),
    title: `${share.title} (samenproject)`,
    description: '',
    theme: '',
    owner: 'samen',
    status: 'in-uitvoering',
    contact: '',
    budget: { year: share.year, amountCents: share.cents, kind: 'nieuw', requestedAt: share.at },
    createdAt: share.at,
    createdBy: '',
    updatedAt: share.at,
    updatedBy: '',
  }));
  const own = budgetFigures(agenda, config, year, kernCount);
  const all = budgetFigures(
    { ...agenda, points: [...agenda.points, ...asPoints] },
    config,
    year,
    kernCount,
  );
  const jointCents = joint.reduce((sum, share) => sum + share.cents, 0);
  return {
    ...all,
    pointsCents: own.requestedCents,
    jointCents,
    joint: Object.freeze(joint),
  };
}
