/**
 * Which kernagendapunten came from an idea of a bewoners' ideas board, read from the
 * committee's decisions in the kernagenda document (ideaDecisions.ts), for the link back
 * from a point to its idea. Pure: plain decisions in, a map by point id out.
 */
import type { IdeaDecision } from '../../model/ideaDecisions';

export interface IdeaLink {
  /** The kern whose ideas board holds the idea (kernen sharing an agenda each have one). */
  kern: string;
  ideaId: string;
}

export function pointIdeaLinks(
  decisions: Readonly<Record<string, IdeaDecision>>,
): ReadonlyMap<string, IdeaLink> {
  const links = new Map<string, IdeaLink>();
  for (const decision of Object.values(decisions))
    if (decision.taken)
      links.set(decision.taken.pointId, { kern: decision.kern, ideaId: decision.ideaId });
  return links;
}

/** True when both maps link the same points to the same ideas. */
export function sameIdeaLinks(a: ReadonlyMap<string, IdeaLink>, b: ReadonlyMap<string, IdeaLink>) {
  if (a.size !== b.size) return false;
  for (const [pointId, link] of a) {
    const other = b.get(pointId);
    if (!other || other.kern !== link.kern || other.ideaId !== link.ideaId) return false;
  }
  return true;
}

/** The address of an idea on its board (the ideas page focuses it). */
export const ideaAddress = (link: IdeaLink) => `/kern/${link.kern}/ideeen#idee-${link.ideaId}`;
