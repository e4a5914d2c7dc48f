/**
 * Presence: who has a room open now and which point each of them is editing, as carried in
 * the `presence` field of their y-protocols awareness state (see provider.ts).
 *
 * Other clients' states are untrusted input: `readPresence` keeps only well-formed, bounded
 * fields and ignores the rest, so a strange state never breaks the page.
 */
export interface Presence {
  /** The name from the person's token, or "Bezoeker" for someone without one. */
  name: string;
  /** True for someone who reads without a token. */
  visitor: boolean;
  /** The id of the point whose edit form is open, or null. */
  editing: string | null;
}

const maxName = 80;
const maxId = 64;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** The presence in one awareness state, or null when it carries none (or a malformed one). */
export function readPresence(state: unknown): Presence | null {
  if (typeof state !== 'object' || state === null) return null;
  const field: unknown = (state as Record<string, unknown>).presence;
  if (typeof field !== 'object' || field === null) return null;
  const p = field as Record<string, unknown>;
  const name = text(p.name, maxName);
  if (!name) return null;
  return { name, visitor: p.visitor === true, editing: text(p.editing, maxId) };
}

/** True when two lists of presences say the same (so a renewal does not re-render). */
export function samePresences(a: readonly Presence[], b: readonly Presence[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (p, i) => p.name === b[i]!.name && p.visitor === b[i]!.visitor && p.editing === b[i]!.editing,
    )
  );
}
