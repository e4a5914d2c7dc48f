/**
 * History of a kernagenda: an append-only log in the document itself.
 *
 * Every model write appends one small plain entry to the `activity` Y.Array in the SAME
 * transaction as the change, so the log and the data travel together and merge together:
 * `{ id, at, by, action, point, year, title, fields: [{ field, from, to }], after }`.
 * Entries are never changed; the oldest are removed beyond `activityLimit`. Descriptions log only that they changed (no text).
 * `after` holds the ids of the latest entries about the same subject (a point, or one
 * year's budget) that the writer's device had: the causal order that conflicts.ts uses to
 * tell "changed at the same time" from "changed after seeing the other". Malformed or
 * unknown entries read with defaults or are skipped (additive schema).
 *
 * Owns also: restoring a deleted point, and "sinds je laatste bezoek" (`changedSince`).
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import type { GemeenteConfig } from '../config/gemeente';
import {
  activityOf,
  budgetsOf,
  checkContext,
  isIsoTime,
  pointsOf,
  type EditContext,
} from './agendaDoc';
import {
  budgetKindLabels,
  descriptionOf,
  isDeleted,
  ownerLabels,
  statusLabels,
  type BudgetKind,
  type Owner,
  type PointMap,
  type Status,
} from './point';
import { formatEuro } from './money';
import { ValidationError } from './validation';

export const actions = ['toegevoegd', 'gewijzigd', 'verwijderd', 'hersteld', 'budget'] as const;
export type ActivityAction = (typeof actions)[number];
export type LoggedValue = string | number | null;

export interface FieldChange {
  field: string;
  /** Absent for descriptions: the log says only that they changed. */
  from?: LoggedValue;
  to?: LoggedValue;
}

export interface ActivityEntry {
  id: string;
  at: string;
  by: string;
  action: ActivityAction;
  /** The point's id; null for a year budget. */
  point: string | null;
  /** The year of a year-budget entry, else null. */
  year: number | null;
  /** The point's title after the change (empty for a year budget). */
  title: string;
  fields: readonly FieldChange[];
  after: readonly string[];
}

export interface Activity extends ActivityEntry {
  /** Plain Dutch, e.g. 'Anna wijzigde het bedrag van "Speeltuin": € 1.200 → € 1.500'. */
  sentence: string;
}

/** The point fields the log follows, in the order sentences name them. */
export const loggedFields = [
  'title',
  'description',
  'theme',
  'owner',
  'status',
  'contact',
  'budgetCents',
  'budgetYear',
  'budgetKind',
] as const;

type Values = Record<string, LoggedValue>;

const logged = (value: unknown): LoggedValue =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : null;

/** The followed fields of a stored point, as plain values (a description as its text). */
export function loggedValues(map: PointMap): Values {
  const values: Values = {};
  for (const field of loggedFields)
    values[field] =
      field === 'description' ? descriptionOf(map.get(field)) : logged(map.get(field));
  return values;
}

function changes(before: Values, after: Values): FieldChange[] {
  const list: FieldChange[] = [];
  for (const field of loggedFields) {
    const [from = null, to = null] = [before[field], after[field]];
    if (from === to) continue;
    list.push(field === 'description' ? { field } : { field, from, to });
  }
  return list;
}

const subjectOf = (e: Pick<ActivityEntry, 'point' | 'year'>) => e.point ?? `budget:${e.year}`;

