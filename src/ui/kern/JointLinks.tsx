/**
 * The kern page's joint projects ("samen oppakken"): the projects this kernagenda records
 * that its kern started or joined (samenLinks.ts), each opened (room `samen/<id>`, read-only
 * unless this device's committee takes part) once the kernagenda has loaded, so they never
 * delay it. Provides, for the budget summary (AgendaView) and the section JointProjects, the
 * snapshots, the kern's shares for a year (jointShares: each project once, the kernen of a
 * shared kernagenda together) and the years it gives in. Outside a provider there are no
 * joint projects.
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Kern } from '../../config/gemeente';
import { requestYear } from '../../model/budget';
import { parseRoom, roomName } from '../../model/rooms';
import { jointShares, readSamen, type JointShare, type SamenProject } from '../../model/samen';
import { readSamenLinks, type SamenLink } from '../../model/samenLinks';
import { useRoomViews } from '../hooks/useRoomViews';
import { useServices } from '../hooks/useServices';
import { useView } from '../hooks/useView';

export interface JointProject {
  link: SamenLink;
  /** Null while the joint project's document has not loaded (or never had content). */
  project: SamenProject | null;
  /** Its content is known (loaded and in sync once, or offline). */
  known: boolean;
}

export interface JointLinks {
  /** The slugs of the kernen that write this kernagenda. */
  group: readonly string[];
  projects: readonly JointProject[];
}

const Joint = createContext<JointLinks | null>(null);

export const useJointLinks = () => useContext(Joint);

/** The shares of this kernagenda's kernen in its joint projects that count for `year`. */
export function useJointShares(year: number): readonly JointShare[] {
  const { config } = useServices();
  const joint = useContext(Joint);
  return useMemo(() => {
    const loaded = (joint?.projects ?? []).flatMap((p) => (p.project ? [p.project] : []));
    return loaded.length ? jointShares(loaded, joint!.group, year, config) : [];
  }, [joint, year, config]);
}

/**
 * The budget years this kernagenda's kernen give to joint projects in: the year each share
 * counts for, as jointBudget.ts counts it (a request of a new initiative).
 */
export function useJointYears(): readonly number[] {
  const { config } = useServices();
  const joint = useContext(Joint);
  return useMemo(() => {
    const years = new Set<number>();
    for (const { project } of joint?.projects ?? [])
      for (const c of project?.contributions ?? [])
        if (joint!.group.includes(c.kern))
          years.add(
            requestYear(
              { year: c.year, amountCents: c.cents, kind: 'nieuw', requestedAt: c.at },
              config.budget,
            ),
          );
    return [...years];
  }, [joint, config]);
}

export const samenAddress = (id: string) => `/samen/${id}`;

interface Props {
  group: readonly Kern[];
  agendaDoc: Y.Doc;
  /** The kernagenda has loaded: its joint projects may open now. */
  loaded: boolean;
  children: ReactNode;
}

export function JointProvider({ group, agendaDoc, loaded, children }: Props) {
  const { config } = useServices();
  const readLinks = useCallback((doc: Y.Doc) => readSamenLinks(doc, config), [config]);
  const links = useView(agendaDoc, readLinks);
  const readProject = useCallback(
    (doc: Y.Doc, name: string) => {
      const room = parseRoom(name, config);
      return room?.kind === 'samen' ? readSamen(doc, room.id) : null;
    },
    [config],
  );
  const names = loaded ? links.map((l) => roomName({ kind: 'samen', id: l.id })) : [];
  const views = useRoomViews(names, readProject);
  const slugs = group.map((k) => k.slug).join(' ');
  const value = useMemo(
    (): JointLinks => ({
      group: slugs.split(' '),
      projects: links.map((link, i) => ({
        link,
        project: views[i]?.value ?? null,
        known: views[i]?.known ?? false,
      })),
    }),
    [slugs, links, views],
  );
  return <Joint value={value}>{children}</Joint>;
}
