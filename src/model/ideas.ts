/**
 * The ideas board of a kern (room `kern/<slug>/ideeen`): ideas, reactions under them, and
 * support ("steun"). Many people write this one document, so its shape is what lets the relay
 * check every update per entry (entryRules.ts): everything a person writes is an entry that
 * names them, or a key that contains their id.
 *
 * Document shape (top-level types; no others):
 * - `ideas`     idea id -> flat Y.Map { authorId, authorName, title, text, category,
 *               costCents?, createdAt, updatedAt, withdrawnAt? }
 * - `reactions` reaction id -> flat Y.Map { ideaId, authorId, authorName, text, createdAt,
 *               withdrawnAt? }
 * - `support`   '<ideaId>:<residentId>' -> ISO time the resident gave support. One key per
 *               resident per idea, so two devices of one resident that support offline merge
 *               into ONE entry; withdrawing support deletes the key.
 * Invariants: every write is validated, then ONE transaction with `ctx.origin`; only the
 * author changes or withdraws an idea or reaction; nothing is deleted except one's own
 * support; the support count is derived (distinct keys), never stored. What the committee
 * decides about ideas (taken into the kernagenda, hidden) lives in the kernagenda document
 * (ideaDecisions.ts), which residents cannot write.
 */
import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { isIsoTime } from './agendaDoc';
import { authorName, checkWriter, notYours, text, type WriterContext } from './boardEntry';
import {
  parseSupportKey,
  readIdea,
  supportKey,
  validateIdeaInput,
  validateReactionText,
  type Idea,
  type IdeaInput,
  type Reaction,
} from './idea';
import { ValidationError, assertValid, isCents } from './validation';

export * from './idea';

export const ideasOf = (doc: Y.Doc) => doc.getMap<unknown>('ideas');
export const reactionsOf = (doc: Y.Doc) => doc.getMap<unknown>('reactions');
export const supportOf = (doc: Y.Doc) => doc.getMap<unknown>('support');

const unknownIdea = () => new ValidationError({ idea: 'Dit idee bestaat niet (meer).' });
const withdrawnIdea = () => new ValidationError({ idea: 'Dit idee is ingetrokken.' });

function ideaMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = ideasOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw unknownIdea();
  return map;
}

function ownIdea(doc: Y.Doc, id: string, ctx: WriterContext): Y.Map<unknown> {
  const map = ideaMap(doc, id);
  if (map.get('authorId') !== ctx.id) throw notYours('idea', 'idee');
  return map;
}

/** Adds an idea and returns its id. Throws ValidationError (nothing written) on bad input. */
export function addIdea(doc: Y.Doc, input: IdeaInput, ctx: WriterContext): string {
  checkWriter(ctx);
  assertValid(validateIdeaInput(input, ctx.config));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    ideasOf(doc).set(id, map);
    map.set('authorId', ctx.id);
    map.set('authorName', authorName(ctx));
    map.set('title', input.title.trim());
    map.set('text', (input.text ?? '').trim());
    map.set('category', input.category);
    if (isCents(input.costCents)) map.set('costCents', input.costCents);
    map.set('createdAt', ctx.now);
    map.set('updatedAt', ctx.now);
  }, ctx.origin ?? null);
  return id;
}

/** Changes the given fields of one's own idea, writing only those that differ. */
export function updateIdea(
  doc: Y.Doc,
  id: string,
  patch: Partial<IdeaInput>,
  ctx: WriterContext,
): void {
  checkWriter(ctx);
  const map = ownIdea(doc, id, ctx);
  if (map.has('withdrawnAt')) throw withdrawnIdea();
  const current = readIdea(id, map);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: IdeaInput = {
    title: current.title,
    text: current.text,
    category: current.category,
    costCents: current.costCents,
    ...given,
  };
  const errors = validateIdeaInput(merged, ctx.config);
  // Fields the patch leaves alone keep their stored value (a theme the configuration dropped).
  assertValid(Object.fromEntries(Object.entries(errors).filter(([k]) => k in given)));
  const changes: [string, unknown][] = [];
  const title = merged.title.trim();
  const body = (merged.text ?? '').trim();
  if (title !== current.title) changes.push(['title', title]);
  if (body !== current.text) changes.push(['text', body]);
  if (merged.category !== current.category) changes.push(['category', merged.category]);
  const cost = merged.costCents ?? null;
  if (cost !== current.costCents) changes.push(['costCents', cost]);
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [key, value] of changes)
      if (value === null) map.delete(key);
      else map.set(key, value);
    map.set('updatedAt', ctx.now);
  }, ctx.origin ?? null);
}

