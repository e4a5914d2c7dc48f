/**
 * Addresses and words shared by the screens that link across kernen (the plein, the search,
 * the kern page): where a project, a kernagendapunt or an idea is shown, and a list of kern
 * names in Dutch ("Heukelum, Asperen en Tricht").
 */
import type { GemeenteConfig } from '../../config/gemeente';

/** A project on the inspiratieplein. */
export const projectAddress = (id: string) => `/plein/${encodeURIComponent(id)}`;

/** A kernagendapunt on its kern page (the page focuses it). */
export const pointAddress = (kern: string, pointId: string) =>
  `/kern/${kern}#punt-${encodeURIComponent(pointId)}`;

/** An idea on its kern's ideas board (the board focuses it). */
export const ideaOnBoardAddress = (kern: string, ideaId: string) =>
  `/kern/${kern}/ideeen#idee-${encodeURIComponent(ideaId)}`;

const list = new Intl.ListFormat('nl', { type: 'conjunction' });

/** The kernen's names as one Dutch list ("Heukelum en Asperen"); an unknown slug as it is. */
export function kernNames(config: GemeenteConfig, slugs: readonly string[]): string {
  return list.format(slugs.map((slug) => config.kern(slug)?.name ?? slug));
}
