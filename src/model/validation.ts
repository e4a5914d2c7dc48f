/**
 * Refusals of bad input, shared by every write of the model.
 *
 * Owns: `ValidationError` (a Dutch message per field, for inline form errors) and the small
 * checks that several records use. A write either passes every check or changes nothing.
 */

export class ValidationError extends Error {
  readonly fieldErrors: Readonly<Record<string, string>>;
  constructor(fieldErrors: Record<string, string>) {
    super(
      `Invalid input: ${Object.entries(fieldErrors)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')}`,
    );
    this.name = 'ValidationError';
    this.fieldErrors = Object.freeze({ ...fieldErrors });
  }
}

export const minYear = 2000;
export const maxYear = 2100;

export function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isYear(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= minYear && value <= maxYear
  );
}

export const messages = {
  amount: 'Vul een geldig bedrag in: 0 euro of meer, in hele centen.',
  year: `Kies een jaar tussen ${minYear} en ${maxYear}.`,
} as const;

/** Throws ValidationError when `errors` has any entry. */
export function assertValid(errors: Record<string, string>): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
