/**
 * Add or edit one kernagendapunt. Visible labels, each error next to its field
 * (aria-describedby) and in a summary above the form; on a refused submit the first invalid
 * field gets focus. Enter submits (native form), Escape cancels.
 * An existing point's description is edited live, together with others (DescriptionEditor):
 * it is not part of what "Opslaan" writes.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  budgetKindLabels,
  budgetKinds,
  ownerLabels,
  owners,
  statusLabels,
  statuses,
  type EditContext,
  type Point,
  type PointInput,
} from '../../model/kernagenda';
import { useServices } from '../hooks/useServices';
import { AmountInput, describedBy, Field, FieldError } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { ThemeOptions } from '../shell/ThemeOptions';
import { pickErrors, useFormErrors } from '../shell/useFormErrors';
import { useFormValues } from '../shell/useFormValues';
import { DescriptionEditor, descriptionHint, NewDescription } from './DescriptionEditor';
import {
  changedInput,
  fieldOrder,
  initialValues,
  toPointInput,
  touchedFields,
  type PointFormValues,
} from './pointForm';

interface Props {
  point: Point | null;
  defaultYear: number;
  budgetName: string;
  /**
   * Writes the point: the whole input for a new one, the patch of changed fields for an edit.
   * Returns the model's field errors, or null when it was saved.
   */
  onSubmit(input: PointInput, patch: Partial<PointInput>): Record<string, string> | null;
  onCancel(): void;
  /** The agenda's doc and this person's edit context: an existing point's description is live. */
  live?: { doc: Y.Doc; editContext(): EditContext };
}

export function PointForm({ point, defaultYear, budgetName, onSubmit, onCancel, live }: Props) {
  const { config } = useServices();
  const prefix = `pf-${point?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const [opened] = useState<PointFormValues>(() => initialValues(point, defaultYear));
  const values = useFormValues(opened);
  const form = useFormErrors(fieldOrder, id);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const { bind } = values;
  const years = [
    ...new Set([
      defaultYear - 1,
      defaultYear,
      defaultYear + 1,
      defaultYear + 2,
      Number(opened.year),
    ]),
  ].sort((a, b) => a - b);

  const submit = () => {
    const { input, errors: all } = toPointInput(values.read(), config);
    // An edit writes (and checks) only the fields the user changed.
    const patch = point ? changedInput(input, toPointInput(opened, config).input) : input;
    const found = point ? pickErrors(all, touchedFields(patch)) : all;
    form.show(Object.keys(found).length > 0 ? found : onSubmit(input, patch));
  };

  return (
    <FormFrame
      className="point-form"
      headingId={id('kop')}
      heading={point ? `Punt bewerken: ${point.title}` : 'Nieuw punt'}
      summary={form.summary}
      submitLabel="Opslaan"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field {...form.field('title')} label="Titel">
        {(control) => (
          <input {...control} {...bind('title')} ref={titleRef} type="text" aria-required="true" />
        )}
      </Field>
      <Field
        {...form.field('description')}
        label="Beschrijving"
        hint={descriptionHint(!!(point && live))}
      >
        {(control) =>
          point && live ? (
            <DescriptionEditor
              id={control.id}
              aria-describedby={control['aria-describedby']}
              doc={live.doc}
              pointId={point.id}
              initial={point.description}
              editContext={live.editContext}
            />
          ) : (
            <NewDescription
              {...control}
              value={opened.description}
              onChange={values.note('description')}
            />
          )
        }
      </Field>
      <Field {...form.field('theme')} label="Thema">
        {(control) => (
          <select {...control} {...bind('theme')} aria-required="true">
            <ThemeOptions />
          </select>
        )}
      </Field>
      <Field {...form.field('owner')} label="Wie pakt het op">
        {(control) => (
          <select {...control} {...bind('owner')}>
            {owners.map((o) => (
              <option key={o} value={o}>
                {ownerLabels[o]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...form.field('status')} label="Status">
        {(control) => (
          <select {...control} {...bind('status')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...form.field('contact')} label="Contactpersoon">
        {(control) => <input {...control} {...bind('contact')} type="text" autoComplete="name" />}
      </Field>
      <fieldset>
        <legend>Geld uit het {budgetName}</legend>
        <Field
          {...form.field('amount')}
          label="Bedrag (€)"
          hint="Laat dit leeg als het punt geen geld vraagt."
        >
          {(control) => <AmountInput {...control} {...bind('amount')} />}
        </Field>
        <Field {...form.field('year')} label="Jaar">
          {(control) => (
            <select {...control} {...bind('year')}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset
          className="field"
          id={id('kind')}
          tabIndex={-1}
          aria-describedby={describedBy(id('kind'), false, form.errors.kind)}
        >
          <legend>Soort</legend>
          <div className="choices">
            {budgetKinds.map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name={id('kind')}
                  value={k}
                  defaultChecked={opened.kind === k}
                  onChange={() => values.note('kind')(k)}
                />
                {budgetKindLabels[k]}
              </label>
            ))}
          </div>
          <FieldError id={id('kind')} error={form.errors.kind} />
        </fieldset>
      </fieldset>
    </FormFrame>
  );
}
