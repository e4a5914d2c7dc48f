/**
 * Post a new idea or edit one's own: title, explanation, theme (the gemeente's themes) and an
 * optional rough cost. Visible labels, each error next to its field (aria-describedby) and in
 * a summary above the form; on a refused submit the first invalid field gets focus. Enter in
 * a single-line field submits, Escape cancels. An edit writes only the fields that changed.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Idea, IdeaInput } from '../../model/ideas';
import { useServices } from '../hooks/useServices';
import { ErrorSummary } from '../shell/ErrorSummary';
import {
  changedIdeaInput,
  ideaFieldOrder,
  ideaInitialValues,
  toIdeaInput,
  touchedIdeaFields,
  type IdeaFieldKey,
  type IdeaFormValues,
} from './ideaForm';

interface Props {
  /** The idea being edited; null for a new one. */
  idea: Idea | null;
  /**
   * Writes the idea: the whole input for a new one, the changed fields for an edit. Returns
   * the model's field errors, or null when it was saved.
   */
  onSubmit(input: IdeaInput, patch: Partial<IdeaInput>): Record<string, string> | null;
  onCancel(): void;
}

export function IdeaForm({ idea, onSubmit, onCancel }: Props) {
  const { config } = useServices();
  const prefix = `if-${idea?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const [opened] = useState<IdeaFormValues>(() => ideaInitialValues(idea));
  const [values, setValues] = useState<IdeaFormValues>(opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (attempt === 0) return;
    const first = ideaFieldOrder.find((k) => errors[k]);
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  }, [attempt, errors, prefix]);

  const set = (key: IdeaFieldKey) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const describedBy = (key: IdeaFieldKey, hint = false) =>
    [hint ? id(`${key}-hint`) : '', errors[key] ? id(`${key}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const field = (key: IdeaFieldKey, label: string, control: ReactNode, hint?: string) => (
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
  const common = (key: IdeaFieldKey, hint = false) => ({
    id: id(key),
    value: values[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': describedBy(key, hint),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { input, errors: all } = toIdeaInput(values, config);
    const patch = idea ? changedIdeaInput(input, toIdeaInput(opened, config).input) : input;
    const touched = touchedIdeaFields(patch);
    const found = idea
      ? Object.fromEntries(Object.entries(all).filter(([key]) => touched.has(key)))
      : all;
    const refused = Object.keys(found).length > 0 ? found : onSubmit(input, patch);
    setErrors(refused ?? {});
    if (refused) setAttempt((n) => n + 1);
  };

  const headingId = id('kop');
  return (
    <form
      className="point-form idea-form"
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
      <h3 id={headingId}>{idea ? `Idee bewerken: ${idea.title}` : 'Nieuw idee'}</h3>
      <ErrorSummary errors={errors} order={ideaFieldOrder} fieldId={id} />
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
        'text',
        'Uitleg',
        <textarea {...common('text', true)} onChange={(e) => set('text')(e.target.value)} />,
        'Wat wil je, waar, en waarom is het goed voor de kern?',
      )}
      {field(
        'category',
        'Thema',
        <select
          {...common('category')}
          aria-required="true"
          onChange={(e) => set('category')(e.target.value)}
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
        'cost',
        'Geschatte kosten (€)',
        <input
          {...common('cost', true)}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          onChange={(e) => set('cost')(e.target.value)}
        />,
        'Niet verplicht. Een ruwe schatting is genoeg.',
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {idea ? 'Opslaan' : 'Idee plaatsen'}
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
