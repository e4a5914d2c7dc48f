/**
 * Add or edit one project of the inspiratieplein: what it is, what it cost and how it was
 * paid, what was needed (a checklist for whoever takes it over), the lessons and a contact.
 * Visible labels, each error next to its field (aria-describedby) and in a summary above the
 * form; on a refused submit the first invalid field gets focus; nothing typed is lost. Enter
 * submits in a one-line field, Escape cancels. An edit writes only the fields that changed.
 */
import { useEffect, useRef, useState } from 'react';
import { sortedKernen } from '../../config/gemeente';
import {
  needKindLabels,
  needKinds,
  projectStatusLabels,
  projectStatuses,
  type Project,
  type ProjectInput,
} from '../../model/inspiration';
import { useServices } from '../hooks/useServices';
import { describedBy, Field, FieldError } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { ThemeOptions } from '../shell/ThemeOptions';
import { useFormErrors } from '../shell/useFormErrors';
import { useFormValues } from '../shell/useFormValues';
import {
  changedProjectInput,
  errorsOfEdit,
  fieldOfError,
  initialProjectValues,
  projectFieldOrder,
  toProjectInput,
  type ProjectField,
  type ProjectFormValues,
} from './projectForm';

interface Props {
  project: Project | null;
  /** The kern a new project is of (the committee's own). */
  kern: string;
  /** The gemeente adds projects for any kern: then the kern is a choice. */
  chooseKern: boolean;
  defaultYear: number;
  /** Writes the project; returns the model's field errors, or null when it was saved. */
  onSubmit(input: ProjectInput, patch: Partial<ProjectInput>): Record<string, string> | null;
  onCancel(): void;
}

/** Model error keys onto the form's fields ('funding' shows at the cost, 'needs' at the first list). */
function onFields(errors: Readonly<Record<string, string>>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = fieldOfError(key) ?? key;
    shown[field] = shown[field] ? `${shown[field]} ${message}` : message;
  }
  return shown;
}

export function ProjectForm({ project, kern, chooseKern, defaultYear, onSubmit, onCancel }: Props) {
  const { config } = useServices();
  const prefix = `pj-${project?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const [opened] = useState<ProjectFormValues>(() =>
    initialProjectValues(project, { kern, year: defaultYear }),
  );
  const values = useFormValues(opened);
  const form = useFormErrors(projectFieldOrder, id);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const { bind } = values;
  const text = (key: ProjectField, label: string, hint?: string, more = {}) => (
    <Field {...form.field(key)} label={label} hint={hint}>
      {(control) => <input {...control} {...more} {...bind(key)} type="text" />}
    </Field>
  );
  const area = (key: ProjectField, label: string, hint?: string) => (
    <Field key={key} {...form.field(key)} label={label} hint={hint}>
      {(control) => <textarea {...control} {...bind(key)} />}
    </Field>
  );
  const money = (key: ProjectField, label: string, hint?: string) =>
    text(key, label, hint, { inputMode: 'decimal', autoComplete: 'off' });

  const submit = () => {
    const typed = values.read();
    const checked = toProjectInput(typed, config);
    const { input } = checked;
    const patch = project
      ? changedProjectInput(input, toProjectInput(opened, config).input)
      : input;
    // An edit is judged on what it changes (as updateProject does).
    const found = project ? errorsOfEdit(checked, typed, opened, patch) : checked.errors;
    const refused = Object.keys(found).length > 0 ? found : onSubmit(input, patch);
    form.show(refused && onFields(refused));
  };

  return (
    <FormFrame
      className="point-form project-form"
      headingId={id('kop')}
      heading={project ? `Project bewerken: ${project.title}` : 'Nieuw project'}
      level={2}
      summary={form.summary}
      submitLabel="Opslaan"
      onSubmit={submit}
      onCancel={onCancel}
    >
      {chooseKern && !project ? (
        <Field {...form.field('kern')} label="Kern">
          {(control) => (
            <select {...control} {...bind('kern')}>
              {sortedKernen(config).map((k) => (
                <option key={k.slug} value={k.slug}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field {...form.field('title')} label="Titel">
        {(control) => (
          <input {...control} {...bind('title')} ref={titleRef} type="text" aria-required="true" />
        )}
      </Field>
      <Field {...form.field('theme')} label="Thema">
        {(control) => (
          <select {...control} {...bind('theme')} aria-required="true">
            <ThemeOptions />
          </select>
        )}
      </Field>
      {area('description', 'Wat is het?', 'Beschrijf het project in een paar zinnen.')}
      <fieldset
        className="field"
        id={id('status')}
        tabIndex={-1}
        aria-describedby={describedBy(id('status'), false, form.errors.status)}
      >
        <legend>Status</legend>
        <div className="choices">
          {projectStatuses.map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name={id('status')}
                value={s}
                checked={values.shown.status === s}
                onChange={() => values.set({ status: s })}
              />
              {projectStatusLabels[s]}
            </label>
          ))}
        </div>
        <FieldError id={id('status')} error={form.errors.status} />
      </fieldset>
      {values.shown.status === 'gerealiseerd' &&
        text('realisedIn', 'Klaar in het jaar', undefined, { inputMode: 'numeric' })}
      <fieldset>
        <legend>Kosten en betaling</legend>
        {money('cost', 'Kosten (€)', 'Laat leeg als je het niet weet.')}
        {money('budget', `Uit het ${config.budget.name} (€)`)}
        {money('ownMoney', 'Eigen geld (€)')}
        {text('volunteerHours', 'Uren vrijwilligerswerk', undefined, { inputMode: 'numeric' })}
        {area(
          'otherFunds',
          'Andere fondsen',
          'Eén fonds per regel: de naam en het bedrag, zoals "Oranjefonds 250".',
        )}
      </fieldset>
      <fieldset>
        <legend>Wat was er nodig?</legend>
        <p className="hint">
          Eén ding per regel. Zo weet een andere kern waar hij aan moet denken.
        </p>
        {needKinds.map((kind) => area(`need-${kind}`, needKindLabels[kind]))}
      </fieldset>
      {area('lessons', 'Wat hebben jullie geleerd?', 'Tips voor een kern die dit ook wil.')}
      <fieldset>
        <legend>Contactpersoon</legend>
        {text('contactName', 'Naam', undefined, { autoComplete: 'name' })}
        {text('contactReach', 'Telefoon of e-mail')}
      </fieldset>
    </FormFrame>
  );
}
