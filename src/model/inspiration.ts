/**
 * The inspiratieplein (room `plein/inspiratie`, written by every committee and the
 * gemeente): projects of every kern, planned or realised, for other kernen to learn from and
 * take over.
 *
 * Document shape (top-level types):
 * - `projects`  project id -> flat Y.Map (project.ts). A project published from a
 *               kernagendapunt has the id `punt-<pointId>`, so two devices that publish the
 *               same point offline end up with one project, not two.
 * - `takeOvers` '<projectId>:<kern>' -> plain { pointId, at, by }: that kern took the project
 *               over into its kernagenda as that point. One key per kern (never a list), so
 *               two kernen that take over the same project offline both stay; read as the
 *               project's `takenUpBy`.
 * Invariants: every write is validated, then ONE `doc.transact(fn, ctx.origin)`; removing a
 * project is a tombstone (`removedAt`, `removedBy`), its data kept. Who may write which
 * project is not checked here: the room is written by every committee and the gemeente
 * (access.ts), and the UI offers edits to the project's own kern and the gemeente.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { checkContext, isIsoTime, type EditContext } from './agendaDoc';
import { amsterdamDay } from './budget';
import { readKernagenda } from './kernagenda';
import type { Point } from './point';
import {
  readProject,
  storedValues,
  validateProjectInput,
  type Project,
  type ProjectInput,
  type ProjectStatus,
  type TakeUp,
} from './project';
import { ValidationError, assertValid } from './validation';
import { statusChangedAt } from './yearView';

export * from './project';

export const projectsOf = (doc: Y.Doc) => doc.getMap<unknown>('projects');
export const takeOversOf = (doc: Y.Doc) => doc.getMap<unknown>('takeOvers');

export const unknownProject = () =>
  new ValidationError({ project: 'Dit project bestaat niet (meer).' });
const unknownPoint = () => new ValidationError({ point: 'Dit punt bestaat niet (meer).' });

/** The project id of a project published from a point. */
export const projectIdForPoint = (pointId: string) => `punt-${pointId}`;

function liveMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const map = projectsOf(doc).get(id);
  return map instanceof Y.Map && !map.has('removedAt') ? map : null;
}

function write(map: Y.Map<unknown>, values: Record<string, unknown>) {
  for (const [key, value] of Object.entries(values))
    if (value === null) {
      if (map.has(key)) map.delete(key);
    } else map.set(key, value);
}

function create(
  doc: Y.Doc,
  id: string,
  input: ProjectInput,
  source: { kern: string; pointId: string } | null,
  ctx: EditContext,
) {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    projectsOf(doc).set(id, map);
    write(map, storedValues(input));
    if (source) {
      map.set('sourceKern', source.kern);
      map.set('sourcePoint', source.pointId);
    }
    map.set('createdAt', ctx.now);
    map.set('createdBy', ctx.actor);
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', ctx.actor);
  }, ctx.origin ?? null);
}

/** Adds a project (not from a point) and returns its id. Throws ValidationError on bad input. */
export function addProject(plein: Y.Doc, input: ProjectInput, ctx: EditContext): string {
  checkContext(ctx);
  assertValid(validateProjectInput(input, ctx.config));
  const id = nanoid();
  create(plein, id, input, null, ctx);
  return id;
}

/** Where a published project comes from: a point snapshot, or a point in an agenda document. */
export type PointOrigin =
  | { kern: string; point: Point; realisedAt?: string }
  | { kern: string; agenda: Y.Doc; pointId: string };

/**
 * The project a point makes (pure): title, theme, description, contact, status (realised or
 * planned) and, when the point asked money, that amount as both the cost and the part paid
 * from the kern's budget. `realisedAt` (when it became realised) gives the year; without it
 * the point's last change does. `extra` adds or overrides anything (funding and contact field
 * by field).
 */
export function projectFromPoint(
  kern: string,
  point: Point,
  extra: Partial<Omit<ProjectInput, 'kern'>> = {},
  realisedAt?: string,
): ProjectInput {
  const realised = point.status === 'gerealiseerd';
  const amount = point.budget?.amountCents;
  return {
    kern,
    title: point.title,
    theme: point.theme,
    description: point.description,
    status: realised ? 'gerealiseerd' : 'gepland',
    realisedIn: realised ? (amsterdamDay(realisedAt ?? point.updatedAt)?.[0] ?? null) : null,
    costCents: amount ?? null,
    ...extra,
    funding: { budgetCents: amount ?? 0, ...extra.funding },
    contact: { name: point.contact, ...extra.contact },
  };
}

