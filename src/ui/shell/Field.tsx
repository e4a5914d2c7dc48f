/**
 * One form field: a visible label, an optional hint, the control, and its error right under
 * it, tied together with ids. The hint is `${id}-hint` and the error `${id}-error`; the
 * control is described by both (hint first) and is `aria-invalid` while it has an error.
 * A group of choices (a fieldset) uses `describedBy` and `FieldError` for the same ties;
 * `textBinder` gives a text control its value and change handler from the form's values;
 * `AmountInput` is the control of a euro amount.
 */
import type {
  ChangeEvent,
  ComponentProps,
  Dispatch,
  ReactElement,
  ReactNode,
  SetStateAction,
} from 'react';

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

/** The keys of `V` whose values are text. */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

/** `bind(key)`: the value and change handler of the input, textarea or select for `key`. */
export function textBinder<V>(values: V, setValues: Dispatch<SetStateAction<V>>) {
  return (key: TextKey<V>) => ({
    value: values[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value })),
  });
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
