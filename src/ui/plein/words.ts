/**
 * How a project is described in a line: its kern and theme, its status with the year
 * ("Gerealiseerd in 2025", "Gepland"), and its cost.
 */
import type { GemeenteConfig } from '../../config/gemeente';
import type { Project } from '../../model/inspiration';
import { formatEuro } from '../../model/money';

export const kernName = (config: GemeenteConfig, slug: string) => config.kern(slug)?.name ?? slug;

export const themeName = (config: GemeenteConfig, id: string) => config.theme(id)?.name ?? 'Overig';

export function statusLine(project: Project): string {
  if (project.status === 'gepland') return 'Gepland';
  return project.realisedIn ? `Gerealiseerd in ${project.realisedIn}` : 'Gerealiseerd';
}

export const costLine = (project: Project) =>
  project.costCents === null ? 'Kosten onbekend' : `Kosten ${formatEuro(project.costCents)}`;
