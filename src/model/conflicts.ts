/**
 * Conflicts people understand: what happened when edits made at the same time merged.
 *
 * Owns nothing stored. Derived from the merged document alone, through the history
 * (activity.ts): every entry names in `after` the latest entries about the same point (or
 * year budget) that its writer's device had, so an entry that neither follows the other is
 * concurrent. Per point and field, the writes that no later write of that field followed are
 * the field's open ends; when there are two or more with different values, the CRDT kept one
 * of them and `readConflicts` says who wrote what and which value holds now ("Jan en Fatima
 * wijzigden allebei het bedrag van ..."). A later write of the field by someone who saw both
 * settles it, and the conflict is gone. A point deleted while someone else edited it
 * (deletion wins, the edit stays in the data) is a conflict of its own kind. Descriptions are
 * collaborative text: both edits are kept, so they never conflict. While an entry that a
 * later one names in `after` has not arrived yet (partial delivery), the two it linked may
 * look concurrent for a moment; full sync ends that. Budget rules that only the merge broke:
 * budgetMerge.ts.
 * Invariant: every replica with the same updates reads the same conflicts, in the same order.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { budgetsOf, pointsOf } from './agendaDoc';
import {
  fieldLabel,
  formatLogged,
  readEntries,
  type ActivityEntry,
  type LoggedValue,
} from './activity';
import { isDeleted, readPoint, type Point, type PointMap } from './point';
import { isCents } from './validation';

export interface ConflictSide {
  by: string;
  at: string;
  /** The value this side wrote (null: none, e.g. a request removed). */
  value: LoggedValue;
  /** The history entry that wrote it. */
  entry: string;
}

interface ConflictBase {
  /** Stable while the conflict lasts (the UI may remember it was dismissed). */
  id: string;
  /** The point's id; null for a year budget. */
  point: string | null;
  /** The year of a year-budget conflict, else null. */
  year: number | null;
  /** The point's title now (empty for a year budget). */
  title: string;
  /** The latest time among the edits involved. */
  at: string;
  /** Everyone involved, in the order of their edits. */
  people: readonly string[];
  /** Plain Dutch (B1), for everyone involved. */
  message: string;
}

export interface FieldConflict extends ConflictBase {
  kind: 'field';
  /** A point field of the history ('budgetCents', 'status', ...) or 'yearBudget'. */
  field: string;
  /** Each concurrent write, oldest first. */
  sides: readonly ConflictSide[];
  /** The value the agenda has now, as it reads (a request without year reads as none). */
  now: LoggedValue;
  /** The first side whose value holds now; null when none does. */
  winner: ConflictSide | null;
}

export interface DeletedConflict extends ConflictBase {
  kind: 'deleted';
  /** Who deleted the point (more than one when several did at once). */
  deletedBy: readonly string[];
  /** The edits made while it was deleted elsewhere, with the fields they changed. */
  edits: readonly { by: string; at: string; fields: readonly string[]; entry: string }[];
}

export type Conflict = FieldConflict | DeletedConflict;

type Entry = ActivityEntry;
const subjectOf = (e: Entry) => e.point ?? `budget:${e.year}`;
const byTime = (a: Entry, b: Entry) =>
  a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1;
const distinct = (list: string[]) => [...new Set(list)];
const idsOf = (list: Entry[]) =>
  list
    .map((e) => e.id)
    .sort()
    .join('+');

/** `earlier(x, y)`: entry x was on the device that wrote y (the transitive `after` links). */
function causality(entries: Entry[]): (x: Entry, y: Entry) => boolean {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const memo = new Map<string, Set<string>>();
  const ancestors = (e: Entry): Set<string> => {
    const known = memo.get(e.id);
    if (known) return known;
    const seen = new Set<string>();
    memo.set(e.id, seen); // a cycle cannot come from the model; this ends one from bad data
    for (const id of e.after) {
      const parent = byId.get(id);
      if (!parent || seen.has(id)) continue;
      seen.add(id);
      for (const a of ancestors(parent)) seen.add(a);
    }
    return seen;
  };
  return (x, y) => ancestors(y).has(x.id);
}

