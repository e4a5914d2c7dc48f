/**
 * "Dit willen wij ook": a committee takes a project of another kern from the inspiratieplein
 * over into its own kernagenda, as a new point prefilled from the example.
 *
 * Two documents, two transactions: the point is added to the taking kern's kernagenda
 * (`kern/<slug>/agenda`) with the link `fromProject` (project id) and `fromKern` (the source
 * kern) on the point's own Y.Map, as `fromIdea` links a point to its idea (ideaDecisions.ts);
 * then the plein records the take-over under '<projectId>:<kern>' (inspiration.ts). The
 * plein record is written only once the point exists, so the source kern never sees a
 * take-over without a point. When the second write does not happen (the app closes between
 * the two), a retry finds the point by its link and only writes the record: a take-over is
 * idempotent per kern, and never makes a second point.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { pointsOf } from './agendaDoc';
import { checkCommittee, type CommitteeContext } from './committee';
import { formatEuro } from './money';
import {
  checkTakeOver,
  findProject,
  fundedCents,
  needKindLabels,
  recordTakeOver,
  unknownProject,
  type Project,
} from './inspiration';
import { addPoint } from './kernagenda';
import { isDeleted, limits, validatePointInput, type PointInput } from './point';
import { assertValid } from './validation';

export interface ProjectLink {
  /** The kern whose project it was. */
  kern: string;
  projectId: string;
}

/** A point to add, prefilled from a project, with its link and the example's cost. */
export type TakeOverPoint = PointInput & {
  source: ProjectLink;
  /** What the example cost (or, without a cost, the money it was paid with); null if unknown. */
  costEstimateCents: number | null;
};

const kernName = (config: GemeenteConfig, slug: string) => config.kern(slug)?.name ?? slug;

/** `text` in at most `max` characters, ending in '…' when shortened ('' when no room). */
const cut = (text: string, max: number) =>
  text.length <= max ? text : max < 2 ? '' : `${text.slice(0, max - 1).trimEnd()}…`;

/** The cost line: what it cost and what paid for it. */
function costLine(project: Project, where: string, config: GemeenteConfig): string {
  const f = project.funding;
  const paid = [
    f.budgetCents ? `${formatEuro(f.budgetCents)} uit het ${config.budget.name}` : '',
    f.ownMoneyCents ? `${formatEuro(f.ownMoneyCents)} eigen geld` : '',
    f.volunteerHours ? `${f.volunteerHours} uur vrijwilligerswerk` : '',
    ...f.otherFunds.map((o) => `${formatEuro(o.cents)} van ${o.name}`),
  ].filter(Boolean);
  const cost =
    project.costCents === null ? '' : `Kosten in ${where}: ${formatEuro(project.costCents)}.`;
  const with_ = paid.length ? `Betaald met: ${paid.join(', ')}.` : '';
  return [cost, with_].filter(Boolean).join(' ');
}

/**
 * The description of a taken-over point: where it comes from, the example's description,
 * its cost and funding, a checklist of what was needed ("- " items, as the description
 * editor shows lists), its lessons and contact. Within the point's description limit: the
 * free texts (description, lessons) are shortened first.
 */
function templateDescription(project: Project, config: GemeenteConfig): string {
  const where = kernName(config, project.kern);
  const when =
    project.status === 'gerealiseerd' && project.realisedIn
      ? ` (gerealiseerd in ${project.realisedIn})`
      : project.status === 'gepland'
        ? ' (gepland)'
        : '';
  const head = `Overgenomen van ${where}: ${project.title}${when}.`;
  const checklist = project.needs.length
    ? [
        'Wat er nodig was:',
        ...project.needs.map((n) => `- ${needKindLabels[n.kind]}: ${n.text}`),
      ].join('\n')
    : '';
  const contact = project.contact.name || project.contact.reach;
  const contactLine = contact
    ? `Contact in ${where}: ${[project.contact.name, project.contact.reach].filter(Boolean).join(', ')}`
    : '';
  const cost = costLine(project, where, config);
  const fixed = [head, cost, checklist, contactLine].filter(Boolean).join('\n\n').length;
  const lessonsHead = `Lessen uit ${where}: `;
  // What is left for the two free texts (and the two breaks before them).
  const room = limits.description - fixed - lessonsHead.length - 2 * '\n\n'.length;
  const description = cut(
    project.description,
    Math.max(Math.floor(room / 2), room - project.lessons.length),
  );
  const lessons = project.lessons
    ? lessonsHead + cut(project.lessons, room - description.length)
    : '';
  const text = [head, description, cost, checklist, lessons, contactLine]
    .filter(Boolean)
    .join('\n\n');
  return cut(text, limits.description);
}

