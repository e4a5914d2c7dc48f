/**
 * The ideas board's sentences (plain Dutch, B1) and the addresses of its parts, so the
 * page, the kern page's links and the tests say the same thing.
 */

export type IdeaSort = 'steun' | 'nieuw';
export const sortLabels: Record<IdeaSort, string> = {
  steun: 'Meeste steun',
  nieuw: 'Nieuwste',
};

/** How many people support an idea, and whether the reader is one of them. */
export function supportSentence(count: number, mine: boolean): string {
  if (count <= 0) return 'Nog niemand steunt dit idee.';
  if (mine && count === 1) return 'Jij steunt dit idee.';
  if (mine) return `${count} mensen steunen dit idee, jij ook.`;
  return count === 1 ? '1 persoon steunt dit idee.' : `${count} mensen steunen dit idee.`;
}

/** The line residents see instead of hidden ideas. */
export const hiddenLine = (n: number) =>
  n === 1 ? '1 idee verborgen door de commissie.' : `${n} ideeën verborgen door de commissie.`;

/** The id of an idea's article (and the hash a link to it carries). */
export const ideaElementId = (ideaId: string) => `idee-${ideaId}`;
/** The id of the join form's section ("Meedoen als bewoner"). */
export const joinSectionId = 'meedoen';

/** The ideas board of a kern, optionally at one idea. */
export const ideasPath = (kern: string, ideaId?: string) =>
  `/kern/${kern}/ideeen${ideaId ? `#${ideaElementId(ideaId)}` : ''}`;
