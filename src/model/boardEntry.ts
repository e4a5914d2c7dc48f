/**
 * What every entry on a shared board has in common (ideas, reactions, questions), and the
 * context of whoever writes one.
 *
 * An entry is a flat Y.Map of plain values (strings, numbers; never a nested Y type) under a
 * collision-free id. It carries `authorId` (the writer's stable id: the subject of their
 * token), `authorName` (shown beside it), `createdAt` and, once withdrawn, `withdrawnAt`.
 * Entries are never deleted: withdrawing keeps the data and hides it. Because every entry
 * names its author, the relay can check per entry who may change it (entryRules.ts).
 */
import type { GemeenteConfig } from '../config/gemeente';
import { roles, type Role } from './access';
import { isIsoTime } from './agendaDoc';
import { ValidationError } from './validation';

/** Who writes, and when: every write on a shared board (and on the notices) takes one. */
export interface WriterContext {
  /** Stable id of the writer (the token's subject). Entries are keyed or owned by it. */
  id: string;
  /** Display name, stored with what they write. */
  name: string;
  role: Role;
  /** ISO time of the write (the clock is passed in). */
  now: string;
  config: GemeenteConfig;
  /** Transaction origin, so providers can tell local edits apart. */
  origin?: unknown;
}

export const authorLimits = { id: 200, name: 80 } as const;

/** Throws TypeError for a context the UI should never pass (a programming error). */
export function checkWriter(ctx: WriterContext): void {
  if (typeof ctx?.id !== 'string' || !ctx.id || ctx.id.length > authorLimits.id)
    throw new TypeError('WriterContext.id must be a non-empty id of at most 200 characters');
  if (typeof ctx.name !== 'string' || !ctx.name.trim())
    throw new TypeError('WriterContext.name must be a non-empty display name');
  if (!(roles as readonly string[]).includes(ctx.role))
    throw new TypeError(`WriterContext.role must be one of ${roles.join(', ')}`);
  if (!isIsoTime(ctx.now))
    throw new TypeError(
      `WriterContext.now must be a UTC ISO timestamp (toISOString), got ${String(ctx.now)}`,
    );
}

/** The name stored with an entry: trimmed, and cut to the stored limit. */
export const authorName = (ctx: WriterContext) => ctx.name.trim().slice(0, authorLimits.name);

/** Ids as nanoid makes them (and a little room): what an entry's key must look like. */
export const isEntryId = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);

/** The fields every entry has, as stored. */
export interface EntryFields {
  authorId: string;
  authorName: string;
  createdAt: string;
  withdrawnAt?: string;
}

/** Something a stored entry can be read from: its Y.Map. */
export interface EntrySource {
  get(key: string): unknown;
}

export const text = (map: EntrySource, key: string): string => {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
};

export const time = (map: EntrySource, key: string): string | null => {
  const value = map.get(key);
  return isIsoTime(value) ? value : null;
};

/**
 * Why a stored string field is not acceptable (English, for relay logs), or null.
 * `min` 1 means the field must be a non-empty string; 0 that it may be empty.
 */
export function stringProblem(value: unknown, field: string, min: number, max: number) {
  if (typeof value !== 'string') return `${field} must be a string`;
  if (value.length < min || value.length > max)
    return `${field} must have ${min}–${max} characters`;
  return null;
}

/** Why the shared entry fields are not acceptable (English), or null. */
export function entryFieldsProblem(fields: Record<string, unknown>): string | null {
  return (
    stringProblem(fields.authorId, 'authorId', 1, authorLimits.id) ??
    stringProblem(fields.authorName, 'authorName', 1, authorLimits.name) ??
    (isIsoTime(fields.createdAt) ? null : 'createdAt must be an ISO time') ??
    (fields.withdrawnAt === undefined || isIsoTime(fields.withdrawnAt)
      ? null
      : 'withdrawnAt must be an ISO time')
  );
}

/** Field names other than `allowed` (an entry may hold no others). */
export const unknownFields = (fields: Record<string, unknown>, allowed: readonly string[]) =>
  Object.keys(fields).filter((key) => !allowed.includes(key));

/** The refusal when someone changes what is not theirs (the model checks before writing). */
export const notYours = (field: string, what: string) =>
  new ValidationError({ [field]: `Je kunt alleen je eigen ${what} wijzigen of intrekken.` });
