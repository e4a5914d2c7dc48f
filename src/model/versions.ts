/**
 * Versions of a kernagenda: named, immutable copies ("Kernagenda Beesd, voorjaar 2027").
 *
 * `markVersion` stores a plain copy of the live points (every stored field, so fields of a
 * newer version travel along; descriptions as their text), the year budgets and the example
 * flag in the `versions` Y.Map under a fresh id, as one plain (JSON) value: Yjs never merges
 * inside it, so a version is never changed afterwards, not by edits, undo or merges. Names
 * are one line and unique on the device that marks (two devices marking the same name
 * offline keep both versions). Undo does not reach versions (undo.ts). `readVersion`
 * reads it through the same read-time defaults as the live agenda (`agendaFrom`), so a
 * version is a `Kernagenda` and everything that takes one (budgetFigures, csv, diff) works
 * on it. `diffVersions` compares two agendas: two versions, or a version and `readKernagenda`.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import type { GemeenteConfig } from '../config/gemeente';
import {
  budgetsOf,
  checkContext,
  isIsoTime,
  metaOf,
  pointsOf,
  versionsOf,
  type EditContext,
} from './agendaDoc';
import { agendaFrom, type Kernagenda } from './kernagenda';
import { isDeleted, type Point, type PointMap, type PointSource, type Status } from './point';
import { fieldLabel, formatLogged } from './activity';
import { formatEuro } from './money';
import { assertValid } from './validation';

export const versionNameLimit = 120;

export interface VersionInfo {
  id: string;
  name: string;
  /** ISO time the version was marked. */
  at: string;
  by: string;
  pointCount: number;
}

type StoredVersion = {
  name?: unknown;
  at?: unknown;
  by?: unknown;
  points?: unknown;
  budgets?: unknown;
  example?: unknown;
};

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A name as it is stored: one line, spaces collapsed, trimmed. */
const cleanName = (name: unknown) =>
  typeof name === 'string' ? name.replace(/\s+/g, ' ').trim() : '';

/**
 * Dutch messages per field ({} when valid). With `existing` (the names in use), a name that
 * differs from one of them only in capitals or spaces is refused, so the list stays clear.
 * Two devices marking the same name offline still keep both versions (ids differ).
 */
export function validateVersionName(
  name: unknown,
  existing: readonly string[] = [],
): Record<string, string> {
  const text = cleanName(name);
  if (!text) return { name: 'Geef de versie een naam.' };
  if (text.length > versionNameLimit)
    return { name: `Maak de naam korter: ten hoogste ${versionNameLimit} tekens.` };
  const key = text.toLocaleLowerCase('nl');
  if (existing.some((other) => cleanName(other).toLocaleLowerCase('nl') === key))
    return { name: `Er is al een versie met de naam "${text}". Kies een andere naam.` };
  return {};
}

/**
 * Stores the agenda as it is now under `name`; returns the version's id. Throws
 * ValidationError (nothing written) for an empty, too long or already used name.
 */
export function markVersion(doc: Y.Doc, name: string, ctx: EditContext): string {
  checkContext(ctx);
  const names: string[] = [];
  versionsOf(doc).forEach((raw) => {
    const other = record(raw).name;
    if (typeof other === 'string') names.push(other);
  });
  assertValid(validateVersionName(name, names));
  const points: Record<string, unknown> = {};
  pointsOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map && !isDeleted(map as PointMap)) points[id] = map.toJSON();
  });
  const stored: Record<string, unknown> = {
    name: cleanName(name),
    at: ctx.now,
    by: ctx.actor,
    points,
    budgets: budgetsOf(doc).toJSON(),
  };
  if (metaOf(doc).get('example') === true) stored.example = true;
  const id = nanoid();
  doc.transact(() => versionsOf(doc).set(id, stored), ctx.origin ?? null);
  return id;
}

function infoOf(id: string, raw: unknown): VersionInfo | null {
  const v = record(raw) as StoredVersion;
  if (typeof v.name !== 'string') return null;
  return Object.freeze({
    id,
    name: v.name,
    at: isIsoTime(v.at) ? v.at : '',
    by: typeof v.by === 'string' ? v.by : '',
    pointCount: versionFrom(raw)?.points.length ?? 0,
  });
}

/** The versions, newest first. */
export function listVersions(doc: Y.Doc): readonly VersionInfo[] {
  const list: VersionInfo[] = [];
  versionsOf(doc).forEach((raw, id) => {
    const info = infoOf(id, raw);
    if (info) list.push(info);
  });
  list.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? 1 : -1));
  return Object.freeze(list);
}

function versionFrom(raw: unknown): Kernagenda | null {
  const v = record(raw) as StoredVersion;
  if (typeof v.name !== 'string') return null;
  const points = Object.entries(record(v.points)).map(([id, fields]): [string, PointSource] => {
    const values = record(fields);
    return [id, { get: (key: string) => values[key] }];
  });
  return agendaFrom(points, Object.entries(record(v.budgets)), v.example === true);
}

