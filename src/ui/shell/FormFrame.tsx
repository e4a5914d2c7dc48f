/**
 * The frame of a form that adds or changes something: labelled by its heading, the error
 * summary under the heading, then the form's own fields, then the submit button and
 * "Annuleren". The browser's own validation is off: the summary and the fields say what is
 * wrong (useFormErrors). Enter in a one-line field submits; Escape anywhere cancels.
 */
import type { ComponentProps, ReactNode } from 'react';
import { ErrorSummary } from './ErrorSummary';

interface Props {
  className: string;
  headingId: string;
  heading: string;
  /** 3 (the default) for a form within a section, 2 for a form that is the page's own part. */
  level?: 2 | 3;
  summary: ComponentProps<typeof ErrorSummary>;
  submitLabel: string;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}

export function FormFrame({
  className,
  headingId,
  heading,
  level = 3,
  summary,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <form
      className={className}
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <Heading id={headingId}>{heading}</Heading>
      <ErrorSummary {...summary} />
      {children}
      <div className="buttons">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