/**
 * Publishes a kernagendapunt to the plein in one step, its figures filled in from the point
 * (projectFromPoint) and `extra`. Returns the project id (`punt-<pointId>`). Refuses a point
 * that did not succeed ('lukt niet') and a point that is already on the plein (update that
 * project instead); a removed project of the point is replaced.
 */
export function publishFromPoint(
  plein: Y.Doc,
  origin: PointOrigin,
  extra: Partial<Omit<ProjectInput, 'kern'>>,
  ctx: EditContext,
): string {
  checkContext(ctx);
  let point: Point | undefined;
  let realisedAt: string | undefined;
  if ('agenda' in origin) {
    point = readKernagenda(origin.agenda).points.find((p) => p.id === origin.pointId);
    realisedAt = point && statusChangedAt(origin.agenda).get(point.id);
  } else {
    point = origin.point;
    realisedAt = origin.realisedAt;
  }
  if (!point) throw unknownPoint();
  if (point.status === 'lukt-niet')
    throw new ValidationError({
      point: 'Dit punt is niet gelukt. Deel alleen een gepland of gerealiseerd punt.',
    });
  const id = projectIdForPoint(point.id);
  if (liveMap(plein, id))
    throw new ValidationError({ point: 'Dit punt staat al op het inspiratieplein.' });
  const input = projectFromPoint(origin.kern, point, extra, realisedAt);
  assertValid(validateProjectInput(input, ctx.config));
  create(plein, id, input, { kern: origin.kern, pointId: point.id }, ctx);
  return id;
}

// The error fields each input field can produce, so an update is judged on what it changes.
const errorFields: Record<keyof ProjectInput, string[]> = {
  kern: ['kern'],
  title: ['title'],
  theme: ['theme'],
  description: ['description'],
  status: ['status', 'realisedIn'],
  realisedIn: ['realisedIn'],
  costCents: ['cost', 'funding'],
  funding: ['budget', 'ownMoney', 'volunteerHours', 'otherFunds', 'funding'],
  needs: ['needs'],
  lessons: ['lessons'],
  contact: ['contactName', 'contactReach'],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Changes the given fields of a live project, writing only the stored values that differ
 * (`funding` and `contact` merge field by field). Fields the patch leaves alone keep their
 * stored value, even one the configuration no longer knows.
 */
export function updateProject(
  plein: Y.Doc,
  id: string,
  patch: Partial<ProjectInput>,
  ctx: EditContext,
): void {
  checkContext(ctx);
  const map = liveMap(plein, id);
  if (!map) throw unknownProject();
  const current = readProject(id, map);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: ProjectInput = {
    kern: current.kern,
    title: current.title,
    theme: current.theme,
    description: current.description,
    status: current.status,
    realisedIn: current.realisedIn,
    costCents: current.costCents,
    needs: current.needs,
    lessons: current.lessons,
    ...given,
    funding: { ...current.funding, ...patch.funding },
    contact: { ...current.contact, ...patch.contact },
  };
  const touched = new Set(
    Object.keys(given).flatMap((k) => errorFields[k as keyof ProjectInput] ?? []),
  );
  const errors = validateProjectInput(merged, ctx.config);
  assertValid(Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field))));
  const changes = Object.entries(storedValues(merged)).filter(
    ([key, value]) => !same(map.get(key), value),
  );
  if (changes.length === 0) return;
  plein.transact(() => {
    write(map, Object.fromEntries(changes));
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', ctx.actor);
  }, ctx.origin ?? null);
}

/** Takes a project off the plein (a tombstone: its data and take-overs stay). */
export function removeProject(plein: Y.Doc, id: string, ctx: EditContext): void {
  checkContext(ctx);
  const map = projectsOf(plein).get(id);
  if (!(map instanceof Y.Map)) throw unknownProject();
  if (map.has('removedAt')) return;
  plein.transact(() => {
    map.set('removedAt', ctx.now);
    map.set('removedBy', ctx.actor);
  }, ctx.origin ?? null);
}

