/**
 * The project form's values (strings, as typed) and their conversion to the model's
 * ProjectInput. Only what a person types is parsed here (amounts, a year, hours, the list of
 * other funds, one need per line); every other check is the model's `validateProjectInput`,
 * so the form and the model refuse the same input with the same words.
 */
import type { GemeenteConfig } from '../../config/gemeente';
import {
  needKinds,
  validateProjectInput,
  type Need,
  type NeedKind,
  type OtherFund,
  type Project,
  type ProjectInput,
  type ProjectStatus,
} from '../../model/inspiration';
import { formatEuro, parseEuro } from '../../model/money';
import { pickErrors } from '../shell/useFormErrors';

const needFields = needKinds.map((kind) => `need-${kind}` as const);
type NeedField = (typeof needFields)[number];

/** Form fields in form order (error keys of the model are mapped onto them). */
export const projectFieldOrder = [
  'kern',
  'title',
  'theme',
  'description',
  'status',
  'realisedIn',
  'cost',
  'budget',
  'ownMoney',
  'volunteerHours',
  'otherFunds',
  ...needFields,
  'lessons',
  'contactName',
  'contactReach',
] as const;
export type ProjectField = (typeof projectFieldOrder)[number];
export type ProjectFormValues = Record<ProjectField, string>;

/** The field an error key points at: the model's 'funding' and 'needs' errors included. */
export function fieldOfError(key: string): ProjectField | null {
  if (key === 'funding') return 'cost';
  if (key === 'needs') return needFields[0]!;
  return (projectFieldOrder as readonly string[]).includes(key) ? (key as ProjectField) : null;
}

/** Cents as the form shows them for editing: 150000 -> '1500', 12345 -> '123,45'. */
const centsText = (cents: number | null) =>
  cents === null || cents === 0 ? '' : formatEuro(cents).replace(/^€ /, '').replace(/\./g, '');

export function initialProjectValues(
  project: Project | null,
  defaults: { kern: string; year: number },
): ProjectFormValues {
  const needs = Object.fromEntries(
    needKinds.map((kind) => [
      `need-${kind}`,
      (project?.needs ?? [])
        .filter((n) => n.kind === kind)
        .map((n) => n.text)
        .join('\n'),
    ]),
  ) as Record<NeedField, string>;
  return {
    kern: project?.kern ?? defaults.kern,
    title: project?.title ?? '',
    theme: project?.theme ?? '',
    description: project?.description ?? '',
    status: project?.status ?? 'gerealiseerd',
    realisedIn: String(project?.realisedIn ?? defaults.year),
    cost: centsText(project?.costCents ?? null),
    budget: centsText(project?.funding.budgetCents ?? 0),
    ownMoney: centsText(project?.funding.ownMoneyCents ?? 0),
    volunteerHours: project?.funding.volunteerHours ? String(project.funding.volunteerHours) : '',
    otherFunds: (project?.funding.otherFunds ?? [])
      .map((f) => `${f.name}: ${centsText(f.cents)}`)
      .join('\n'),
    ...needs,
    lessons: project?.lessons ?? '',
    contactName: project?.contact.name ?? '',
    contactReach: project?.contact.reach ?? '',
  };
}

export const amountMessage = 'Vul een bedrag in zoals 250 of 1.250,50.';
const fundsMessage =
  'Schrijf elk ander fonds op een eigen regel: de naam en dan het bedrag, zoals "Oranjefonds 250".';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** One line of other funds: a name, then an amount ("Oranjefonds: € 250"), or null. */
function parseFund(line: string): OtherFund | null {
  const match = /^(.*?)[\s:]+((?:€\s*)?[\d.,-]+)$/.exec(line);
  const name = match?.[1]?.replace(/[:\s]+$/, '').trim();
  const cents = match ? parseEuro(match[2]!) : null;
  return name && cents !== null ? { name, cents } : null;
}

