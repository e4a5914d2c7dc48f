/**
 * The idea form's values (strings, as typed) and their conversion to the model's IdeaInput.
 * Parsing the rough cost is the only check here; everything else is the model's
 * `validateIdeaInput`, so the form and the model refuse the same input with the same words.
 */
import type { GemeenteConfig } from '../../config/gemeente';
import { validateIdeaInput, type Idea, type IdeaInput } from '../../model/ideas';
import { formatEuro, parseEuro } from '../../model/money';

export const ideaFieldOrder = ['title', 'text', 'category', 'cost'] as const;
export type IdeaFieldKey = (typeof ideaFieldOrder)[number];
export type IdeaFormValues = Record<IdeaFieldKey, string>;

export const costMessage = 'Vul een bedrag in zoals 250 of 1.250,50, of laat het leeg.';

/** Cents as the form shows them: 150000 -> '1.500', 12345 -> '123,45'. */
export const costText = (cents: number) => formatEuro(cents).replace(/^€\s/, '');

export function ideaInitialValues(
  idea: Pick<Idea, 'title' | 'text' | 'category' | 'costCents'> | null,
): IdeaFormValues {
  return {
    title: idea?.title ?? '',
    text: idea?.text ?? '',
    category: idea?.category ?? '',
    cost: idea?.costCents != null ? costText(idea.costCents) : '',
  };
}

/** The model's input for what was typed, and the Dutch errors per form field. */
export function toIdeaInput(
  values: IdeaFormValues,
  config: GemeenteConfig,
): { input: IdeaInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let costCents: number | null = null;
  if (values.cost.trim()) {
    costCents = parseEuro(values.cost);
    if (costCents === null) errors.cost = costMessage;
  }
  const input: IdeaInput = {
    title: values.title,
    text: values.text,
    category: values.category,
    costCents,
  };
  const { costCents: costError, ...modelErrors } = validateIdeaInput(input, config);
  return {
    input,
    errors: { ...modelErrors, ...(costError ? { cost: costError } : {}), ...errors },
  };
}

/** Only what the author changed since the form opened (another device may have changed the rest). */
export function changedIdeaInput(input: IdeaInput, opened: IdeaInput): Partial<IdeaInput> {
  const patch: Partial<IdeaInput> = {};
  if (input.title.trim() !== opened.title.trim()) patch.title = input.title;
  if ((input.text ?? '').trim() !== (opened.text ?? '').trim()) patch.text = input.text;
  if (input.category !== opened.category) patch.category = input.category;
  if ((input.costCents ?? null) !== (opened.costCents ?? null))
    patch.costCents = input.costCents ?? null;
  return patch;
}

/** The form fields a patch touches (`costCents` is the field `cost`). */
export function touchedIdeaFields(patch: Partial<IdeaInput>): Set<string> {
  return new Set(Object.keys(patch).map((key) => (key === 'costCents' ? 'cost' : key)));
}