/** Refuses a take-over of a project of one's own kernagenda (shared agendas included). */
export function checkTakeOver(project: Project, kern: string, ctx: EditContext): void {
  if (!ctx.config.kern(kern)) throw new ValidationError({ kern: 'Deze kern kennen we niet.' });
  if (
    ctx.config.kern(project.kern) &&
    ctx.config.agendaSlug(project.kern) === ctx.config.agendaSlug(kern)
  )
    throw new ValidationError({ project: 'Dit is een project van je eigen kern.' });
}

/**
 * Records on the plein that `kern` took the project over as `pointId` in its kernagenda.
 * Idempotent: recording the same take-over again changes nothing; a later take-over by the
 * same kern (a new point) replaces its record.
 */
export function recordTakeOver(
  plein: Y.Doc,
  projectId: string,
  take: { kern: string; pointId: string },
  ctx: EditContext,
): void {
  checkContext(ctx);
  const project = findProject(plein, projectId);
  if (!project) throw unknownProject();
  checkTakeOver(project, take.kern, ctx);
  if (typeof take.pointId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(take.pointId))
    throw unknownPoint();
  if (project.takenUpBy[take.kern]?.pointId === take.pointId) return;
  plein.transact(() => {
    takeOversOf(plein).set(`${projectId}:${take.kern}`, {
      pointId: take.pointId,
      at: ctx.now,
      by: ctx.actor,
    });
  }, ctx.origin ?? null);
}

function takeUps(doc: Y.Doc): Map<string, Record<string, TakeUp>> {
  const byProject = new Map<string, Record<string, TakeUp>>();
  takeOversOf(doc).forEach((value, key) => {
    const at = key.lastIndexOf(':');
    const r = value as Record<string, unknown> | null;
    if (at <= 0 || typeof r !== 'object' || r === null) return;
    if (typeof r.pointId !== 'string' || !isIsoTime(r.at)) return;
    const projectId = key.slice(0, at);
    const byKern = byProject.get(projectId) ?? {};
    byKern[key.slice(at + 1)] = Object.freeze({
      pointId: r.pointId,
      at: r.at,
      by: typeof r.by === 'string' ? r.by : '',
    });
    byProject.set(projectId, byKern);
  });
  return byProject;
}

/** One live project, or null. */
export function findProject(plein: Y.Doc, id: string): Project | null {
  const map = liveMap(plein, id);
  return map ? readProject(id, map, takeUps(plein).get(id)) : null;
}

/** The live project published from a point, or null. */
export function projectForPoint(plein: Y.Doc, pointId: string): Project | null {
  return findProject(plein, projectIdForPoint(pointId));
}

export interface ReadProjectsOptions {
  theme?: string;
  kern?: string;
  status?: ProjectStatus;
  /** 'nieuw' (default): newest on the plein first; 'kosten': cheapest first, unknown cost last. */
  sort?: 'nieuw' | 'kosten';
}

const newestFirst = (a: Project, b: Project) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1;

/** The live projects as frozen snapshots, filtered and sorted. */
export function readProjects(plein: Y.Doc, options: ReadProjectsOptions = {}): readonly Project[] {
  const ups = takeUps(plein);
  const projects: Project[] = [];
  projectsOf(plein).forEach((map, id) => {
    if (!(map instanceof Y.Map) || map.has('removedAt')) return;
    const project = readProject(id, map, ups.get(id));
    if (options.theme !== undefined && project.theme !== options.theme) return;
    if (options.kern !== undefined && project.kern !== options.kern) return;
    if (options.status !== undefined && project.status !== options.status) return;
    projects.push(project);
  });
  if (options.sort === 'kosten')
    projects.sort(
      (a, b) => (a.costCents ?? Infinity) - (b.costCents ?? Infinity) || newestFirst(a, b),
    );
  else projects.sort(newestFirst);
  return Object.freeze(projects);
}

/** The kernen that took a project over, in the order they did ("overgenomen door ..."). */
export function takenUpKernen(project: Project): readonly string[] {
  return Object.entries(project.takenUpBy)
    .sort(([ka, a], [kb, b]) => (a.at === b.at ? (ka < kb ? -1 : 1) : a.at < b.at ? -1 : 1))
    .map(([kern]) => kern);
}
