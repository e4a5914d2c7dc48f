/**
 * The point form's values (strings, as typed) and their conversion to the model's
 * PointInput. Amount parsing is the only check here; everything else is the model's
 * `validatePointInput`, so the form and the model refuse the same input with the same words.
 */
import type { GemeenteConfig } from '../../config/gemeente';
import {
  validatePointInput,
  type BudgetKind,
  type Owner,
  type Point,
  type PointInput,
  type Status,
} from '../../model/kernagenda';
import { parseEuro } from '../../model/money';

export const fieldOrder = [
  'title',
  'description',
  'theme',
  'owner',
  'status',
  'contact',
  'amount',
  'year',
  'kind',
] as const;
export type FieldKey = (typeof fieldOrder)[number];
export type PointFormValues = Record<FieldKey, string>;

/** Cents as the form shows them for editing: 150000 -> '1500', 12345 -> '123,45'. */
export function centsToText(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

export function initialValues(point: Point | null, defaultYear: number): PointFormValues {
  return {
    title: point?.title ?? '',
    description: point?.description ?? '',
    theme: point?.theme ?? '',
    owner: point?.owner ?? 'inwoners',
    status: point?.status ?? 'idee',
    contact: point?.contact ?? '',
    amount: point?.budget ? centsToText(point.budget.amountCents) : '',
    year: String(point?.budget?.year ?? defaultYear),
    kind: point?.budget?.kind ?? 'nieuw',
  };
}

export const amountMessage = 'Vul een bedrag in zoals 250 of 1.250,50.';

export function toPointInput(
  values: PointFormValues,
  config: GemeenteConfig,
): { input: PointInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let budget: PointInput['budget'] = null;
  if (values.amount.trim()) {
    const cents = parseEuro(values.amount);
    if (cents === null) errors.amount = amountMessage;
    budget = {
      year: Number(values.year),
      amountCents: cents ?? 0,
      kind: values.kind as BudgetKind,
    };
  }
  const input: PointInput = {
    title: values.title,
    description: values.description,
    theme: values.theme,
    owner: values.owner as Owner,
    status: values.status as Status,
    contact: values.contact,
    budget,
  };
  return { input, errors: { ...validatePointInput(input, config), ...errors } };
}

const sameBudget = (a: PointInput['budget'], b: PointInput['budget']) =>
  (!a && !b) ||
  (!!a && !!b && a.year === b.year && a.amountCents === b.amountCents && a.kind === b.kind);

/**
 * Only what the user changed since the form opened. An edit must not write back the other
 * fields: someone else may have changed them meanwhile (their edit would be overwritten on
 * merge), and a newer app version may have stored a value this one cannot show.
 */
export function changedInput(input: PointInput, opened: PointInput): Partial<PointInput> {
  const patch: Partial<PointInput> = {};
  for (const key of ['title', 'description', 'theme', 'owner', 'status', 'contact'] as const)
    if (input[key] !== opened[key]) Object.assign(patch, { [key]: input[key] });
  if (!sameBudget(input.budget, opened.budget)) patch.budget = input.budget ?? null;
  return patch;
}

/** The form's field keys that a patch touches (a budget touches amount, year and kind). */
export function touchedFields(patch: Partial<PointInput>): Set<string> {
  const keys = new Set<string>(Object.keys(patch));
  if (keys.delete('budget')) ['amount', 'year', 'kind'].forEach((k) => keys.add(k));
  return keys;
}
