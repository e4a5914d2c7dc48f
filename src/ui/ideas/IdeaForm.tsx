/**
 * Post a new idea or edit one's own: title, explanation, theme (the gemeente's themes) and an
 * optional rough cost. Visible labels, each error next to its field (aria-describedby) and in
 * a summary above the form; on a refused submit the first invalid field gets focus. Enter in
 * a single-line field submits, Escape cancels. An edit writes only the fields that changed.
 */
import { useEffect, useRef, useState } from 'react';
import type { Idea, IdeaInput } from '../../model/ideas';
import { useServices } from '../hooks/useServices';
import { AmountInput, Field } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { ThemeOptions } from '../shell/ThemeOptions';
import { pickErrors, useFormErrors } from '../shell/useFormErrors';
import { useFormValues } from '../shell/useFormValues';
import {
  changedIdeaInput,
  ideaFieldOrder,
  ideaInitialValues,
  toIdeaInput,
  touchedIdeaFields,
  type IdeaFormValues,
} from './ideaForm';

interface Props {
  /** The idea being edited; null for a new one. */
  idea: Idea | null;
  /**
   * Writes the idea: the whole input for a new one, the changed fields for an edit. Returns
   * the model's field errors, or null when it was saved.
   */
  onSubmit(input: IdeaInput, patch: Partial<IdeaInput>): Record<string, string> | null;
  onCancel(): void;
}

export function IdeaForm({ idea, onSubmit, onCancel }: Props) {
  const { config } = useServices();
  const prefix = `if-${idea?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const [opened] = useState<IdeaFormValues>(() => ideaInitialValues(idea));
  const values = useFormValues(opened);
  const form = useFormErrors(ideaFieldOrder, id);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const { bind } = values;

  const submit = () => {
    const { input, errors: all } = toIdeaInput(values.read(), config);
    const patch = idea ? changedIdeaInput(input, toIdeaInput(opened, config).input) : input;
    const found = idea ? pickErrors(all, touchedIdeaFields(patch)) : all;
    form.show(Object.keys(found).length > 0 ? found : onSubmit(input, patch));
  };

  return (
    <FormFrame
      className="point-form idea-form"
      headingId={id('kop')}
      heading={idea ? `Idee bewerken: ${idea.title}` : 'Nieuw idee'}
      summary={form.summary}
      submitLabel={idea ? 'Opslaan' : 'Idee plaatsen'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field {...form.field('title')} label="Titel">
        {(control) => (
          <input {...control} {...bind('title')} ref={titleRef} type="text" aria-required="true" />
        )}
      </Field>
      <Field
        {...form.field('text')}
        label="Uitleg"
        hint="Wat wil je, waar, en waarom is het goed voor de kern?"
      >
        {(control) => <textarea {...control} {...bind('text')} />}
      </Field>
      <Field {...form.field('category')} label="Thema">
        {(control) => (
          <select {...control} {...bind('category')} aria-required="true">
            <ThemeOptions />
          </select>
        )}
      </Field>
      <Field
        {...form.field('cost')}
        label="Geschatte kosten (€)"
        hint="Niet verplicht. Een ruwe schatting is genoeg."
      >
        {(control) => <AmountInput {...control} {...bind('cost')} />}
      </Field>
    </FormFrame>
  );
}
