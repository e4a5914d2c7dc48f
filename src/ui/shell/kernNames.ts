/** Kernen in words on a screen: "Beesd", "Beesd en Heukelum", "Asperen, Beesd en Heukelum". */
import type { GemeenteConfig } from '../../config/gemeente';

export const kernName = (config: GemeenteConfig, slug: string) => config.kern(slug)?.name ?? slug;

export function kernNames(config: GemeenteConfig, slugs: readonly string[]): string {
  const names = slugs.map((s) => kernName(config, s));
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`;
}

/** The slugs sorted by their kernen's names (Dutch order), as a new list. */
export const byKernName = (config: GemeenteConfig, slugs: readonly string[]): string[] =>
  [...slugs].sort((a, b) => kernName(config, a).localeCompare(kernName(config, b), 'nl'));
