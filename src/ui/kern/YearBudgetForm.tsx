/** The committee sets the budget of one year ("Budget voor <jaar> instellen"). */
import { useEffect, useRef, useState } from 'react';
import { ValidationError } from '../../model/kernagenda';
import { parseEuro } from '../../model/money';
import { centsToText } from './pointForm';
import { AmountInput } from '../shell/Field';

interface Props {
  year: number;
  budgetCents: number;
  onSave(cents: number): void;
}

export function YearBudgetForm({ year, budgetCents, onSave }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) input.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const label = `Budget voor ${year} instellen`;
  if (!open)
    return (
      <button
        type="button"
        ref={opener}
        onClick={() => {
          setText(centsToText(budgetCents));
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </button>
    );
  const fieldId = `budget-${year}`;
  return (
    <form
      className="panel"
      noValidate
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          setOpen(false);
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const cents = parseEuro(text);
        if (cents === null) {
          setError('Vul een bedrag in zoals 5.000 of 4.500,50.');
          input.current?.focus();
          return;
        }
        try {
          onSave(cents);
          setOpen(false);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          setError(Object.values(err.fieldErrors)[0] ?? 'Dit bedrag kan niet.');
          input.current?.focus();
        }
      }}
    >
      <div className="field">
        <label htmlFor={fieldId}>Budget voor {year} (€)</label>
        <AmountInput
          id={fieldId}
          ref={input}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {error && (
          <p className="field-error" id={`${fieldId}-error`}>
            {error}
          </p>
        )}
      </div>
      <div className="buttons">
        <button type="submit" className="primary">
          Opslaan
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
