/**
 * The shape of a kernagenda's Y.Doc and the edit context every write takes.
 *
 * Owns the names of the top-level types, so the write modules (kernagenda, activity,
 * versions, undo) agree on them without importing each other:
 * - `points`   id -> flat Y.Map per point (see point.ts)
 * - `budgets`  year as a string -> cents the committee set for that year
 * - `meta`     `example: true` when the demo filled the agenda
 * - `activity` append-only Y.Array of small plain log entries (see activity.ts)
 * - `versions` id -> an immutable plain copy of the agenda (see versions.ts)
 * - `ideaDecisions` what the committee decided about ideas of the ideas board (ideaDecisions.ts)
 * - `samen`    the joint projects this kern started or joined (samenLinks.ts)
 * New top-level types are additive: an older version ignores them and keeps them.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';

export interface EditContext {
  /** Display name of who edits. */
  actor: string;
  /** ISO time of the edit (the clock is passed in). */
  now: string;
  config: GemeenteConfig;
  /** Transaction origin, so providers and undo managers can tell local edits apart. */
  origin?: unknown;
}

export const pointsOf = (doc: Y.Doc) => doc.getMap<unknown>('points');
export const budgetsOf = (doc: Y.Doc) => doc.getMap<unknown>('budgets');
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const activityOf = (doc: Y.Doc) => doc.getArray<unknown>('activity');
export const versionsOf = (doc: Y.Doc) => doc.getMap<unknown>('versions');
export const ideaDecisionsOf = (doc: Y.Doc) => doc.getMap<unknown>('ideaDecisions');

// UTC ISO times as `Date.prototype.toISOString` writes them, so string order is time order.
export const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && isoTime.test(value) && !Number.isNaN(Date.parse(value));

/** Throws TypeError for a missing actor or a clock that is not UTC ISO (a programming error). */
export function checkContext(ctx: Pick<EditContext, 'actor' | 'now'>): void {
  if (typeof ctx?.actor !== 'string' || !ctx.actor.trim())
    throw new TypeError('EditContext.actor must be a non-empty display name');
  if (!isIsoTime(ctx.now))
    throw new TypeError(
      `EditContext.now must be a UTC ISO timestamp (toISOString), got ${String(ctx.now)}`,
    );
}
