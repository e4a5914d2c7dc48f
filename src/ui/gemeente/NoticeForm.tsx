/**
 * Write or change a gemeente notice: kind, title, text, kernen (with the live preview of
 * who sees it), period, place and link. Visible labels, each error at its field
 * (aria-describedby) and in a summary above the form; a refused submit moves focus to the
 * first invalid field. Nothing typed is lost on an error. Escape cancels.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  amsterdamDate,
  noticeKindLabels,
  noticeKinds,
  validateNoticeInput,
  type Notice,
  type NoticeInput,
  type NoticeKind,
} from '../../model/notices';
import { useServices } from '../hooks/useServices';
import { ErrorSummary } from '../shell/ErrorSummary';
import { KernenChoice } from './KernenChoice';
import {
  initialNoticeValues,
  noticeFieldOrder,
  toNoticeInput,
  type NoticeField,
  type NoticeFormValues,
} from './noticeForm';

interface Props {
  notice: Notice | null;
  /** Writes the notice; returns the model's field errors, or null when it was written. */
  onSubmit(input: NoticeInput): Record<string, string> | null;
  onCancel(): void;
}

type TextField = 'title' | 'text' | 'from' | 'until' | 'place' | 'link';

/** The element a field's error links to (the kind's first radio button for the kind). */
const fieldIdOf = (prefix: string, key: string) =>
  key === 'kind' ? `${prefix}-kind-0` : `${prefix}-${key}`;

export function NoticeForm({ notice, onSubmit, onCancel }: Props) {
  const { config, now } = useServices();
  const prefix = `bf-${notice?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const [values, setValues] = useState<NoticeFormValues>(() =>
    initialNoticeValues(notice, amsterdamDate(now().toISOString())),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (attempt === 0) return;
    const key = noticeFieldOrder.find((k) => errors[k]);
    if (key) document.getElementById(fieldIdOf(prefix, key))?.focus();
  }, [attempt, errors, prefix]);

  const fieldId = (key: string) => fieldIdOf(prefix, key);
  const set = (key: TextField) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const describedBy = (key: NoticeField, hint: boolean) =>
    [hint ? id(`${key}-hint`) : '', errors[key] ? id(`${key}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const field = (
    key: TextField,
    label: string,
    control: (common: Record<string, unknown>) => ReactNode,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={id(key)}>{label}</label>
      {hint && (
        <p className="hint" id={id(`${key}-hint`)}>
          {hint}
        </p>
      )}
      {control({
        id: id(key),
        value: values[key],
        'aria-invalid': errors[key] ? true : undefined,
        'aria-describedby': describedBy(key, !!hint),
        onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
          set(key)(e.target.value),
      })}
      {errors[key] && (
        <p className="field-error" id={id(`${key}-error`)}>
          {errors[key]}
        </p>
      )}
    </div>
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = toNoticeInput(values);
    const found = validateNoticeInput(input, config);
    const refused = Object.keys(found).length > 0 ? found : onSubmit(input);
    setErrors(refused ?? {});
    if (refused) setAttempt((n) => n + 1);
  };

  const headingId = id('kop');
  return (
    <form
      className="point-form notice-form"
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
      <h3 id={headingId}>{notice ? `Bericht wijzigen: ${notice.title}` : 'Nieuw bericht'}</h3>
      <ErrorSummary errors={errors} order={noticeFieldOrder} fieldId={fieldId} />
      <fieldset aria-describedby={errors.kind ? id('kind-error') : undefined}>
        <legend>Soort bericht</legend>
        {errors.kind && (
          <p className="field-error" id={id('kind-error')}>
            {errors.kind}
          </p>
        )}
        <div className="choices">
          {noticeKinds.map((kind: NoticeKind, index) => (
            <label key={kind} className="choice">
              <input
                id={id(`kind-${index}`)}
                ref={index === 0 ? first : undefined}
                type="radio"
                name={id('kind')}
                value={kind}
                checked={values.kind === kind}
                onChange={() => setValues((v) => ({ ...v, kind }))}
              />
              {noticeKindLabels[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      {field('title', 'Titel', (common) => (
        <input {...common} type="text" aria-required="true" autoComplete="off" />
      ))}
      {field(
        'text',
        'Tekst',
        (common) => (
          <textarea {...common} />
        ),
        'Wat gebeurt er, wat merken bewoners ervan, en wat kunnen ze doen? Schrijf kort en eenvoudig.',
      )}
      <KernenChoice
        id={id('kernen')}
        all={values.all}
        kernen={values.kernen}
        error={errors.kernen}
        onChange={(next) => setValues((v) => ({ ...v, ...next }))}
      />
      <div className="date-fields">
        {field('from', 'Eerste dag', (common) => (
          <input {...common} type="date" aria-required="true" />
        ))}
        {field(
          'until',
          'Laatste dag (mag leeg)',
          (common) => (
            <input {...common} type="date" />
          ),
          'Laat leeg als er nog geen einddatum is.',
        )}
      </div>
      {field(
        'place',
        'Plaats (mag leeg)',
        (common) => (
          <input {...common} type="text" autoComplete="off" />
        ),
        'Bijvoorbeeld een straat, een kruispunt of een wijk.',
      )}
      {field(
        'link',
        'Link met meer informatie (mag leeg)',
        (common) => (
          <input {...common} type="url" inputMode="url" autoComplete="off" />
        ),
        'Een volledig webadres dat begint met https://.',
      )}
      <div className="buttons">
        <button type="submit" className="primary">
          {notice ? 'Wijzigingen opslaan' : 'Bericht plaatsen'}
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
