/**
 * The committee marks a version: one labelled name field with a suggested name, checked
 * before it is stored (validateVersionName), the Dutch error under the field and on it
 * (aria-invalid, aria-describedby), focus back on the field when it is refused.
 */
import { useRef, useState } from 'react';
import { ValidationError } from '../../model/kernagenda';
import { validateVersionName } from '../../model/versions';

interface Props {
  /** The names already in use. */
  existing: readonly string[];
  /** The name the field starts with (a fresh one after each marked version). */
  suggestion: string;
  /** Stores the version; may throw ValidationError. */
  onMark(name: string): void;
}

const fieldId = 'versie-naam';
const errorId = `${fieldId}-fout`;

export function MarkVersionForm({ existing, suggestion, onMark }: Props) {
  // null: the field shows the suggestion (a fresh one after each marked version).
  const [text, setText] = useState<string | null>(null);
  const name = text ?? suggestion;
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const refuse = (message: string) => {
    setError(message);
    input.current?.focus();
  };

  return (
    <form
      className="panel"
      noValidate
      aria-labelledby="versie-vastleggen-title"
      onSubmit={(e) => {
        e.preventDefault();
        const problem = validateVersionName(name, existing).name;
        if (problem) return refuse(problem);
        try {
          onMark(name);
          setError(null);
          setText(null);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          refuse(Object.values(err.fieldErrors)[0] ?? 'Deze naam kan niet.');
        }
      }}
    >
      <h3 id="versie-vastleggen-title">Versie vastleggen</h3>
      <p>
        Leg de kernagenda vast zoals hij nu is, bijvoorbeeld na de bewonersavond. Een versie
        verandert daarna niet meer.
      </p>
      <div className="field">
        <label htmlFor={fieldId}>Naam van de versie</label>
        <p className="hint" id={`${fieldId}-hint`}>
          Kies een naam die iedereen herkent, zoals het seizoen en het jaar.
        </p>
        <input
          id={fieldId}
          ref={input}
          type="text"
          autoComplete="off"
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-hint ${errorId}` : `${fieldId}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        {error && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="primary">
        Versie vastleggen
      </button>
    </form>
  );
}
