/**
 * A form's values, without rendering the form on every keystroke.
 *
 * Text controls (inputs, textareas, selects) are uncontrolled: the browser keeps what is
 * typed. `bind(key)` gives a control its starting value and notes each change, `note(key)` does
 * the same for a control of our own that reports its text (the description field), and
 * `read()` returns the values as they are now, for submit. A value the form's render depends
 * on (a radio button that shows another field, the chosen kernen) is changed with `set`,
 * which renders the form again; `shown` holds the values as of the last render: text typed
 * since may be newer, so submit reads `read()`.
 *
 * Why: a controlled field renders the whole form on every key press: at 4× CPU about 5 ms of
 * the 15–25 ms a keystroke takes in the point form beyond what it takes in a plain text field
 * (`bench/local.ts`, "input to screen"; docs/performance.md).
 */
import { useRef, useState, type ChangeEvent } from 'react';

/** The keys of `V` whose values are text. */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

type TextControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export function useFormValues<V extends object>(initial: V | (() => V)) {
  const [shown, setShown] = useState<V>(initial);
  const current = useRef(shown);
  const note = (key: TextKey<V>) => (value: string) => {
    current.current = { ...current.current, [key]: value };
  };
  return {
    shown,
    read: (): V => current.current,
    note,
    bind: (key: TextKey<V>) => ({
      defaultValue: shown[key] as string,
      onChange: (event: ChangeEvent<TextControl>) => note(key)(event.target.value),
    }),
    set(patch: Partial<V>) {
      current.current = { ...current.current, ...patch };
      setShown(current.current);
    },
  };
}
