/**
 * What the committee decides about the ideas of its kern's ideas board: an idea taken into the
 * kernagenda, or hidden by moderation (with a reason; restorable). The decisions live in the
 * kernagenda document (room `kern/<slug>/agenda`), which only the committee writes, so no
 * resident can undo them; the ideas board (ideas.ts) stays the residents' own.
 *
 * Shape, in the agenda document:
 * - `ideaDecisions` '<ideaId>:taken'  -> plain { kern, pointId, at, by }
 *                   '<ideaId>:hidden' -> plain { kern, reason, at, by } (restoring deletes it)
 * - the point's own Y.Map gets `fromIdea` = the idea id, so the link goes both ways.
 * One key per decision (not one Y.Map per idea): two committee devices that decide about the
 * same idea offline (one hides it, the other takes it in) keep both decisions. `kern` is the
 * ideas board's kern, as kernen that share a kernagenda each have their own board.
 */
import * as Y from 'yjs';
import { checkContext, ideaDecisionsOf, isIsoTime, pointsOf, type EditContext } from './agendaDoc';
import { addPoint } from './kernagenda';
import { isDeleted, validatePointInput, type PointInput } from './point';
import type { Idea } from './ideas';
import { ValidationError, assertValid } from './validation';

export const hideReasonLimit = 300;

export interface IdeaDecision {
  ideaId: string;
  kern: string;
  /** The kernagendapunt it became, when it was taken into the kernagenda. */
  taken: { pointId: string; at: string; by: string } | null;
  /** Set while the committee hides it. */
  hidden: { reason: string; at: string; by: string } | null;
}

/** An idea of the board with what the committee decided about it. */
export type DecidedIdea = Idea & Pick<IdeaDecision, 'taken' | 'hidden'>;

const unknownPoint = () => new ValidationError({ point: 'Dit punt bestaat niet (meer).' });

function checkTarget(ideaId: string, kern: string, ctx: EditContext) {
  checkContext(ctx);
  if (typeof ideaId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(ideaId))
    throw new ValidationError({ idea: 'Dit idee bestaat niet (meer).' });
  if (!ctx.config.kern(kern)) throw new ValidationError({ kern: 'Deze kern kennen we niet.' });
}

/** Links an idea and an existing live point both ways ("opgenomen in de kernagenda"). */
export function linkIdeaToPoint(
  doc: Y.Doc,
  target: { ideaId: string; kern: string },
  pointId: string,
  ctx: EditContext,
): void {
  checkTarget(target.ideaId, target.kern, ctx);
  const point = pointsOf(doc).get(pointId);
  if (!(point instanceof Y.Map) || isDeleted(point)) throw unknownPoint();
  doc.transact(() => {
    point.set('fromIdea', target.ideaId);
    ideaDecisionsOf(doc).set(`${target.ideaId}:taken`, {
      kern: target.kern,
      pointId,
      at: ctx.now,
      by: ctx.actor,
    });
  }, ctx.origin ?? null);
}

/**
 * Makes a new kernagendapunt from an idea (title, text as description, its category as
 * theme, picked up by the residents, status 'idee'; `point` overrides any of these) and links
 * both, in one transaction. Returns the point's id.
 */
export function takeIdeaIntoAgenda(
  doc: Y.Doc,
  target: { idea: Pick<Idea, 'id' | 'title' | 'text' | 'category'>; kern: string },
  ctx: EditContext,
  point: Partial<PointInput> = {},
): string {
  const { idea, kern } = target;
  checkTarget(idea.id, kern, ctx);
  if (readIdeaDecisions(doc)[idea.id]?.taken)
    throw new ValidationError({ idea: 'Dit idee staat al in de kernagenda.' });
  const input: PointInput = {
    title: idea.title,
    description: idea.text,
    theme: idea.category,
    owner: 'inwoners',
    status: 'idee',
    ...point,
  };
  assertValid(validatePointInput(input, ctx.config));
  let pointId = '';
  doc.transact(() => {
    pointId = addPoint(doc, input, ctx);
    linkIdeaToPoint(doc, { ideaId: idea.id, kern }, pointId, ctx);
  }, ctx.origin ?? null);
  return pointId;
}

