/**
 * The kernagenda of one kern (or of a group of kernen that share it): write and read
 * functions over its Y.Doc.
 *
 * Document shape: see agendaDoc.ts (`points`, `budgets`, `meta`, `activity`, `versions`).
 * Invariants: every write is validated first and is ONE `doc.transact(fn, ctx.origin)`, so one
 * user action is one update and a refused write changes nothing; writes touch only fields
 * that change, so concurrent edits of different fields merge; deletion is a tombstone
 * (`deletedAt`, `deletedBy`) and wins over concurrent edits, which stay in the data.
 * Reads are frozen plain snapshots; nothing derived (totals, checks) is stored.
 * Every write also appends its history entry (activity.ts) in the same transaction; a
 * description is collaborative text and is changed by its minimal edit (description.ts).
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { budgetsOf, checkContext, metaOf, pointsOf, type EditContext } from './agendaDoc';
import { logPointWrite, logYearBudget, loggedValues } from './activity';
import { writeDescription } from './description';
import {
  isDeleted,
  readPoint,
  validatePointInput,
  type Point,
  type PointField,
  type PointInput,
  type PointMap,
  type PointSource,
} from './point';
import { ValidationError, assertValid, isCents, isYear, messages } from './validation';

export * from './point';
export { ValidationError } from './validation';
export type { EditContext } from './agendaDoc';
export { restorePoint } from './activity';
export { descriptionText } from './description';

export interface Kernagenda {
  /** Live (not deleted) points, sorted by createdAt, then id. */
  points: readonly Point[];
  /** Budgets the committee set, cents per year (a year without one uses the configuration). */
  yearBudgets: Readonly<Record<number, number>>;
  /** True when the demo filled this agenda (the UI shows a banner). */
  example: boolean;
}

const unknownPoint = () => new ValidationError({ id: 'Dit punt bestaat niet (meer).' });

function livePoint(doc: Y.Doc, id: string): PointMap | null {
  const map = pointsOf(doc).get(id);
  return map instanceof Y.Map && !isDeleted(map) ? (map as PointMap) : null;
}

const budgetFields: PointField[] = ['budgetYear', 'budgetCents', 'budgetKind', 'budgetRequestedAt'];

/** Adds a point and returns its id. Throws ValidationError (nothing written) on bad input. */
export function addPoint(doc: Y.Doc, input: PointInput, ctx: EditContext): string {
  checkContext(ctx);
  assertValid(validatePointInput(input, ctx.config));
  const id = nanoid();
  doc.transact(() => {
    const map: PointMap = new Y.Map();
    pointsOf(doc).set(id, map);
    const set = (key: PointField, value: unknown) => map.set(key, value);
    set('title', input.title.trim());
    set('description', new Y.Text((input.description ?? '').trim()));
    set('theme', input.theme);
    set('owner', input.owner);
    set('status', input.status);
    set('contact', (input.contact ?? '').trim());
    if (input.budget) {
      set('budgetYear', input.budget.year);
      set('budgetCents', input.budget.amountCents);
      set('budgetKind', input.budget.kind);
      set('budgetRequestedAt', ctx.now);
    }
    set('createdAt', ctx.now);
    set('createdBy', ctx.actor);
    set('updatedAt', ctx.now);
    set('updatedBy', ctx.actor);
    logPointWrite(doc, id, 'toegevoegd', null, ctx);
  }, ctx.origin ?? null);
  return id;
}

/**
 * Errors for the fields a patch changes only. Fields it leaves alone keep their stored value
 * even when that is no longer valid (a theme the configuration dropped; a title that is
 * briefly missing because Yjs applies a deletion before a late update that replaces it), so
 * such a point can still get, say, a new status.
 */
function touchedErrors(errors: Record<string, string>, patch: Partial<PointInput>) {
  const touched = new Set<string>();
  for (const [key, value] of Object.entries(patch))
    if (value !== undefined) {
      if (key === 'budget') ['amount', 'year', 'kind'].forEach((k) => touched.add(k));
      else touched.add(key);
    }
  return Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field)));
}

/**
 * Changes the given fields of a live point, writing only those that differ. A budget's
 * `requestedAt` becomes `ctx.now` when the request is new, its year changes or its amount
 * goes up: what the closing day judges (budget.ts). Lowering an amount or changing the kind
 * is no new request, so trimming a request in December does not move it to the next year.
 * Throws ValidationError for bad input in the patch and for an unknown or deleted id.
 */
