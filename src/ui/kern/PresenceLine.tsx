/**
 * "Nu hier: Anna, Bram en 2 bezoekers": who else has this kernagenda open now. Quiet on
 * purpose: plain text, no live region, nothing when nobody else is here.
 */
import type { Presence } from '../../sync/presence';

const list = new Intl.ListFormat('nl', { type: 'conjunction' });

/** The names of people (visitors left out), each once, in the order given. */
export const namesOf = (people: readonly Presence[]) => [
  ...new Set(people.filter((p) => !p.visitor).map((p) => p.name)),
];

export function PresenceLine({ peers }: { peers: readonly Presence[] }) {
  const visitors = peers.filter((p) => p.visitor).length;
  const parts = namesOf(peers);
  if (visitors > 0) parts.push(visitors === 1 ? '1 bezoeker' : `${visitors} bezoekers`);
  if (parts.length === 0) return null;
  return (
    <p className="presence no-print" data-now>
      Nu hier: {list.format(parts)}
    </p>
  );
}