/** Hides an idea from the board, with a reason people can read. */
export function hideIdea(
  doc: Y.Doc,
  target: { ideaId: string; kern: string },
  reason: string,
  ctx: EditContext,
): void {
  checkTarget(target.ideaId, target.kern, ctx);
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) throw new ValidationError({ reason: 'Schrijf waarom je dit idee verbergt.' });
  if (text.length > hideReasonLimit)
    throw new ValidationError({
      reason: `Maak de reden korter: ten hoogste ${hideReasonLimit} tekens.`,
    });
  doc.transact(() => {
    ideaDecisionsOf(doc).set(`${target.ideaId}:hidden`, {
      kern: target.kern,
      reason: text,
      at: ctx.now,
      by: ctx.actor,
    });
  }, ctx.origin ?? null);
}

/** Shows a hidden idea again. No-op when it is not hidden. */
export function restoreIdea(doc: Y.Doc, ideaId: string, ctx: EditContext): void {
  checkContext(ctx);
  const decisions = ideaDecisionsOf(doc);
  const key = `${ideaId}:hidden`;
  if (!decisions.has(key)) return;
  doc.transact(() => decisions.delete(key), ctx.origin ?? null);
}

/** The idea a point was made from (`fromIdea`), or null. */
export function ideaOfPoint(doc: Y.Doc, pointId: string): string | null {
  const point = pointsOf(doc).get(pointId);
  const from = point instanceof Y.Map ? point.get('fromIdea') : undefined;
  return typeof from === 'string' ? from : null;
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

function livePoint(doc: Y.Doc, pointId: string): boolean {
  const point = pointsOf(doc).get(pointId);
  return point instanceof Y.Map && !isDeleted(point);
}

/**
 * Every decision by idea id (optionally only those of one kern's board), frozen. An idea
 * counts as taken only while its point is live: a deleted (or undone) point frees it again.
 */
export function readIdeaDecisions(
  doc: Y.Doc,
  kern?: string,
): Readonly<Record<string, IdeaDecision>> {
  const byIdea: Record<string, IdeaDecision> = {};
  ideaDecisionsOf(doc).forEach((value, key) => {
    const match = /^([A-Za-z0-9_-]{1,64}):(taken|hidden)$/.exec(key);
    const r = record(value);
    if (!match || !r || !isIsoTime(r.at)) return;
    if (kern !== undefined && r.kern !== kern) return;
    const ideaId = match[1]!;
    const decision = (byIdea[ideaId] ??= { ideaId, kern: str(r.kern), taken: null, hidden: null });
    const common = { at: r.at, by: str(r.by) };
    if (match[2] === 'taken' && typeof r.pointId === 'string' && livePoint(doc, r.pointId))
      decision.taken = Object.freeze({ pointId: r.pointId, ...common });
    if (match[2] === 'hidden')
      decision.hidden = Object.freeze({ reason: str(r.reason), ...common });
  });
  for (const decision of Object.values(byIdea)) Object.freeze(decision);
  return Object.freeze(byIdea);
}

/**
 * The board as residents see it (pure): each idea with the committee's decisions; hidden
 * ideas are left out unless `showHidden` (for the committee).
 */
export function withDecisions(
  ideas: readonly Idea[],
  decisions: Readonly<Record<string, IdeaDecision>>,
  options: { showHidden?: boolean } = {},
): readonly DecidedIdea[] {
  const list: DecidedIdea[] = [];
  for (const idea of ideas) {
    const decision = decisions[idea.id];
    const hidden = decision?.hidden ?? null;
    if (hidden && !options.showHidden) continue;
    list.push(Object.freeze({ ...idea, taken: decision?.taken ?? null, hidden }));
  }
  return Object.freeze(list);
}
