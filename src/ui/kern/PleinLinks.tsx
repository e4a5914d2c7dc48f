/**
 * The kern page's ties to the inspiratieplein (room `plein/inspiratie`), for the point cards
 * and the "Op het inspiratieplein" section (KernOnPlein):
 * - which points were shared on the plein (a project published from the point), and which
 *   kernen took that project over ("Overgenomen door Heukelum");
 * - which points were taken over from a project of another kern ("Naar het voorbeeld van
 *   Beesd", read from the kernagenda document itself);
 * - this kern's projects on the plein.
 * The plein opens once the kernagenda has loaded, so it never delays the agenda. Snapshots
 * are handed on only when they changed, so the cards do not re-render on every keystroke.
 * Outside a provider nothing is shown.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as Y from 'yjs';
import type { Kern } from '../../config/gemeente';
import { readProjects, takenUpKernen } from '../../model/inspiration';
import { readKernagenda } from '../../model/kernagenda';
import { roomName } from '../../model/rooms';
import { projectOfPoint, type ProjectLink } from '../../model/takeOver';
import { openRoom, type Room } from '../../sync/room';
import { createStore, initialFacts, snapshotOf } from '../../sync/status';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';

export interface SharedProject {
  id: string;
  title: string;
  /** The point it was published from (null: added on the plein itself). */
  pointId: string | null;
  /** Kern slugs that took it over, in the order they did. */
  takenUpBy: readonly string[];
}

export interface PleinLinks {
  kern: Kern;
  agendaDoc: Y.Doc;
  /** Null until the kernagenda has loaded. */
  plein: Room | null;
  /** The plein's content is known: loaded and in sync once (now or before), or offline. */
  known: boolean;
  /** This kern's projects (of every kern sharing its kernagenda), newest first. */
  projects: readonly SharedProject[];
  /** Projects published from a point, by point id. */
  shared: ReadonlyMap<string, SharedProject>;
  /** Points taken over from another kern's project, by point id. */
  examples: ReadonlyMap<string, ProjectLink>;
}

const Links = createContext<PleinLinks | null>(null);

export const usePleinLinks = () => useContext(Links);

/** Hands on the last value while a new read equals it (compared as JSON). */
function stable<T>(read: (doc: Y.Doc) => T): (doc: Y.Doc) => T {
  let last: { json: string; value: T } | null = null;
  return (doc) => {
    const value = read(doc);
    const json = JSON.stringify(value);
    if (last && last.json === json) return last.value;
    last = { json, value };
    return value;
  };
}

const readExamples = stable((doc: Y.Doc) => {
  const links: [string, ProjectLink][] = [];
  for (const point of readKernagenda(doc).points) {
    const link = projectOfPoint(doc, point.id);
    if (link) links.push([point.id, link]);
  }
  return links;
});

/** The plein room, opened (and held) only once `enabled`. */
function usePleinRoom(enabled: boolean): Room | null {
  const { registry } = useServices();
  const name = roomName({ kind: 'inspiratie' });
  registry.supplyRooms(openRoom);
  useEffect(() => (enabled ? registry.retain(name) : undefined), [registry, name, enabled]);
  return enabled ? registry.get(name) : null;
}

interface Props {
  kern: Kern;
  agendaDoc: Y.Doc;
  /** The kernagenda has loaded: the plein may open now. */
  loaded: boolean;
  children: ReactNode;
}

export function PleinLinksProvider({ kern, agendaDoc, loaded, children }: Props) {
  const { config } = useServices();
  const plein = usePleinRoom(loaded);
  // Until the plein opens: an empty document and a status that says nothing has loaded.
  const [blank] = useState(() => ({
    doc: new Y.Doc(),
    status: createStore(snapshotOf(initialFacts)),
  }));
  const status = useStore((plein ?? blank).status);
  const group = config
    .agendaGroup(kern.slug)
    .map((k) => k.slug)
    .join(' ');
  const readOwn = useMemo(
    () =>
      stable((doc: Y.Doc) =>
        readProjects(doc)
          .filter((p) => group.split(' ').includes(p.kern))
          .map((p): SharedProject => ({
            id: p.id,
            title: p.title,
            pointId: p.source?.pointId ?? null,
            takenUpBy: takenUpKernen(p),
          })),
      ),
    [group],
  );
  const projects = useView((plein ?? blank).doc, readOwn);
  const examples = useView(agendaDoc, readExamples);
  const known =
    plein !== null &&
    status.localLoaded &&
    (status.synced || status.lastSyncedAt !== null || !status.online);
  const value = useMemo(
    (): PleinLinks => ({
      kern,
      agendaDoc,
      plein,
      known,
      projects,
      shared: new Map(projects.filter((p) => p.pointId).map((p) => [p.pointId!, p])),
      examples: new Map(examples),
    }),
    [kern, agendaDoc, plein, known, projects, examples],
  );
  return <Links value={value}>{children}</Links>;
}
