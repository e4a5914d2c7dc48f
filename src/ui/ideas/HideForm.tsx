/**
 * The committee hides an idea that breaks the rules: a reason is required (everyone who may
 * see hidden ideas reads it), checked by the model (hideIdea); the Dutch error stands at the
 * field and focus returns to it. Escape or "Annuleren" closes the form.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { hideReasonLimit } from '../../model/ideaDecisions';

interface Props {
  ideaTitle: string;
  /** Hides the idea; returns the field errors, or null when it is hidden. */
  onHide(reason: string): Record<string, string> | null;
  onCancel(): void;
}

export function HideForm({ ideaTitle, onHide, onCancel }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => field.current?.focus(), []);

  return (
    <form
      className="panel hide-form"
      noValidate
      aria-label={`Verbergen: ${ideaTitle}`}
      onSubmit={(event) => {
        event.preventDefault();
        const errors = onHide(reason);
        if (!errors) return;
        setError(errors.reason ?? Object.values(errors)[0] ?? null);
        field.current?.focus();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>Waarom verberg je dit idee?</label>
        <p className="hint" id={`${id}-hint`}>
          Bewoners zien het idee dan niet meer. De reden blijft bewaard; je kunt het idee later
          terugzetten. Hoogstens {hideReasonLimit} tekens.
        </p>
        <textarea
          id={`${id}-reason`}
          ref={field}
          value={reason}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="buttons">
        <button type="submit" className="danger">
          Idee verbergen
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
