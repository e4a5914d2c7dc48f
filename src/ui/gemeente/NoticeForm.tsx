/**
 * Write or change a gemeente notice: kind, title, text, kernen (with the live preview of
 * who sees it), period, place and link. Visible labels, each error at its field
 * (aria-describedby) and in a summary above the form; a refused submit moves focus to the
 * first invalid field. Nothing typed is lost on an error. Escape cancels.
 */
import { useEffect, useRef } from 'react';
import {
  amsterdamDate,
  noticeKindLabels,
  noticeKinds,
  validateNoticeInput,
  type Notice,
  type NoticeInput,
  type NoticeKind,
} from '../../model/notices';
import { useServices } from '../hooks/useServices';
import { describedBy, Field, FieldError } from '../shell/Field';
import { FormFrame } from '../shell/FormFrame';
import { useFormErrors } from '../shell/useFormErrors';
import { useFormValues } from '../shell/useFormValues';
import { KernenChoice } from './KernenChoice';
import {
  initialNoticeValues,
  noticeFieldOrder,
  toNoticeInput,
  type NoticeFormValues,
} from './noticeForm';

interface Props {
  notice: Notice | null;
  /** Writes the notice; returns the model's field errors, or null when it was written. */
  onSubmit(input: NoticeInput): Record<string, string> | null;
  onCancel(): void;
}

export function NoticeForm({ notice, onSubmit, onCancel }: Props) {
  const { config, now } = useServices();
  const prefix = `bf-${notice?.id ?? 'nieuw'}`;
  const id = (key: string) => `${prefix}-${key}`;
  const values = useFormValues<NoticeFormValues>(() =>
    initialNoticeValues(notice, amsterdamDate(now().toISOString())),
  );
  // An error of the kind links to (and moves focus to) the kind's first radio button.
  const form = useFormErrors(noticeFieldOrder, (key) => id(key === 'kind' ? 'kind-0' : key));
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const { bind } = values;

  const submit = () => {
    const input = toNoticeInput(values.read());
    const found = validateNoticeInput(input, config);
    form.show(Object.keys(found).length > 0 ? found : onSubmit(input));
  };

  return (
    <FormFrame
      className="point-form notice-form"
      headingId={id('kop')}
      heading={notice ? `Bericht wijzigen: ${notice.title}` : 'Nieuw bericht'}
      summary={form.summary}
      submitLabel={notice ? 'Wijzigingen opslaan' : 'Bericht plaatsen'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <fieldset aria-describedby={describedBy(id('kind'), false, form.errors.kind)}>
        <legend>Soort bericht</legend>
        <FieldError id={id('kind')} error={form.errors.kind} />
        <div className="choices">
          {noticeKinds.map((kind: NoticeKind, index) => (
            <label key={kind} className="choice">
              <input
                id={id(`kind-${index}`)}
                ref={index === 0 ? first : undefined}
                type="radio"
                name={id('kind')}
                value={kind}
                defaultChecked={values.shown.kind === kind}
                onChange={() => values.note('kind')(kind)}
              />
              {noticeKindLabels[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field {...form.field('title')} label="Titel">
        {(control) => (
          <input
            {...control}
            {...bind('title')}
            type="text"
            aria-required="true"
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        {...form.field('text')}
        label="Tekst"
        hint="Wat gebeurt er, wat merken bewoners ervan, en wat kunnen ze doen? Schrijf kort en eenvoudig."
      >
        {(control) => <textarea {...control} {...bind('text')} />}
      </Field>
      <KernenChoice
        id={id('kernen')}
        all={values.shown.all}
        kernen={values.shown.kernen}
        error={form.errors.kernen}
        onChange={values.set}
      />
      <div className="date-fields">
        <Field {...form.field('from')} label="Eerste dag">
          {(control) => <input {...control} {...bind('from')} type="date" aria-required="true" />}
        </Field>
        <Field
          {...form.field('until')}
          label="Laatste dag (mag leeg)"
          hint="Laat leeg als er nog geen einddatum is."
        >
          {(control) => <input {...control} {...bind('until')} type="date" />}
        </Field>
      </div>
      <Field
        {...form.field('place')}
        label="Plaats (mag leeg)"
        hint="Bijvoorbeeld een straat, een kruispunt of een wijk."
      >
        {(control) => <input {...control} {...bind('place')} type="text" autoComplete="off" />}
      </Field>
      <Field
        {...form.field('link')}
        label="Link met meer informatie (mag leeg)"
        hint="Een volledig webadres dat begint met https://."
      >
        {(control) => (
          <input {...control} {...bind('link')} type="url" inputMode="url" autoComplete="off" />
        )}
      </Field>
    </FormFrame>
  );
}
