/**
 * One kernagendapunt: its type, its validator and its read-time defaults, together.
 *
 * Stored as a flat Y.Map per point (so concurrent edits of different fields both survive);
 * the budget request is flattened into `budgetYear`, `budgetCents`, `budgetKind` and
 * `budgetRequestedAt`. A request exists when year, cents and kind are all valid; anything
 * else reads as no request. Missing or unknown values read as defaults (additive schema,
 * no migrations). A point with `deletedAt` is a tombstone: hidden, its data kept.
 * `description` is a Y.Text (collaborative, see description.ts) or, in older documents, a
 * plain string; both read as a string.
 */
import * as Y from 'yjs';
import type { GemeenteConfig } from '../config/gemeente';
import { isCents, isYear, messages } from './validation';

export const owners = ['inwoners', 'gemeente', 'waterschap', 'provincie', 'samen'] as const;
export type Owner = (typeof owners)[number];
export const statuses = [
  'idee',
  'in-voorbereiding',
  'in-uitvoering',
  'gerealiseerd',
  'lukt-niet',
] as const;
export type Status = (typeof statuses)[number];

export const ownerLabels: Record<Owner, string> = {
  inwoners: 'Inwoners',
  gemeente: 'Gemeente',
  waterschap: 'Waterschap',
  provincie: 'Provincie',
  samen: 'Samen',
};
export const statusLabels: Record<Status, string> = {
  idee: 'Idee',
  'in-voorbereiding': 'In voorbereiding',
  'in-uitvoering': 'In uitvoering',
  gerealiseerd: 'Gerealiseerd',
  'lukt-niet': 'Lukt niet',
};

export type BudgetKind = 'nieuw' | 'bestaand';
export const budgetKinds: readonly BudgetKind[] = ['nieuw', 'bestaand'];
export const budgetKindLabels: Record<BudgetKind, string> = {
  nieuw: 'Nieuw initiatief',
  bestaand: 'Bestaande activiteit',
};

export interface BudgetRequest {
  year: number;
  amountCents: number;
  kind: BudgetKind;
  /** ISO time the request was made, or its amount or year last changed. */
  requestedAt: string;
}

export interface Point {
  id: string;
  title: string;
  description: string;
  /** A theme id of the configuration (may be unknown if the configuration changed since). */
  theme: string;
  owner: Owner;
  status: Status;
  contact: string;
  budget: BudgetRequest | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Whether two reads of a point say the same (each read makes new objects). */
export function samePoint(a: Point, b: Point): boolean {
  return a === b || (sameFields(a, b, ['budget']) && sameFields(a.budget ?? {}, b.budget ?? {}));
}

function sameFields(a: object, b: object, skip: readonly string[] = []): boolean {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => skip.includes(key) || x[key] === y[key]);
}

export interface PointInput {
  title: string;
  description?: string;
  theme: string;
  owner: Owner;
  status: Status;
  contact?: string;
  budget?: { year: number; amountCents: number; kind: BudgetKind } | null;
}

export const limits = { title: 120, description: 2000, contact: 100 } as const;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** Dutch messages per field ({} when valid). The UI form shows them inline. */
export function validatePointInput(
  input: PointInput,
  config: GemeenteConfig,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const title = text(input?.title).trim();
  if (!title) errors.title = 'Vul een titel in.';
  else if (title.length > limits.title)
    errors.title = `Maak de titel korter: ten hoogste ${limits.title} tekens.`;
  if (input?.description !== undefined && typeof input.description !== 'string')
    errors.description = 'Vul een beschrijving in als tekst.';
  else if (text(input?.description).trim().length > limits.description)
    errors.description = `Maak de beschrijving korter: ten hoogste ${limits.description} tekens.`;
  if (input?.contact !== undefined && typeof input.contact !== 'string')
    errors.contact = 'Vul de contactpersoon in als tekst.';
  else if (text(input?.contact).trim().length > limits.contact)
    errors.contact = `Maak de contactpersoon korter: ten hoogste ${limits.contact} tekens.`;
  if (!text(input?.theme)) errors.theme = 'Kies een thema.';
  else if (!config.theme(input.theme)) errors.theme = 'Kies een thema uit de lijst.';
  if (!isOneOf(owners, input?.owner)) errors.owner = 'Kies wie dit punt oppakt.';
  if (!isOneOf(statuses, input?.status)) errors.status = 'Kies een status.';
  const budget = input?.budget;
  if (budget !== undefined && budget !== null) {
    if (typeof budget !== 'object') errors.amount = messages.amount;
    else {
      if (!isCents(budget.amountCents)) errors.amount = messages.amount;
      if (!isYear(budget.year)) errors.year = messages.year;
      if (!isOneOf(budgetKinds, budget.kind))
        errors.kind = 'Kies of het een nieuw initiatief of een bestaande activiteit is.';
    }
  }
  return errors;
}

/** The flat field names of a point's Y.Map. */
export type PointField =
  | 'title'
  | 'description'
  | 'theme'
  | 'owner'
  | 'status'
  | 'contact'
  | 'budgetYear'
  | 'budgetCents'
  | 'budgetKind'
  | 'budgetRequestedAt'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'updatedBy'
  | 'deletedAt'
  | 'deletedBy';

export type PointMap = Y.Map<unknown>;

/** What `readPoint` reads from: a point's Y.Map, or a plain stored copy of one (versions). */
export interface PointSource {
  get(key: string): unknown;
}

/** The text of a stored description: a Y.Text, a legacy string, or nothing. */
export function descriptionOf(value: unknown): string {
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

const str = (map: PointSource, key: PointField): string => {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
};

function readBudget(map: PointSource): BudgetRequest | null {
  const year = map.get('budgetYear');
  const amountCents = map.get('budgetCents');
  const kind = map.get('budgetKind');
  if (!isYear(year) || !isCents(amountCents) || !isOneOf(budgetKinds, kind)) return null;
  return Object.freeze({ year, amountCents, kind, requestedAt: str(map, 'budgetRequestedAt') });
}

/** A frozen snapshot of one stored point, with read-time defaults for missing fields. */
export function readPoint(id: string, map: PointSource): Point {
  const owner = map.get('owner');
  const status = map.get('status');
  return Object.freeze({
    id,
    title: str(map, 'title'),
    description: descriptionOf(map.get('description')),
    theme: str(map, 'theme'),
    owner: isOneOf(owners, owner) ? owner : 'samen',
    status: isOneOf(statuses, status) ? status : 'idee',
    contact: str(map, 'contact'),
    budget: readBudget(map),
    createdAt: str(map, 'createdAt'),
    createdBy: str(map, 'createdBy'),
    updatedAt: str(map, 'updatedAt'),
    updatedBy: str(map, 'updatedBy'),
  });
}

export function isDeleted(map: PointSource): boolean {
  return map.get('deletedAt') !== undefined;
}
