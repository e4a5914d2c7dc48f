/**
 * The records of the ideas board: an idea, a reaction, a support key. Their types, the
 * Dutch validators of what people type, the read-time defaults, and the stored shapes the
 * relay checks (entryRules.ts), together; ideas.ts writes and reads them in the document.
 */
import { isIsoTime } from './agendaDoc';
import {
  entryFieldsProblem,
  isEntryId,
  stringProblem,
  text,
  time,
  unknownFields,
  type EntrySource,
} from './boardEntry';
import { isCents, messages } from './validation';
import type { GemeenteConfig } from '../config/gemeente';

/** The key of one resident's support for one idea in the `support` map. */
export const supportKey = (ideaId: string, residentId: string) => `${ideaId}:${residentId}`;

/** The idea and resident of a support key (idea ids have no ':'), or null. */
export function parseSupportKey(key: string): { ideaId: string; residentId: string } | null {
  const at = key.indexOf(':');
  if (at < 0) return null;
  const ideaId = key.slice(0, at);
  const residentId = key.slice(at + 1);
  return isEntryId(ideaId) && residentId ? { ideaId, residentId } : null;
}

export const ideaLimits = { title: 120, text: 2000, reaction: 1000 } as const;

export interface IdeaInput {
  title: string;
  text?: string;
  /** A theme id of the gemeente's configuration. */
  category: string;
  /** Rough cost in cents; null or absent when unknown. */
  costCents?: number | null;
}

export interface Reaction {
  id: string;
  ideaId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface Idea {
  id: string;
  authorId: string;
  authorName: string;
  title: string;
  text: string;
  category: string;
  costCents: number | null;
  createdAt: string;
  updatedAt: string;
  withdrawn: boolean;
  withdrawnAt: string | null;
  /** How many residents support it (distinct support keys). */
  support: number;
  /** Whether the `viewerId` passed to readIdeas supports it. */
  supportedByViewer: boolean;
  /** Reactions that are not withdrawn, oldest first. */
  reactions: readonly Reaction[];
}

/** Dutch messages per field ({} when valid). The form shows them inline. */
export function validateIdeaInput(input: IdeaInput, config: GemeenteConfig) {
  const errors: Record<string, string> = {};
  const title = typeof input?.title === 'string' ? input.title.trim() : '';
  if (!title) errors.title = 'Vul een titel in.';
  else if (title.length > ideaLimits.title)
    errors.title = `Maak de titel korter: ten hoogste ${ideaLimits.title} tekens.`;
  if (input?.text !== undefined && typeof input.text !== 'string')
    errors.text = 'Vul de uitleg in als tekst.';
  else if ((input?.text ?? '').trim().length > ideaLimits.text)
    errors.text = `Maak de uitleg korter: ten hoogste ${ideaLimits.text} tekens.`;
  if (typeof input?.category !== 'string' || !input.category) errors.category = 'Kies een thema.';
  else if (!config.theme(input.category)) errors.category = 'Kies een thema uit de lijst.';
  const cost = input?.costCents;
  if (cost !== undefined && cost !== null && !isCents(cost)) errors.costCents = messages.amount;
  return errors;
}

export function validateReactionText(value: string): Record<string, string> {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) return { text: 'Schrijf eerst je reactie.' };
  if (trimmed.length > ideaLimits.reaction)
    return { text: `Maak je reactie korter: ten hoogste ${ideaLimits.reaction} tekens.` };
  return {};
}

/** The stored fields of an idea, with read-time defaults (support and reactions come apart). */
export function readIdea(id: string, map: EntrySource) {
  const cost = map.get('costCents');
  const withdrawnAt = time(map, 'withdrawnAt');
  return {
    id,
    authorId: text(map, 'authorId'),
    authorName: text(map, 'authorName'),
    title: text(map, 'title'),
    text: text(map, 'text'),
    category: text(map, 'category'),
    costCents: isCents(cost) ? cost : null,
    createdAt: text(map, 'createdAt'),
    updatedAt: text(map, 'updatedAt'),
    withdrawn: map.get('withdrawnAt') !== undefined,
    withdrawnAt,
  };
}

// The stored shapes, for the relay's per-entry check (entryRules.ts). Reasons are English,
// for logs. The relay and the PWA ship together: a new field is added here as well.

export const ideaFields = [
  'authorId',
  'authorName',
  'title',
  'text',
  'category',
  'costCents',
  'createdAt',
  'updatedAt',
  'withdrawnAt',
] as const;
/** What the author may change after creating an idea. */
export const ideaEditable = ['title', 'text', 'category', 'costCents', 'updatedAt', 'withdrawnAt'];

export function storedIdeaProblem(fields: Record<string, unknown>): string | null {
  const extra = unknownFields(fields, ideaFields);
  if (extra.length) return `unknown field ${extra[0]}`;
  return (
    entryFieldsProblem(fields) ??
    stringProblem(fields.title, 'title', 1, ideaLimits.title) ??
    stringProblem(fields.text, 'text', 0, ideaLimits.text) ??
    (typeof fields.category === 'string' && /^[a-z0-9-]{1,64}$/.test(fields.category)
      ? null
      : 'category must be a theme id') ??
    (fields.costCents === undefined || isCents(fields.costCents)
      ? null
      : 'costCents must be whole cents') ??
    (isIsoTime(fields.updatedAt) ? null : 'updatedAt must be an ISO time')
  );
}

export const reactionFields = [
  'ideaId',
  'authorId',
  'authorName',
  'text',
  'createdAt',
  'withdrawnAt',
] as const;
/** What the author may change after reacting: only withdrawing it. */
export const reactionEditable = ['withdrawnAt'];

export function storedReactionProblem(fields: Record<string, unknown>): string | null {
  const extra = unknownFields(fields, reactionFields);
  if (extra.length) return `unknown field ${extra[0]}`;
  return (
    entryFieldsProblem(fields) ??
    (isEntryId(fields.ideaId) ? null : 'ideaId must be an id') ??
    stringProblem(fields.text, 'text', 1, ideaLimits.reaction)
  );
}

export const storedSupportProblem = (value: unknown): string | null =>
  isIsoTime(value) ? null : 'support must be an ISO time';