/** Withdraws one's own idea: hidden from the board, its data kept. No-op when withdrawn. */
export function withdrawIdea(doc: Y.Doc, id: string, ctx: WriterContext): void {
  checkWriter(ctx);
  const map = ownIdea(doc, id, ctx);
  if (map.has('withdrawnAt')) return;
  doc.transact(() => map.set('withdrawnAt', ctx.now), ctx.origin ?? null);
}

/** Adds a reaction under a live idea and returns its id. */
export function addReaction(
  doc: Y.Doc,
  ideaId: string,
  reaction: string,
  ctx: WriterContext,
): string {
  checkWriter(ctx);
  if (ideaMap(doc, ideaId).has('withdrawnAt')) throw withdrawnIdea();
  assertValid(validateReactionText(reaction));
  const id = nanoid();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    reactionsOf(doc).set(id, map);
    map.set('ideaId', ideaId);
    map.set('authorId', ctx.id);
    map.set('authorName', authorName(ctx));
    map.set('text', reaction.trim());
    map.set('createdAt', ctx.now);
  }, ctx.origin ?? null);
  return id;
}

/** Withdraws one's own reaction (kept in the data, no longer shown). */
export function withdrawReaction(doc: Y.Doc, id: string, ctx: WriterContext): void {
  checkWriter(ctx);
  const map = reactionsOf(doc).get(id);
  if (!(map instanceof Y.Map))
    throw new ValidationError({ reaction: 'Deze reactie bestaat niet (meer).' });
  if (map.get('authorId') !== ctx.id) throw notYours('reaction', 'reactie');
  if (map.has('withdrawnAt')) return;
  doc.transact(() => map.set('withdrawnAt', ctx.now), ctx.origin ?? null);
}

/** Gives (`on`) or withdraws one's support for an idea. Giving it twice changes nothing. */
export function setSupport(doc: Y.Doc, ideaId: string, on: boolean, ctx: WriterContext): void {
  checkWriter(ctx);
  const idea = ideaMap(doc, ideaId);
  const support = supportOf(doc);
  const key = supportKey(ideaId, ctx.id);
  if (on === support.has(key)) return;
  if (on && idea.has('withdrawnAt')) throw withdrawnIdea();
  doc.transact(() => {
    if (on) support.set(key, ctx.now);
    else support.delete(key);
  }, ctx.origin ?? null);
}

const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1;

export interface ReadIdeasOptions {
  /** 'steun': most support first; 'nieuw' (default): newest first. */
  sort?: 'steun' | 'nieuw';
  /** The reader's id, for `supportedByViewer`. */
  viewerId?: string;
  /** Also list withdrawn ideas (for their author). */
  includeWithdrawn?: boolean;
}

/** The board as frozen plain snapshots, with derived support counts. */
export function readIdeas(doc: Y.Doc, options: ReadIdeasOptions = {}): readonly Idea[] {
  const counts = new Map<string, number>();
  const byViewer = new Set<string>();
  supportOf(doc).forEach((value, key) => {
    const parsed = parseSupportKey(key);
    if (!parsed || !isIsoTime(value)) return;
    counts.set(parsed.ideaId, (counts.get(parsed.ideaId) ?? 0) + 1);
    if (parsed.residentId === options.viewerId) byViewer.add(parsed.ideaId);
  });
  const reactions = new Map<string, Reaction[]>();
  reactionsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map) || map.has('withdrawnAt')) return;
    const reaction: Reaction = Object.freeze({
      id,
      ideaId: text(map, 'ideaId'),
      authorId: text(map, 'authorId'),
      authorName: text(map, 'authorName'),
      text: text(map, 'text'),
      createdAt: text(map, 'createdAt'),
    });
    const list = reactions.get(reaction.ideaId) ?? [];
    list.push(reaction);
    reactions.set(reaction.ideaId, list);
  });
  const ideas: Idea[] = [];
  ideasOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const idea = readIdea(id, map);
    if (idea.withdrawn && !options.includeWithdrawn) return;
    const list = (reactions.get(id) ?? []).sort((a, b) => -newestFirst(a, b));
    ideas.push(
      Object.freeze({
        ...idea,
        support: counts.get(id) ?? 0,
        supportedByViewer: byViewer.has(id),
        reactions: Object.freeze(list),
      }),
    );
  });
  if (options.sort === 'steun') ideas.sort((a, b) => b.support - a.support || newestFirst(a, b));
  else ideas.sort(newestFirst);
  return Object.freeze(ideas);
}
