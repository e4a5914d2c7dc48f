/**
 * One project on the inspiratieplein: its type, its Dutch validator and its read-time
 * defaults, together; inspiration.ts writes and reads it in the `plein/inspiratie` document.
 *
 * Stored as a flat Y.Map per project (concurrent edits of different fields both survive):
 * `kern`, `title`, `theme`, `description`, `status`, `realisedIn`, `costCents`,
 * `fundBudgetCents`, `fundOwnCents`, `volunteerHours`, `otherFunds` (a plain array of
 * { name, cents }), `needs` (a plain array of { kind, text }), `lessons`, `contactName`,
 * `contactReach`, `sourceKern` + `sourcePoint` (when published from a kernagendapunt),
 * `createdAt/By`, `updatedAt/By`, and `removedAt/By` for a tombstone. A list is one value:
 * two devices that change the same list offline keep one of the two lists (the map's rule).
 * Money is integer cents; unknown or missing values read as defaults (additive schema).
 * Only a realised project has a year (`realisedIn`); a planned one reads as null.
 */
import type { GemeenteConfig } from '../config/gemeente';
import { isCents, isYear, messages } from './validation';

export const projectStatuses = ['gepland', 'gerealiseerd'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const projectStatusLabels: Record<ProjectStatus, string> = {
  gepland: 'Gepland',
  gerealiseerd: 'Gerealiseerd',
};

/** What a project needed, as a checklist for whoever takes it over. */
export const needKinds = [
  'vergunning',
  'materiaal',
  'vrijwilligers',
  'onderhoud',
  'anders',
] as const;
export type NeedKind = (typeof needKinds)[number];
export const needKindLabels: Record<NeedKind, string> = {
  vergunning: 'Vergunning',
  materiaal: 'Materiaal',
  vrijwilligers: 'Vrijwilligers',
  onderhoud: 'Onderhoud daarna',
  anders: 'Anders',
};

export const projectLimits = {
  title: 120,
  description: 4000,
  lessons: 2000,
  needText: 200,
  needs: 30,
  fundName: 80,
  funds: 10,
  contactName: 100,
  contactReach: 120,
  volunteerHours: 1_000_000,
} as const;

export interface OtherFund {
  name: string;
  cents: number;
}
export interface Need {
  kind: NeedKind;
  text: string;
}
export interface Funding {
  /** From the kern's own budget (leefbaarheidsbudget; in West Betuwe the kernagendabudget). */
  budgetCents: number;
  /** Own contribution in money. */
  ownMoneyCents: number;
  /** Own contribution in volunteer hours. */
  volunteerHours: number;
  otherFunds: readonly OtherFund[];
}
export interface TakeUp {
  /** The point the project became in that kern's kernagenda. */
  pointId: string;
  at: string;
  by: string;
}

export interface Project {
  id: string;
  kern: string;
  title: string;
  /** A theme id of the configuration (may be unknown if the configuration changed since). */
  theme: string;
  description: string;
  status: ProjectStatus;
  realisedIn: number | null;
  costCents: number | null;
  funding: Readonly<Funding>;
  needs: readonly Readonly<Need>[];
  lessons: string;
  contact: Readonly<{ name: string; reach: string }>;
  /** The kernagendapunt it was published from. */
  source: Readonly<{ kern: string; pointId: string }> | null;
  /** Kernen that took it over ("overgenomen door"), by kern slug. */
  takenUpBy: Readonly<Record<string, Readonly<TakeUp>>>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ProjectInput {
  kern: string;
  title: string;
  theme: string;
  description?: string;
  status: ProjectStatus;
  /** The year it was finished; only kept for a realised project. */
  realisedIn?: number | null;
  costCents?: number | null;
  funding?: Partial<Funding>;
  needs?: readonly Need[];
  lessons?: string;
  contact?: { name?: string; reach?: string };
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isHours = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= 0 &&
  value <= projectLimits.volunteerHours;

function longText(
  errors: Record<string, string>,
  field: string,
  value: unknown,
  max: number,
  what: string,
) {
  if (value === undefined) return;
  if (typeof value !== 'string') errors[field] = `Vul ${what} in als tekst.`;
  else if (value.trim().length > max)
    errors[field] = `Maak ${what} korter: ten hoogste ${max} tekens.`;
}

/** Dutch messages per field ({} when valid). The form shows them inline. */
export function validateProjectInput(
  input: ProjectInput,
  config: GemeenteConfig,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!textOf(input?.kern)) errors.kern = 'Kies de kern van dit project.';
  else if (!config.kern(input.kern)) errors.kern = 'Deze kern kennen we niet.';
  const title = textOf(input?.title);
  if (!title) errors.title = 'Vul een titel in.';
  else if (title.length > projectLimits.title)
    errors.title = `Maak de titel korter: ten hoogste ${projectLimits.title} tekens.`;
  if (!textOf(input?.theme)) errors.theme = 'Kies een thema.';
  else if (!config.theme(input.theme)) errors.theme = 'Kies een thema uit de lijst.';
  longText(errors, 'description', input?.description, projectLimits.description, 'de beschrijving');
  longText(errors, 'lessons', input?.lessons, projectLimits.lessons, 'de lessen');
  if (!isOneOf(projectStatuses, input?.status))
    errors.status = 'Kies of het project gepland of gerealiseerd is.';
  else if (input.status === 'gerealiseerd') {
    if (input.realisedIn === undefined || input.realisedIn === null)
      errors.realisedIn = 'Vul het jaar in waarin het project klaar was.';
    else if (!isYear(input.realisedIn)) errors.realisedIn = messages.year;
  }
  const cost = input?.costCents;
  if (cost !== undefined && cost !== null && !isCents(cost)) errors.cost = messages.amount;

  const funding = input?.funding ?? {};
  if (typeof funding !== 'object') errors.funding = 'Vul de bijdragen opnieuw in.';
  else {
    if (funding.budgetCents !== undefined && !isCents(funding.budgetCents))
      errors.budget = messages.amount;
    if (funding.ownMoneyCents !== undefined && !isCents(funding.ownMoneyCents))
      errors.ownMoney = messages.amount;
    if (funding.volunteerHours !== undefined && !isHours(funding.volunteerHours))
      errors.volunteerHours = 'Vul de vrijwilligersuren in als een heel getal: 0 of meer.';
    const funds = funding.otherFunds;
    if (funds !== undefined) {
      if (!Array.isArray(funds) || funds.length > projectLimits.funds)
        errors.otherFunds = `Noem ten hoogste ${projectLimits.funds} andere fondsen.`;
      else if (
        funds.some((f) => {
          const name = textOf(f?.name);
          return !name || name.length > projectLimits.fundName || !isCents(f?.cents);
        })
      )
        errors.otherFunds = `Geef elk ander fonds een naam (ten hoogste ${projectLimits.fundName} tekens) en een geldig bedrag.`;
    }
    if (isCents(cost) && !errors.budget && !errors.ownMoney && !errors.otherFunds) {
      const money =
        (funding.budgetCents ?? 0) +
        (funding.ownMoneyCents ?? 0) +
        (funds ?? []).reduce((sum, f) => sum + f.cents, 0);
      if (money > cost) errors.funding = 'De bijdragen in geld zijn samen meer dan de kosten.';
    }
  }

  const needs = input?.needs;
  if (needs !== undefined) {
    if (!Array.isArray(needs) || needs.length > projectLimits.needs)
      errors.needs = `Noem ten hoogste ${projectLimits.needs} dingen die nodig waren.`;
    else if (
      needs.some((n) => {
        const text = textOf(n?.text);
        return !isOneOf(needKinds, n?.kind) || !text || text.length > projectLimits.needText;
      })
    )
      errors.needs = `Kies bij alles wat nodig was een soort, en schrijf het op in ten hoogste ${projectLimits.needText} tekens.`;
  }

  const contact = input?.contact ?? {};
  longText(
    errors,
    'contactName',
    contact.name,
    projectLimits.contactName,
    'de naam van de contactpersoon',
  );
  longText(
    errors,
    'contactReach',
    contact.reach,
    projectLimits.contactReach,
    'hoe je de contactpersoon bereikt',
  );
  return errors;
}

/** The flat stored values of a valid input (keys as above; null means: no value). */
export function storedValues(input: ProjectInput): Record<string, unknown> {
  const funding = input.funding ?? {};
  const realised = input.status === 'gerealiseerd';
  return {
    kern: input.kern,
    title: input.title.trim(),
    theme: input.theme,
    description: textOf(input.description),
    status: input.status,
    realisedIn: realised ? (input.realisedIn ?? null) : null,
    costCents: input.costCents ?? null,
    fundBudgetCents: funding.budgetCents ?? 0,
    fundOwnCents: funding.ownMoneyCents ?? 0,
    volunteerHours: funding.volunteerHours ?? 0,
    otherFunds: (funding.otherFunds ?? []).map((f) => ({ name: f.name.trim(), cents: f.cents })),
    needs: (input.needs ?? []).map((n) => ({ kind: n.kind, text: n.text.trim() })),
    lessons: textOf(input.lessons),
    contactName: textOf(input.contact?.name),
    contactReach: textOf(input.contact?.reach),
  };
}

/** What `readProject` reads from: a project's Y.Map. */
export interface ProjectSource {
  get(key: string): unknown;
}

const str = (map: ProjectSource, key: string) => {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
};
const cents = (map: ProjectSource, key: string) => {
  const value = map.get(key);
  return isCents(value) ? value : 0;
};
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === 'object' && v !== null) : [];

/** A frozen snapshot of one stored project, with read-time defaults for missing fields. */
export function readProject(
  id: string,
  map: ProjectSource,
  takenUpBy: Readonly<Record<string, Readonly<TakeUp>>> = {},
): Project {
  const status = isOneOf(projectStatuses, map.get('status')) ? map.get('status') : 'gepland';
  const year = map.get('realisedIn');
  const cost = map.get('costCents');
  const hours = map.get('volunteerHours');
  const sourceKern = str(map, 'sourceKern');
  const sourcePoint = str(map, 'sourcePoint');
  const otherFunds = list(map.get('otherFunds'))
    .filter((f) => typeof f.name === 'string' && isCents(f.cents))
    .map((f) => Object.freeze({ name: f.name as string, cents: f.cents as number }));
  const needs = list(map.get('needs'))
    .filter((n) => typeof n.text === 'string')
    .map((n) =>
      Object.freeze({
        kind: isOneOf(needKinds, n.kind) ? n.kind : ('anders' as NeedKind),
        text: n.text as string,
      }),
    );
  return Object.freeze({
    id,
    kern: str(map, 'kern'),
    title: str(map, 'title'),
    theme: str(map, 'theme'),
    description: str(map, 'description'),
    status: status as ProjectStatus,
    realisedIn: status === 'gerealiseerd' && isYear(year) ? year : null,
    costCents: isCents(cost) ? cost : null,
    funding: Object.freeze({
      budgetCents: cents(map, 'fundBudgetCents'),
      ownMoneyCents: cents(map, 'fundOwnCents'),
      volunteerHours: isHours(hours) ? hours : 0,
      otherFunds: Object.freeze(otherFunds),
    }),
    needs: Object.freeze(needs),
    lessons: str(map, 'lessons'),
    contact: Object.freeze({ name: str(map, 'contactName'), reach: str(map, 'contactReach') }),
    source:
      sourceKern && sourcePoint ? Object.freeze({ kern: sourceKern, pointId: sourcePoint }) : null,
    takenUpBy: Object.freeze({ ...takenUpBy }),
    createdAt: str(map, 'createdAt'),
    createdBy: str(map, 'createdBy'),
    updatedAt: str(map, 'updatedAt'),
    updatedBy: str(map, 'updatedBy'),
  });
}

/** Money in a project's funding: budget, own money and other funds (not the hours). */
export const fundedCents = (funding: Funding) =>
  funding.budgetCents + funding.ownMoneyCents + funding.otherFunds.reduce((s, f) => s + f.cents, 0);
