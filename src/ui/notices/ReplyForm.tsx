/**
 * A short text written under a notice: a resident's question, the gemeente's answer. A
 * button opens one labelled field; sending writes it (the model checks it), and a refused
 * text keeps what was typed with the Dutch error at the field. Escape cancels; focus goes
 * back to the button. A status line under it says what happened to the last one sent.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';

interface Props {
  /** A unique prefix for the element ids. */
  id: string;
  /** The opening button's name (may hold an sr-only part that says which notice or question). */
  openLabel: ReactNode;
  label: string;
  hint: string;
  submitLabel: string;
  /** What the status line says after sending (it may change, e.g. once it reached the server). */
  sentMessage: string;
  /** Writes the text; returns the model's field errors, or null when it was written. */
  onSend(text: string): Record<string, string> | null;
}

export function ReplyForm({ id, openLabel, label, hint, submitLabel, sentMessage, onSend }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const fieldId = `${id}-tekst`;
  const openId = `${id}-openen`;
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setError(null);
    focusAfterRender(openId);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const errors = onSend(text);
    if (errors) {
      setError(Object.values(errors)[0] ?? 'Dit kan niet worden verstuurd.');
      field.current?.focus();
      return;
    }
    setText('');
    setSent(true);
    close();
  };

  return (
    <div className="reply">
      {open ? (
        <form
          className="reply-form"
          noValidate
          onSubmit={submit}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          <div className="field">
            <label htmlFor={fieldId}>{label}</label>
            <p className="hint" id={`${fieldId}-hint`}>
              {hint}
            </p>
            <textarea
              id={fieldId}
              ref={field}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-fout` : ''}`}
              onChange={(e) => setText(e.target.value)}
            />
            {error && (
              <p className="field-error" id={`${fieldId}-fout`}>
                {error}
              </p>
            )}
          </div>
          <div className="buttons">
            <button type="submit" className="primary">
              {submitLabel}
            </button>
            <button type="button" onClick={close}>
              Annuleren
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          id={openId}
          onClick={() => {
            setSent(false);
            setOpen(true);
          }}
        >
          {openLabel}
        </button>
      )}
      <p role="status" className="reply-status">
        {sent ? sentMessage : ''}
      </p>
    </div>
  );
}
