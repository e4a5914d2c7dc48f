/**
 * One form field: a visible label, an optional hint, the control, and its error right under
 * it, tied together with ids. The hint is `${id}-hint` and the error `${id}-error`; the
 * control is described by both (hint first) and is `aria-invalid` while it has an error.
 * A group of choices (a fieldset) uses `describedBy` and `FieldError` for the same ties;
 * `AmountInput` is the control of a euro amount. A form's values: `useFormValues`.
 */
import type { ComponentProps, ReactElement, ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  id: string;
  label: ReactNode;
  hint?: string;
  error?: string;
  children(control: ControlProps): ReactElement;
}

/** The ids that describe the element `id`: its hint (when it has one), then its error. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  return (
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

/** The error of the element `id`, or nothing when it has none. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={`${id}-error`} data-now>
      {error}
    </p>
  ) : null;
}

export function Field({ id, label, hint, error, children }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, !!hint, error),
      })}
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * The control of a euro amount: text, so "1.250,50" can be typed as people write it (the
 * model parses it), with the number keypad on a phone and no autofill.
 */
export function AmountInput(props: Omit<ComponentProps<'input'>, 'type' | 'inputMode'>) {
  return <input autoComplete="off" {...props} type="text" inputMode="decimal" />;
}