function readEntry(raw: unknown): ActivityEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return null;
  const action = actions.find((a) => a === r.action);
  if (!action) return null;
  const point = typeof r.point === 'string' && r.point ? r.point : null;
  const year = typeof r.year === 'number' && Number.isInteger(r.year) ? r.year : null;
  if (point === null && year === null) return null;
  const fields = Array.isArray(r.fields)
    ? r.fields.flatMap((f): FieldChange[] => {
        if (typeof f !== 'object' || f === null || typeof f.field !== 'string') return [];
        return 'from' in f || 'to' in f
          ? [Object.freeze({ field: f.field, from: logged(f.from), to: logged(f.to) })]
          : [Object.freeze({ field: f.field })];
      })
    : [];
  const after = Array.isArray(r.after) ? r.after.filter((a) => typeof a === 'string') : [];
  return Object.freeze({
    id: r.id,
    at: isIsoTime(r.at) ? r.at : '',
    by: typeof r.by === 'string' ? r.by : '',
    action,
    point,
    year,
    title: typeof r.title === 'string' ? r.title : '',
    fields: Object.freeze(fields),
    after: Object.freeze(after),
  });
}

/** Every readable entry, in the document's (converged) array order. */
export function readEntries(doc: Y.Doc): ActivityEntry[] {
  return activityOf(doc)
    .toArray()
    .map(readEntry)
    .filter((e): e is ActivityEntry => e !== null);
}

/** Ids of the entries about `subject` that no later entry names in its `after`. */
function headsOf(doc: Y.Doc, subject: string): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  activityOf(doc).forEach((raw) => {
    const r = raw as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string') return;
    const about = typeof r.point === 'string' ? r.point : `budget:${String(r.year)}`;
    if (about !== subject) return;
    ids.push(r.id);
    if (Array.isArray(r.after)) for (const a of r.after) seen.add(String(a));
  });
  return ids.filter((id) => !seen.has(id));
}

type NewEntry = Omit<ActivityEntry, 'id' | 'after' | 'at' | 'by'>;

/** The most entries the log keeps: the latest changes ("Wat is er veranderd"). */
export const activityLimit = 500;

/** Appends one entry; call inside the write's transaction. */
function append(doc: Y.Doc, entry: NewEntry, ctx: Pick<EditContext, 'actor' | 'now'>): void {
  const stored: Record<string, unknown> = {
    id: nanoid(),
    at: ctx.now,
    by: ctx.actor,
    action: entry.action,
    title: entry.title,
    fields: entry.fields.map((f) => ({ ...f })),
    after: headsOf(doc, subjectOf(entry)),
  };
  if (entry.point !== null) stored.point = entry.point;
  if (entry.year !== null) stored.year = entry.year;
  const log = activityOf(doc);
  // Bounded: the oldest entries go, so the log does not outweigh the agenda (5,000 logged
  // edits were 1.2 MB of a 1.5 MB document, decoded on every open). Two devices trimming at
  // once remove the same oldest entries; `after` links to a removed entry count as seen.
  if (log.length >= activityLimit) log.delete(0, log.length - activityLimit + 1);
  log.push([stored]);
}

/**
 * Logs a point write: `before` is `loggedValues` of the point before the change (null for a
 * new point). A 'gewijzigd' without any followed change logs nothing.
 */
export function logPointWrite(
  doc: Y.Doc,
  id: string,
  action: ActivityAction,
  before: Values | null,
  ctx: Pick<EditContext, 'actor' | 'now'>,
): void {
  const map = pointsOf(doc).get(id);
  const after = map instanceof Y.Map ? loggedValues(map as PointMap) : {};
  const fields = action === 'gewijzigd' && before ? changes(before, after) : [];
  if (action === 'gewijzigd' && fields.length === 0) return;
  const title = typeof after.title === 'string' ? after.title : String(before?.title ?? '');
  append(doc, { action, point: id, year: null, title, fields }, ctx);
}

/** Logs a year budget the committee set; call inside the write's transaction. */
export function logYearBudget(
  doc: Y.Doc,
  year: number,
  from: LoggedValue,
  to: LoggedValue,
  ctx: Pick<EditContext, 'actor' | 'now'>,
): void {
  const fields = [{ field: 'yearBudget', from, to }];
  append(doc, { action: 'budget', point: null, year, title: '', fields }, ctx);
}

/** What the log follows in the whole document: for logging changes made by undo/redo. */
export interface LoggedState {
  points: Map<string, { values: Values; deleted: boolean }>;
  budgets: Map<string, LoggedValue>;
}