/**
 * A new point prefilled from a project (pure): its title and theme, a description with the
 * example and a checklist of what was needed, picked up by the residents, status 'idee', and
 * the link to the project. The cost becomes a budget request only when `options.year` is
 * given (a form that prefills the request): the amount the example took from its kern's
 * budget (or else its cost), at most the maximum per initiative. Taking over in one step
 * (`takeOver`) asks no money: that stays the committee's own decision.
 */
export function pointFromProject(
  project: Project,
  config: GemeenteConfig,
  options: { year?: number } = {},
): TakeOverPoint {
  const funded = fundedCents(project.funding);
  const amount = Math.min(
    project.funding.budgetCents || project.costCents || 0,
    config.budget.maxPerInitiativeCents,
  );
  return {
    title: cut(project.title, limits.title),
    description: templateDescription(project, config),
    theme: project.theme,
    owner: 'inwoners',
    status: 'idee',
    budget:
      options.year !== undefined && amount > 0
        ? { year: options.year, amountCents: amount, kind: 'nieuw' }
        : null,
    source: { kern: project.kern, projectId: project.id },
    costEstimateCents: project.costCents ?? (funded > 0 ? funded : null),
  };
}

/** The project a point was taken over from (`fromProject`, `fromKern`), or null. */
export function projectOfPoint(agenda: Y.Doc, pointId: string): ProjectLink | null {
  const point = pointsOf(agenda).get(pointId);
  if (!(point instanceof Y.Map)) return null;
  const projectId = point.get('fromProject');
  const kern = point.get('fromKern');
  return typeof projectId === 'string' && typeof kern === 'string' ? { kern, projectId } : null;
}

/** The live point of this agenda taken over from the project, or null. */
export function pointForProject(agenda: Y.Doc, projectId: string): string | null {
  let found: string | null = null;
  pointsOf(agenda).forEach((point, id) => {
    if (found || !(point instanceof Y.Map) || isDeleted(point)) return;
    if (point.get('fromProject') === projectId) found = id;
  });
  return found;
}

/**
 * Takes a project over into the committee's kernagenda (`agenda` is the document of
 * `ctx.kern`'s kernagenda) and records it on the plein. `point` overrides anything of the
 * prefilled point (pointFromProject), e.g. a budget request. Returns the point's id; a retry
 * returns the point made before. Throws ValidationError (nothing written) for an unknown or
 * removed project, a project of one's own kernagenda, or bad overrides.
 */
export function takeOver(
  agenda: Y.Doc,
  plein: Y.Doc,
  projectId: string,
  ctx: CommitteeContext,
  point: Partial<PointInput> = {},
): string {
  checkCommittee(ctx);
  const project = findProject(plein, projectId);
  if (!project) throw unknownProject();
  checkTakeOver(project, ctx.kern, ctx);
  let pointId = pointForProject(agenda, projectId);
  if (!pointId) {
    const { title, description, theme, owner, status, budget } = pointFromProject(
      project,
      ctx.config,
    );
    const input: PointInput = { title, description, theme, owner, status, budget, ...point };
    assertValid(validatePointInput(input, ctx.config));
    agenda.transact(() => {
      const id = addPoint(agenda, input, ctx);
      const map = pointsOf(agenda).get(id) as Y.Map<unknown>;
      map.set('fromProject', projectId);
      map.set('fromKern', project.kern);
      pointId = id;
    }, ctx.origin ?? null);
  }
  recordTakeOver(plein, projectId, { kern: ctx.kern, pointId: pointId! }, ctx);
  return pointId!;
}
