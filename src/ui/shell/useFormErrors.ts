/**
 * The errors of a form with an error summary (ErrorSummary) and an error at each field
 * (Field). `order` is the form's field keys in the order they appear; `fieldId(key)` is the
 * element a summary link and the focus go to. After every refused submit, focus moves to the
 * first field in `order` with an error, once the errors are on screen, so a screen reader
 * reads that field together with its message. What the user typed is not touched here.
 */
import { useEffect, useState } from 'react';

export function useFormErrors<K extends string>(
  order: readonly K[],
  fieldId: (key: string) => string,
) {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  // A new object for each refused submit, so a second refusal moves focus again.
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);

  return {
    errors,
    /**
     * Shows the outcome of a submit: the refused fields' messages, or null when it was
     * accepted (the errors go). Returns whether it was refused.
     */
    show(refused: Readonly<Record<string, string>> | null): boolean {
      setErrors(refused ?? {});
      if (!refused) return false;
      const first = order.find((key) => refused[key]);
      setFocus(first ? { id: fieldId(first) } : null);
      return true;
    },
    /** The id and error of field `key`, for its <Field>. */
    field: (key: K) => ({ id: fieldId(key), error: errors[key] }),
    /** The props of the form's <ErrorSummary>. */
    summary: { errors, order, fieldId },
  };
}

/**
 * The errors of the fields in `keys` only: an edit checks (and shows) only what it changes,
 * so a value saved under an older rule does not block changing something else.
 */
export const pickErrors = (
  errors: Readonly<Record<string, string>>,
  keys: ReadonlySet<string>,
): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).filter(([key]) => keys.has(key)));