export function loggedState(doc: Y.Doc): LoggedState {
  const points: LoggedState['points'] = new Map();
  pointsOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map)
      points.set(id, { values: loggedValues(map as PointMap), deleted: isDeleted(map) });
  });
  const budgets = new Map<string, LoggedValue>();
  budgetsOf(doc).forEach((value, key) => budgets.set(key, logged(value)));
  return { points, budgets };
}

/** Logs, in one transaction, every difference between `before` and the document now. */
export function logChangesSince(
  doc: Y.Doc,
  before: LoggedState,
  ctx: Pick<EditContext, 'actor' | 'now' | 'origin'>,
): void {
  checkContext(ctx);
  const now = loggedState(doc);
  doc.transact(() => {
    for (const id of new Set([...before.points.keys(), ...now.points.keys()])) {
      const [was, is] = [before.points.get(id), now.points.get(id)];
      const title = String(is?.values.title ?? was?.values.title ?? '');
      const entry = (action: ActivityAction, fields: FieldChange[] = []) =>
        append(doc, { action, point: id, year: null, title, fields }, ctx);
      const wasLive = !!was && !was.deleted;
      const isLive = !!is && !is.deleted;
      if (wasLive && !isLive) entry('verwijderd');
      else if (!was && isLive) entry('toegevoegd');
      else if (was?.deleted && isLive) entry('hersteld');
      if (was && is) {
        const fields = changes(was.values, is.values);
        if (fields.length) entry('gewijzigd', fields);
      }
    }
    for (const key of new Set([...before.budgets.keys(), ...now.budgets.keys()])) {
      const [from = null, to = null] = [before.budgets.get(key), now.budgets.get(key)];
      if (from !== to && /^\d{4}$/.test(key)) logYearBudget(doc, Number(key), from, to, ctx);
    }
  }, ctx.origin ?? null);
}

const unknownPoint = () => new ValidationError({ id: 'Dit punt bestaat niet (meer).' });

/** Brings back a deleted point (its data was kept by the tombstone). No-op when it is live. */
export function restorePoint(doc: Y.Doc, id: string, ctx: EditContext): void {
  checkContext(ctx);
  const map = pointsOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw unknownPoint();
  if (!isDeleted(map)) return;
  doc.transact(() => {
    map.delete('deletedAt');
    map.delete('deletedBy');
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', ctx.actor);
    logPointWrite(doc, id, 'hersteld', null, ctx);
  }, ctx.origin ?? null);
}

/**
 * For an editor bound to `descriptionText`: records that `ctx.actor` changed the
 * description (history and `updatedAt`), as the editor's edits bypass `updatePoint`.
 */
export function noteDescriptionEdit(doc: Y.Doc, id: string, ctx: EditContext): void {
  checkContext(ctx);
  const map = pointsOf(doc).get(id);
  if (!(map instanceof Y.Map) || isDeleted(map)) throw unknownPoint();
  doc.transact(() => {
    map.set('updatedAt', ctx.now);
    map.set('updatedBy', ctx.actor);
    append(
      doc,
      {
        action: 'gewijzigd',
        point: id,
        year: null,
        title: String(logged(map.get('title')) ?? ''),
        fields: [{ field: 'description' }],
      },
      ctx,
    );
  }, ctx.origin ?? null);
}

const fieldLabels: Record<string, string> = {
  title: 'de titel',
  description: 'de beschrijving',
  theme: 'het thema',
  owner: 'wie het oppakt',
  status: 'de status',
  contact: 'de contactpersoon',
  budgetCents: 'het bedrag',
  budgetYear: 'het jaar van de aanvraag',
  budgetKind: 'de soort aanvraag',
  yearBudget: 'het budget',
};

/** 'het bedrag', 'de status', ... (with the article, for use in a sentence). */
export const fieldLabel = (field: string): string => fieldLabels[field] ?? field;