export function updatePoint(
  doc: Y.Doc,
  id: string,
  patch: Partial<PointInput>,
  ctx: EditContext,
): void {
  checkContext(ctx);
  const map = livePoint(doc, id);
  if (!map) throw unknownPoint();
  const current = readPoint(id, map);
  const merged: PointInput = {
    title: current.title,
    description: current.description,
    theme: current.theme,
    owner: current.owner,
    status: current.status,
    contact: current.contact,
    ...patch,
    budget: patch.budget === undefined ? current.budget : patch.budget,
  };
  assertValid(touchedErrors(validatePointInput(merged, ctx.config), patch));

  const changes: [PointField, unknown][] = [];
  const texts = ['title', 'theme', 'owner', 'status', 'contact'] as const;
  for (const key of texts) {
    const value = (merged[key] ?? '').trim();
    if (value !== current[key]) changes.push([key, value]);
  }
  const description = (merged.description ?? '').trim();
  // A legacy string description becomes a Y.Text on its first change (description.ts).
  const descriptionChanges = patch.description !== undefined && description !== current.description;
  const before = current.budget;
  const after = merged.budget ?? null;
  let removeBudget = false;
  if (!after) removeBudget = budgetFields.some((key) => map.has(key));
  else if (!before) {
    changes.push(['budgetYear', after.year], ['budgetCents', after.amountCents]);
    changes.push(['budgetKind', after.kind], ['budgetRequestedAt', ctx.now]);
  } else {
    if (after.year !== before.year) changes.push(['budgetYear', after.year]);
    if (after.amountCents !== before.amountCents) changes.push(['budgetCents', after.amountCents]);
    if (after.kind !== before.kind) changes.push(['budgetKind', after.kind]);
    if (after.year !== before.year || after.amountCents > before.amountCents)
      changes.push(['budgetRequestedAt', ctx.now]);
  }
  if (changes.length === 0 && !removeBudget && !descriptionChanges) return;
  const logged = loggedValues(map);
  doc.transact(() => {
    for (const [key, value] of changes) map.set(key, value);
    if (descriptionChanges) writeDescription(map, description);
    if (removeBudget) for (const key of budgetFields) if (map.has(key)) map.delete(key);
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', ctx.actor);
    logPointWrite(doc, id, 'gewijzigd', logged, ctx);
  }, ctx.origin ?? null);
}

/** Hides a point by a tombstone; its data stays, so it can be restored later. */
export function deletePoint(doc: Y.Doc, id: string, ctx: EditContext): void {
  checkContext(ctx);
  const map = pointsOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw unknownPoint();
  if (isDeleted(map as PointMap)) return;
  doc.transact(() => {
    map.set('deletedAt', ctx.now);
    map.set('deletedBy', ctx.actor);
    logPointWrite(doc, id, 'verwijderd', null, ctx);
  }, ctx.origin ?? null);
}

/** Sets the budget the committee has for `year`, in cents. */
export function setYearBudget(
  doc: Y.Doc,
  year: number,
  amountCents: number,
  ctx: EditContext,
): void {
  checkContext(ctx);
  const errors: Record<string, string> = {};
  if (!isYear(year)) errors.year = messages.year;
  if (!isCents(amountCents)) errors.amount = messages.amount;
  assertValid(errors);
  const budgets = budgetsOf(doc);
  const before = budgets.get(String(year));
  if (before === amountCents) return;
  doc.transact(() => {
    budgets.set(String(year), amountCents);
    logYearBudget(doc, year, typeof before === 'number' ? before : null, amountCents, ctx);
  }, ctx.origin ?? null);
}

/** Marks the agenda as example content (the demo calls this). */
export function markExample(doc: Y.Doc): void {
  doc.transact(() => metaOf(doc).set('example', true));
}

/** Ends the example banner, e.g. when the committee starts its real agenda. */
export function clearExample(doc: Y.Doc, ctx: EditContext): void {
  checkContext(ctx);
  if (metaOf(doc).get('example') === undefined) return;
  doc.transact(() => metaOf(doc).delete('example'), ctx.origin ?? null);
}

export function readKernagenda(doc: Y.Doc): Kernagenda {
  const points: [string, PointSource][] = [];
  pointsOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) points.push([id, map as PointMap]);
  });
  return agendaFrom(points, budgetsOf(doc).entries(), metaOf(doc).get('example') === true);
}

/**
 * A frozen `Kernagenda` from stored points and year budgets (the live document, or a
 * version's plain copy): tombstones left out, read-time defaults applied, sorted.
 */
export function agendaFrom(
  stored: Iterable<[string, PointSource]>,
  budgets: Iterable<[string, unknown]>,
  example: boolean,
): Kernagenda {
  const points: Point[] = [];
  for (const [id, map] of stored) if (!isDeleted(map)) points.push(readPoint(id, map));
  points.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const yearBudgets: Record<number, number> = {};
  for (const [key, cents] of budgets) {
    const year = Number(key);
    if (isYear(year) && String(year) === key && isCents(cents)) yearBudgets[year] = cents;
  }
  return Object.freeze({
    points: Object.freeze(points),
    yearBudgets: Object.freeze(yearBudgets),
    example,
  });
}
