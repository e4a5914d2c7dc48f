/** Runs a model write; returns the Dutch field errors it refused with, or null when it wrote. */
import { ValidationError } from '../../model/validation';

export function attempt(write: () => unknown): Record<string, string> | null {
  try {
    write();
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return { ...error.fieldErrors };
    throw error;
  }
}
