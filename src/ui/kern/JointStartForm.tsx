/**
 * "Samen met andere kernen iets oppakken": the form that starts a joint project (title and
 * description). Visible labels, each error next to its field and in a summary above the
 * form; on a refused submit the first invalid field gets focus; nothing typed is lost.
 * Escape cancels.
 */
import { useEffect, useRef, useState } from 'react';
import type { SamenInput } from '../../model/samen';
import { ErrorSummary } from '../shell/ErrorSummary';

interface Props {
  /** Starts the project; resolves to the model's field errors, or null when it was started. */
  onSubmit(input: SamenInput): Promise<Record<string, string> | null>;
  onCancel(): void;
}

const order = ['title', 'description'] as const;
const id = (key: string) => `samen-nieuw-${key}`;

export function JointStartForm({ onSubmit, onCancel }: Props) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (attempt === 0) return;
    const first = order.find((k) => errors[k]);
    document.getElementById(first ? id(first) : 'samen-nieuw-kop')?.focus();
  }, [attempt, errors]);

  const describedBy = (key: string, hint?: boolean) =>
    [hint ? id(`${key}-hint`) : '', errors[key] ? id(`${key}-error`) : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const error = (key: string) =>
    errors[key] ? (
      <p className="field-error" id={id(`${key}-error`)}>
        {errors[key]}
      </p>
    ) : null;

  return (
    <form
      className="point-form"
      noValidate
      aria-labelledby="samen-nieuw-kop"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        void onSubmit({ title, description }).then((refused) => {
          setBusy(false);
          setErrors(refused ?? {});
          if (refused) setAttempt((n) => n + 1);
        });
      }}
    >
      <h3 id="samen-nieuw-kop" tabIndex={-1}>
        Nieuw samenproject
      </h3>
      <ErrorSummary errors={errors} order={order} fieldId={id} />
      <div className="field">
        <label htmlFor={id('title')}>Titel</label>
        <p className="hint" id={id('title-hint')}>
          Bijvoorbeeld: Samen AED&apos;s inkopen.
        </p>
        <input
          id={id('title')}
          ref={titleRef}
          type="text"
          value={title}
          aria-required="true"
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy('title', true)}
          onChange={(e) => setTitle(e.target.value)}
        />
        {error('title')}
      </div>
      <div className="field">
        <label htmlFor={id('description')}>Wat willen jullie samen doen?</label>
        <textarea
          id={id('description')}
          value={description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
          onChange={(e) => setDescription(e.target.value)}
        />
        {error('description')}
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Starten
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
