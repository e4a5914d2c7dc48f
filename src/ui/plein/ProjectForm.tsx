/**
 * Add or edit one project of the inspiratieplein: what it is, what it cost and how it was
 * paid, what was needed (a checklist for whoever takes it over), the lessons and a contact.
 * Visible labels, each error next to its field (aria-describedby) and in a summary above the
 * form; on a refused submit the first invalid field gets focus; nothing typed is lost. Enter
 * submits in a one-line field, Escape cancels. An edit writes only the fields that changed.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
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
import { ErrorSummary } from '../shell/ErrorSummary';
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
  const [values, setValues] = useState<ProjectFormValues>(opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (attempt === 0) return;
    const first = projectFieldOrder.find((k) => errors[k]);
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  }, [attempt, errors, prefix]);

  const set = (key: ProjectField) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const describedBy = (key: ProjectField, hint = false) =>
    [hint ? id(`${key}-hint`) : '', errors[key] ? id(`${key}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const common = (key: ProjectField, hint = false) => ({
    id: id(key),
    value: values[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': describedBy(key, hint),
  });
  const field = (key: ProjectField, label: string, control: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={id(key)}>{label}</label>
      {hint && (
        <p className="hint" id={id(`${key}-hint`)}>
          {hint}
        </p>
      )}
      {control}
      {errors[key] && (
        <p className="field-error" id={id(`${key}-error`)}>
          {errors[key]}
        </p>
      )}
    </div>
  );
  const text = (key: ProjectField, label: string, hint?: string, more = {}) =>
    field(
      key,
      label,
      <input
        {...common(key, !!hint)}
        {...more}
        type="text"
        onChange={(e) => set(key)(e.target.value)}
      />,
      hint,
    );
  const area = (key: ProjectField, label: string, hint?: string) =>
    field(
      key,
      label,
      <textarea {...common(key, !!hint)} onChange={(e) => set(key)(e.target.value)} />,
      hint,
    );
  const money = (key: ProjectField, label: string, hint?: string) =>
    text(key, label, hint, { inputMode: 'decimal', autoComplete: 'off' });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = toProjectInput(values, config);
    const { input } = checked;
    const patch = project
      ? changedProjectInput(input, toProjectInput(opened, config).input)
      : input;
    // An edit is judged on what it changes (as updateProject does).
    const found = project ? errorsOfEdit(checked, values, opened, patch) : checked.errors;
    const refused = Object.keys(found).length > 0 ? found : onSubmit(input, patch);
    setErrors(refused ? onFields(refused) : {});
    if (refused) setAttempt((n) => n + 1);
  };

  const headingId = id('kop');
  return (
    <form
      className="point-form project-form"
      noValidate
      aria-labelledby={headingId}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={headingId}>{project ? `Project bewerken: ${project.title}` : 'Nieuw project'}</h2>
      <ErrorSummary errors={errors} order={projectFieldOrder} fieldId={id} />
      {chooseKern && !project
        ? field(
            'kern',
            'Kern',
            <select {...common('kern')} onChange={(e) => set('kern')(e.target.value)}>
              {sortedKernen(config).map((k) => (
                <option key={k.slug} value={k.slug}>
                  {k.name}
                </option>
              ))}
            </select>,
          )
        : null}
      {field(
        'title',
        'Titel',
        <input
          {...common('title')}
          ref={titleRef}
          type="text"
          aria-required="true"
          onChange={(e) => set('title')(e.target.value)}
        />,
      )}
      {field(
        'theme',
        'Thema',
        <select
          {...common('theme')}
          aria-required="true"
          onChange={(e) => set('theme')(e.target.value)}
        >
          <option value="">Kies een thema</option>
          {config.themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>,
      )}
      {area('description', 'Wat is het?', 'Beschrijf het project in een paar zinnen.')}
      <fieldset
        className="field"
        id={id('status')}
        tabIndex={-1}
        aria-describedby={describedBy('status')}
      >
        <legend>Status</legend>
        <div className="choices">
          {projectStatuses.map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name={id('status')}
                value={s}
                checked={values.status === s}
                onChange={() => set('status')(s)}
              />
              {projectStatusLabels[s]}
            </label>
          ))}
        </div>
        {errors.status && (
          <p className="field-error" id={id('status-error')}>
            {errors.status}
          </p>
        )}
      </fieldset>
      {values.status === 'gerealiseerd' &&
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
      <div className="buttons">
        <button type="submit" className="primary">
          Opslaan
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
