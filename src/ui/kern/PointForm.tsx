/**
 * Add or edit one kernagendapunt. Visible labels, each error next to its field
 * (aria-describedby) and in a summary above the form; on a refused submit the first invalid
 * field gets focus. Enter submits (native form), Escape cancels.
 * An existing point's description is edited live, together with others (DescriptionEditor):
 * it is not part of what "Opslaan" writes.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
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
import { ErrorSummary } from '../shell/ErrorSummary';
import { DescriptionEditor, descriptionHint, NewDescription } from './DescriptionEditor';
import {
  changedInput,
  fieldOrder,
  initialValues,
  toPointInput,
  touchedFields,
  type FieldKey,
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
  const [values, setValues] = useState<PointFormValues>(opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (attempt === 0) return;
    const first = fieldOrder.find((k) => errors[k]);
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  }, [attempt, errors, prefix]);

  const set = (key: FieldKey) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const years = [
    ...new Set([
      defaultYear - 1,
      defaultYear,
      defaultYear + 1,
      defaultYear + 2,
      Number(values.year),
    ]),
  ].sort((a, b) => a - b);

  const describedBy = (key: FieldKey, hint = false) =>
    [hint ? id(`${key}-hint`) : '', errors[key] ? id(`${key}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const error = (key: FieldKey) =>
    errors[key] ? (
      <p className="field-error" id={id(`${key}-error`)}>
        {errors[key]}
      </p>
    ) : null;
  const field = (key: FieldKey, label: string, control: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={id(key)}>{label}</label>
      {hint && (
        <p className="hint" id={id(`${key}-hint`)}>
          {hint}
        </p>
      )}
      {control}
      {error(key)}
    </div>
  );
  const common = (key: FieldKey, hint = false) => ({
    id: id(key),
    value: values[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': describedBy(key, hint),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { input, errors: all } = toPointInput(values, config);
    // An edit writes (and checks) only the fields the user changed.
    const patch = point ? changedInput(input, toPointInput(opened, config).input) : input;
    const touched = touchedFields(patch);
    const found = point
      ? Object.fromEntries(Object.entries(all).filter(([key]) => touched.has(key)))
      : all;
    const refused = Object.keys(found).length > 0 ? found : onSubmit(input, patch);
    setErrors(refused ?? {});
    if (refused) setAttempt((n) => n + 1);
  };

  const headingId = id('kop');
  return (
    <form
      className="point-form"
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
      <h3 id={headingId}>{point ? `Punt bewerken: ${point.title}` : 'Nieuw punt'}</h3>
      <ErrorSummary errors={errors} order={fieldOrder} fieldId={id} />
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
        'description',
        'Beschrijving',
        point && live ? (
          <DescriptionEditor
            id={id('description')}
            aria-describedby={describedBy('description', true)}
            doc={live.doc}
            pointId={point.id}
            initial={point.description}
            editContext={live.editContext}
          />
        ) : (
          <NewDescription
            {...common('description', true)}
            onChange={(value) => set('description')(value)}
          />
        ),
        descriptionHint(!!(point && live)),
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
      {field(
        'owner',
        'Wie pakt het op',
        <select {...common('owner')} onChange={(e) => set('owner')(e.target.value)}>
          {owners.map((o) => (
            <option key={o} value={o}>
              {ownerLabels[o]}
            </option>
          ))}
        </select>,
      )}
      {field(
        'status',
        'Status',
        <select {...common('status')} onChange={(e) => set('status')(e.target.value)}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>,
      )}
      {field(
        'contact',
        'Contactpersoon',
        <input
          {...common('contact')}
          type="text"
          autoComplete="name"
          onChange={(e) => set('contact')(e.target.value)}
        />,
      )}
      <fieldset>
        <legend>Geld uit het {budgetName}</legend>
        {field(
          'amount',
          'Bedrag (€)',
          <input
            {...common('amount', true)}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            onChange={(e) => set('amount')(e.target.value)}
          />,
          'Laat dit leeg als het punt geen geld vraagt.',
        )}
        {field(
          'year',
          'Jaar',
          <select {...common('year')} onChange={(e) => set('year')(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>,
        )}
        <fieldset
          className="field"
          id={id('kind')}
          tabIndex={-1}
          aria-describedby={describedBy('kind')}
        >
          <legend>Soort</legend>
          <div className="choices">
            {budgetKinds.map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name={id('kind')}
                  value={k}
                  checked={values.kind === k}
                  onChange={() => set('kind')(k)}
                />
                {budgetKindLabels[k]}
              </label>
            ))}
          </div>
          {error('kind')}
        </fieldset>
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