export function toProjectInput(
  values: ProjectFormValues,
  config: GemeenteConfig,
): {
  input: ProjectInput;
  /** Every error: the model's and what did not parse. */
  errors: Record<string, string>;
  /** What did not parse, by form field. */
  typing: Partial<Record<ProjectField, string>>;
} {
  const errors: Record<string, string> = {};
  const money = (field: 'cost' | 'budget' | 'ownMoney') => {
    if (!values[field].trim()) return null;
    const cents = parseEuro(values[field]);
    if (cents === null) errors[field] = amountMessage;
    return cents;
  };
  const costCents = money('cost');
  const budgetCents = money('budget') ?? 0;
  const ownMoneyCents = money('ownMoney') ?? 0;

  let volunteerHours = 0;
  const hours = values.volunteerHours.trim();
  if (hours) {
    if (/^\d+$/.test(hours)) volunteerHours = Number(hours);
    else errors.volunteerHours = 'Vul de vrijwilligersuren in als een heel getal, zoals 40.';
  }

  const otherFunds: OtherFund[] = [];
  for (const line of lines(values.otherFunds)) {
    const fund = parseFund(line);
    if (fund) otherFunds.push(fund);
    else errors.otherFunds = fundsMessage;
  }

  const needs: Need[] = needKinds.flatMap((kind: NeedKind) =>
    lines(values[`need-${kind}`]).map((text) => ({ kind, text })),
  );

  const status = values.status as ProjectStatus;
  let realisedIn: number | null = null;
  const year = values.realisedIn.trim();
  if (status === 'gerealiseerd' && year) {
    if (/^\d{4}$/.test(year)) realisedIn = Number(year);
    else errors.realisedIn = 'Vul het jaar in met vier cijfers, zoals 2025.';
  }

  const input: ProjectInput = {
    kern: values.kern,
    title: values.title,
    theme: values.theme,
    description: values.description,
    status,
    realisedIn,
    costCents,
    funding: { budgetCents, ownMoneyCents, volunteerHours, otherFunds },
    needs,
    lessons: values.lessons,
    contact: { name: values.contactName, reach: values.contactReach },
  };
  const modelErrors = validateProjectInput(input, config);
  // A part that did not parse is reported as typed, not as the model sees its stand-in.
  const all: Record<string, string> = { ...modelErrors, ...errors };
  if (errors.cost || errors.budget || errors.ownMoney || errors.otherFunds) delete all.funding;
  return { input, errors: all, typing: errors };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Only what the user changed since the form opened (funding and contact field by field), so
 * an edit never writes back what someone else changed meanwhile.
 */
export function changedProjectInput(
  input: ProjectInput,
  opened: ProjectInput,
): Partial<ProjectInput> {
  const patch: Partial<ProjectInput> = {};
  for (const key of [
    'title',
    'theme',
    'description',
    'status',
    'realisedIn',
    'costCents',
    'needs',
    'lessons',
  ] as const)
    if (!same(input[key], opened[key])) Object.assign(patch, { [key]: input[key] });
  const funding = Object.fromEntries(
    Object.entries(input.funding ?? {}).filter(
      ([key, value]) => !same(value, opened.funding?.[key as keyof typeof opened.funding]),
    ),
  );
  if (Object.keys(funding).length > 0) patch.funding = funding;
  const contact = Object.fromEntries(
    Object.entries(input.contact ?? {}).filter(
      ([key, value]) => !same(value, opened.contact?.[key as 'name' | 'reach']),
    ),
  );
  if (Object.keys(contact).length > 0) patch.contact = contact;
  return patch;
}

// The error keys each changed input field can produce (as updateProject judges an edit).
const errorsOfField: Record<string, string[]> = {
  title: ['title'],
  theme: ['theme'],
  description: ['description'],
  status: ['status', 'realisedIn'],
  realisedIn: ['realisedIn'],
  costCents: ['cost', 'funding'],
  funding: ['budget', 'ownMoney', 'volunteerHours', 'otherFunds', 'funding'],
  needs: ['needs'],
  lessons: ['lessons'],
  contact: ['contactName', 'contactReach'],
};

/**
 * The errors of an edit: the model's errors that concern what the patch changes, and every
 * field that was changed and does not parse (its value would otherwise be lost unseen).
 */
export function errorsOfEdit(
  { errors, typing }: Pick<ReturnType<typeof toProjectInput>, 'errors' | 'typing'>,
  values: ProjectFormValues,
  opened: ProjectFormValues,
  patch: Partial<ProjectInput>,
): Record<string, string> {
  const keys = new Set(Object.keys(patch).flatMap((k) => errorsOfField[k] ?? []));
  const found = pickErrors(errors, keys);
  for (const [field, message] of Object.entries(typing))
    if (values[field as ProjectField] !== opened[field as ProjectField]) found[field] = message;
  return found;
}
