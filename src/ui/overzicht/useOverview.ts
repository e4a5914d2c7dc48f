/**
 * The data of the gemeente's overview: every kernagenda (one room per kernagenda, kernen that
 * share one open it once), the inspiratieplein and the joint projects the kernagenda's record
 * (samenLinks.ts), all opened read-only, with per kernagenda whether its content is known yet;
 * and `overview()` of what has loaded, for the year chosen. The joint projects open as the
 * kernagenda's that name them load.
 */
import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import { readProjects } from '../../model/inspiration';
import { readKernagenda, type Kernagenda } from '../../model/kernagenda';
import { overview, type Overview } from '../../model/overview';
import { agendaRoom, parseRoom, roomName } from '../../model/rooms';
import { readSamen, type SamenProject } from '../../model/samen';
import { readSamenLinks, type SamenLink } from '../../model/samenLinks';
import { useRoom } from '../hooks/useRoom';
import { contentKnown, useRoomViews } from '../hooks/useRoomViews';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';

export interface OverviewData {
  view: Overview;
  /** Per kernagenda slug: its content is known (loaded and in sync once, or offline). */
  known: ReadonlyMap<string, boolean>;
  /** All kernagenda's, their joint projects and the plein are known. */
  complete: boolean;
  /** The joint projects found, by title. */
  samen: readonly SamenProject[];
}

interface AgendaValue {
  agenda: Kernagenda;
  links: readonly SamenLink[];
}

const pleinName = roomName({ kind: 'inspiratie' });

export function useOverview(year: number): OverviewData {
  const { config } = useServices();
  const agendaNames = useMemo(
    () => [...new Set(config.kernen.map((k) => agendaRoom(config, k.slug)))],
    [config],
  );
  const readAgenda = useCallback(
    (doc: Y.Doc): AgendaValue => ({
      agenda: readKernagenda(doc),
      links: readSamenLinks(doc, config),
    }),
    [config],
  );
  const agendas = useRoomViews(agendaNames, readAgenda);
  const plein = useRoom(pleinName);
  const pleinStatus = useStore(plein.status);
  const projects = useView(plein.doc, readProjects);

  const samenNames = [
    ...new Set(
      agendas.flatMap((a) =>
        a.status.localLoaded ? a.value.links.map((l) => roomName({ kind: 'samen', id: l.id })) : [],
      ),
    ),
  ].sort();
  const readProject = useCallback(
    (doc: Y.Doc, name: string) => {
      const room = parseRoom(name, config);
      return room?.kind === 'samen' ? readSamen(doc, room.id) : null;
    },
    [config],
  );
  const samenViews = useRoomViews(samenNames, readProject);

  return useMemo(() => {
    const loaded = new Map<string, Kernagenda>();
    const known = new Map<string, boolean>();
    for (const a of agendas) {
      const room = parseRoom(a.name, config);
      if (room?.kind !== 'agenda') continue;
      known.set(room.kern, a.known);
      if (a.status.localLoaded) loaded.set(room.kern, a.value.agenda);
    }
    const samen = samenViews
      .flatMap((s) => (s.value ? [s.value] : []))
      .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    return {
      view: overview(config, loaded, projects, samen, year),
      known,
      complete:
        agendas.every((a) => a.known) &&
        samenViews.every((s) => s.known) &&
        contentKnown(pleinStatus),
      samen,
    };
  }, [agendas, samenViews, projects, pleinStatus, config, year]);
}