/** A version as a read-only `Kernagenda` snapshot, or null when there is no such version. */
export function readVersion(doc: Y.Doc, id: string): Kernagenda | null {
  return versionFrom(versionsOf(doc).get(id));
}

export interface PointChange {
  id: string;
  title: string;
  message: string;
}

export interface VersionDiff {
  added: readonly (PointChange & { point: Point })[];
  removed: readonly (PointChange & { point: Point })[];
  statusChanges: readonly (PointChange & { from: Status; to: Status })[];
  /** Cents; null means no budget request. */
  amountChanges: readonly (PointChange & { from: number | null; to: number | null })[];
  fieldChanges: readonly (PointChange & { field: string; from: string; to: string })[];
  budgetChanges: readonly {
    year: number;
    from: number | null;
    to: number | null;
    message: string;
  }[];
  /** Every message above, in this order: added, removed, status, amounts, fields, budgets. */
  messages: readonly string[];
}

const other = ['title', 'description', 'theme', 'owner', 'contact'] as const;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What changed from agenda `a` (older) to agenda `b` (newer), in plain Dutch. */
export function diffVersions(a: Kernagenda, b: Kernagenda, config?: GemeenteConfig): VersionDiff {
  const before = new Map(a.points.map((p) => [p.id, p]));
  const after = new Map(b.points.map((p) => [p.id, p]));
  const added = b.points
    .filter((p) => !before.has(p.id))
    .map((p) => ({ id: p.id, title: p.title, point: p, message: `"${p.title}" is toegevoegd.` }));
  const removed = a.points
    .filter((p) => !after.has(p.id))
    .map((p) => ({ id: p.id, title: p.title, point: p, message: `"${p.title}" is verwijderd.` }));
  const statusChanges: (PointChange & { from: Status; to: Status })[] = [];
  const amountChanges: (PointChange & { from: number | null; to: number | null })[] = [];
  const fieldChanges: (PointChange & { field: string; from: string; to: string })[] = [];
  for (const p of b.points) {
    const old = before.get(p.id);
    if (!old) continue;
    const base = { id: p.id, title: p.title };
    const name = `"${p.title}"`;
    if (old.status !== p.status)
      statusChanges.push({
        ...base,
        from: old.status,
        to: p.status,
        message: `De status van ${name} is nu ${formatLogged('status', p.status)} (was ${formatLogged('status', old.status)}).`,
      });
    const [from, to] = [old.budget?.amountCents ?? null, p.budget?.amountCents ?? null];
    if (from !== to)
      amountChanges.push({
        ...base,
        from,
        to,
        message:
          from === null
            ? `${name} vraagt nu ${formatEuro(to!)} uit het budget.`
            : to === null
              ? `${name} vraagt geen geld meer (was ${formatEuro(from)}).`
              : `Het bedrag van ${name} is nu ${formatEuro(to)} (was ${formatEuro(from)}).`,
      });
    const fields: [string, string, string][] = other.map((f) => [f, old[f], p[f]]);
    if (old.budget && p.budget) {
      fields.push(['budgetYear', String(old.budget.year), String(p.budget.year)]);
      fields.push(['budgetKind', old.budget.kind, p.budget.kind]);
    }
    for (const [field, was, is] of fields) {
      if (was === is) continue;
      const show = (v: string) => formatLogged(field, v, config);
      const message =
        field === 'title'
          ? `De titel ${show(was)} is nu ${show(is)}.`
          : field === 'description'
            ? `De beschrijving van ${name} is veranderd.`
            : `${capital(fieldLabel(field))} van ${name} is nu ${show(is)} (was ${show(was)}).`;
      fieldChanges.push({ ...base, field, from: was, to: is, message });
    }
  }
  const years = new Set([...Object.keys(a.yearBudgets), ...Object.keys(b.yearBudgets)].map(Number));
  const budgetChanges = [...years]
    .sort((x, y) => x - y)
    .flatMap((year) => {
      const [from, to] = [a.yearBudgets[year] ?? null, b.yearBudgets[year] ?? null];
      if (from === to) return [];
      const message =
        to === null
          ? `Het budget voor ${year} is niet meer vastgesteld (was ${formatEuro(from!)}).`
          : from === null
            ? `Het budget voor ${year} is nu ${formatEuro(to)}.`
            : `Het budget voor ${year} is nu ${formatEuro(to)} (was ${formatEuro(from)}).`;
      return [{ year, from, to, message }];
    });
  const messages = [added, removed, statusChanges, amountChanges, fieldChanges, budgetChanges]
    .flat()
    .map((c) => c.message);
  const frozen = <T>(list: T[]) => Object.freeze(list.map((c) => Object.freeze(c)));
  return Object.freeze({
    added: frozen(added),
    removed: frozen(removed),
    statusChanges: frozen(statusChanges),
    amountChanges: frozen(amountChanges),
    fieldChanges: frozen(fieldChanges),
    budgetChanges: frozen(budgetChanges),
    messages: Object.freeze(messages),
  });
}