/** The entries of `list` that no other entry of `list` follows. */
function openEnds(list: Entry[], earlier: (x: Entry, y: Entry) => boolean): Entry[] {
  return list.filter((x) => !list.some((y) => y !== x && earlier(x, y)));
}

const fieldValue = (e: Entry, field: string): LoggedValue | undefined => {
  const change = e.fields.find((f) => f.field === field && 'to' in f);
  return change ? (change.to ?? null) : undefined;
};

/** What a point's followed field reads as now: the snapshot's value, with read-time defaults. */
function currentValue(p: Point, field: string): LoggedValue {
  if (field === 'budgetCents') return p.budget?.amountCents ?? null;
  if (field === 'budgetYear') return p.budget?.year ?? null;
  if (field === 'budgetKind') return p.budget?.kind ?? null;
  const value = (p as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

const noneLabels: Record<string, string> = {
  budgetCents: 'geen aanvraag',
  budgetYear: 'geen aanvraag',
  budgetKind: 'geen aanvraag',
  contact: 'geen contactpersoon',
  yearBudget: 'geen budget',
};

function show(field: string, value: LoggedValue, config?: GemeenteConfig): string {
  if ((value === null || value === '') && noneLabels[field]) return noneLabels[field]!;
  return formatLogged(field, value, config);
}

const count = (n: number) => ['twee', 'drie', 'vier'][n - 2] ?? String(n);
const names = (parts: readonly string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;

function fieldMessage(c: Omit<FieldConflict, 'message'>, config?: GemeenteConfig): string {
  const what =
    c.year !== null
      ? `het budget voor ${c.year}`
      : c.field === 'title'
        ? 'de titel'
        : `${fieldLabel(c.field)} van "${c.title}"`;
  const now = show(c.field, c.now, config);
  const values = c.sides.map((s) => show(c.field, s.value, config));
  if (c.people.length === 1)
    return `${c.people[0]} wijzigde ${what} op ${count(c.sides.length)} apparaten tegelijk; nu ${now} — de waarden waren ${names(values)}.`;
  const had = c.sides.map((s, i) =>
    i === 0 ? `${s.by} had ${values[i]}` : `${s.by} ${values[i]}`,
  );
  const together = c.people.length === 2 ? 'allebei' : 'tegelijk';
  return `${names(c.people)} wijzigden ${together} ${what}; nu ${now} — ${had.join(', ')}.`;
}

function fieldConflicts(
  subject: Entry[],
  earlier: (x: Entry, y: Entry) => boolean,
  now: (field: string) => LoggedValue,
  where: Pick<FieldConflict, 'point' | 'year' | 'title'>,
  config?: GemeenteConfig,
): FieldConflict[] {
  const fields = distinct(
    subject.flatMap((e) => e.fields.filter((f) => 'to' in f).map((f) => f.field)),
  );
  const found: FieldConflict[] = [];
  for (const field of fields) {
    const writes = subject.filter((e) => fieldValue(e, field) !== undefined);
    const ends = openEnds(writes, earlier).sort(byTime);
    if (new Set(ends.map((e) => fieldValue(e, field))).size < 2) continue;
    const sides = ends.map((e) =>
      Object.freeze({ by: e.by, at: e.at, value: fieldValue(e, field)!, entry: e.id }),
    );
    const value = now(field);
    const c = {
      kind: 'field' as const,
      id: `${where.point ?? `budget:${where.year}`}:${field}:${idsOf(ends)}`,
      ...where,
      field,
      sides: Object.freeze(sides),
      now: value,
      winner: sides.find((s) => s.value === value) ?? null,
      at: ends.at(-1)!.at,
      people: Object.freeze(distinct(sides.map((s) => s.by))),
    };
    found.push({ ...c, message: fieldMessage(c, config) });
  }
  return found;
}

function deletedConflict(
  subject: Entry[],
  earlier: (x: Entry, y: Entry) => boolean,
  id: string,
  title: string,
): DeletedConflict | null {
  const lifecycle = subject.filter((e) => e.action === 'verwijderd' || e.action === 'hersteld');
  const deletions = openEnds(lifecycle, earlier).filter((e) => e.action === 'verwijderd');
  const edits = subject
    .filter((e) => e.action === 'gewijzigd')
    .filter((e) => deletions.some((d) => !earlier(e, d) && !earlier(d, e)))
    .sort(byTime);
  if (deletions.length === 0 || edits.length === 0) return null;
  deletions.sort(byTime);
  const deletedBy = distinct(deletions.map((d) => d.by));
  const editors = distinct(edits.map((e) => e.by));
  const fields = distinct(edits.flatMap((e) => e.fields.map((f) => f.field)));
  const verb = editors.length === 1 ? 'wijzigde' : 'wijzigden';
  const what = fields.length ? ` (${names(fields.map(fieldLabel))})` : '';
  const kept = edits.length > 1 ? 'wijzigingen van X zijn' : 'wijziging van X is';
  const message =
    `${names(deletedBy)} verwijderde${deletedBy.length > 1 ? 'n' : ''} "${title}", terwijl ` +
    `${names(editors)} het punt tegelijk ${verb}${what}. Het punt blijft verwijderd; de ` +
    `${kept.replace('X', names(editors))} bewaard. Zet het punt terug als het moet blijven.`;
  const all = [...deletions, ...edits].sort(byTime);
  return {
    kind: 'deleted',
    id: `${id}:verwijderd:${idsOf(all)}`,
    point: id,
    year: null,
    title,
    at: all.at(-1)!.at,
    people: Object.freeze(distinct(all.map((e) => e.by))),
    message,
    deletedBy: Object.freeze(deletedBy),
    edits: Object.freeze(
      edits.map((e) =>
        Object.freeze({
          by: e.by,
          at: e.at,
          fields: Object.freeze(e.fields.map((f) => f.field)),
          entry: e.id,
        }),
      ),
    ),
  };
}

/**
 * The conflicts in a (merged) kernagenda, newest first. `since` keeps those with an edit
 * after that ISO time ("sinds je laatste bezoek"); `config` names themes in messages.
 * Field conflicts of deleted points are left out: the deletion conflict covers them.
 */
export function readConflicts(
  doc: Y.Doc,
  options: { since?: string; config?: GemeenteConfig } = {},
): readonly Conflict[] {
  const bySubject = new Map<string, Entry[]>();
  for (const e of readEntries(doc)) {
    const list = bySubject.get(subjectOf(e));
    if (list) list.push(e);
    else bySubject.set(subjectOf(e), [e]);
  }
  const found: Conflict[] = [];
  for (const [subject, entries] of bySubject) {
    if (entries.length < 2) continue;
    const earlier = causality(entries);
    const first = entries[0]!;
    if (first.point === null) {
      const year = first.year!;
      const stored = budgetsOf(doc).get(String(year));
      const now = () => (isCents(stored) ? stored : null);
      found.push(
        ...fieldConflicts(entries, earlier, now, { point: null, year, title: '' }, options.config),
      );
      continue;
    }
    const map = pointsOf(doc).get(subject);
    if (!(map instanceof Y.Map)) continue;
    const point = readPoint(subject, map as PointMap);
    const title = point.title || entries.at(-1)!.title;
    if (isDeleted(map as PointMap)) {
      const c = deletedConflict(entries, earlier, subject, title);
      if (c) found.push(c);
      continue;
    }
    const now = (field: string) => currentValue(point, field);
    found.push(
      ...fieldConflicts(
        entries,
        earlier,
        now,
        { point: subject, year: null, title },
        options.config,
      ),
    );
  }
  return Object.freeze(
    found
      .filter((c) => options.since === undefined || c.at > options.since)
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? 1 : -1))
      .map((c) => Object.freeze(c)),
  );
}
