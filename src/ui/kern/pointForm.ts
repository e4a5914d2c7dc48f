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