/** A logged value as people read it: '€ 1.200', 'In uitvoering', '"Speeltuin"', 'geen'. */
export function formatLogged(field: string, value: LoggedValue, config?: GemeenteConfig): string {
  if (value === null || value === '') return 'geen';
  if ((field === 'budgetCents' || field === 'yearBudget') && typeof value === 'number')
    return formatEuro(value);
  const text = String(value);
  if (field === 'status') return statusLabels[text as Status] ?? text;
  if (field === 'owner') return ownerLabels[text as Owner] ?? text;
  if (field === 'budgetKind') return budgetKindLabels[text as BudgetKind] ?? text;
  if (field === 'theme') return config?.theme(text)?.name ?? text;
  if (field === 'title') return `"${text}"`;
  return text;
}

const list = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;

/** The plain Dutch sentence of one entry. */
export function activitySentence(e: ActivityEntry, config?: GemeenteConfig): string {
  const who = e.by || 'Iemand';
  const title = `"${e.title}"`;
  const change = (f: FieldChange) =>
    'from' in f
      ? `${formatLogged(f.field, f.from ?? null, config)} → ${formatLogged(f.field, f.to ?? null, config)}`
      : '';
  switch (e.action) {
    case 'toegevoegd':
      return `${who} voegde ${title} toe`;
    case 'verwijderd':
      return `${who} verwijderde ${title}`;
    case 'hersteld':
      return `${who} zette ${title} terug`;
    case 'budget': {
      const f = e.fields[0];
      return f
        ? `${who} wijzigde het budget voor ${e.year}: ${change(f)}`
        : `${who} wijzigde het budget voor ${e.year}`;
    }
    case 'gewijzigd': {
      const [only] = e.fields;
      if (e.fields.length !== 1 || !only) {
        const parts = e.fields.map((f) => {
          const c = change(f);
          return c ? `${fieldLabel(f.field)} (${c})` : fieldLabel(f.field);
        });
        return parts.length
          ? `${who} wijzigde ${title}: ${list(parts)}`
          : `${who} wijzigde ${title}`;
      }
      if (only.field === 'title') return `${who} wijzigde de titel: ${change(only)}`;
      const c = change(only);
      return `${who} wijzigde ${fieldLabel(only.field)} van ${title}${c ? `: ${c}` : ''}`;
    }
  }
}

/** The log, newest first (ties in the converged array order, latest first), with sentences. */
export function readActivity(
  doc: Y.Doc,
  options: { since?: string; config?: GemeenteConfig } = {},
): readonly Activity[] {
  const entries = readEntries(doc)
    .map((e, index) => ({ e, index }))
    .filter(({ e }) => options.since === undefined || e.at > options.since)
    .sort((a, b) => (a.e.at === b.e.at ? b.index - a.index : a.e.at < b.e.at ? 1 : -1))
    .map(({ e }) => Object.freeze({ ...e, sentence: activitySentence(e, options.config) }));
  return Object.freeze(entries);
}

/**
 * Ids of the points changed (added, edited, deleted, restored) after `isoTime`, newest
 * first, for "sinds je laatste bezoek". Also counts a point whose `updatedAt` is later,
 * so edits from versions that did not log yet are seen. `exceptBy` leaves out one's own edits.
 */
export function changedSince(doc: Y.Doc, isoTime: string, exceptBy?: string): string[] {
  const ids = new Set<string>();
  for (const e of readActivity(doc, { since: isoTime }))
    if (e.point && e.by !== exceptBy) ids.add(e.point);
  const late: [string, string][] = [];
  pointsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map) || ids.has(id)) return;
    const at = [map.get('updatedAt'), map.get('deletedAt')].filter(isIsoTime).sort().at(-1);
    const by = at === map.get('deletedAt') ? map.get('deletedBy') : map.get('updatedBy');
    if (at && at > isoTime && by !== exceptBy) late.push([at, id]);
  });
  late.sort((a, b) => (a[0] < b[0] ? 1 : -1));
  return [...ids, ...late.map(([, id]) => id)];
}
