/**
 * The page of one kern: its name, whether it shares its kernagenda, the follow toggle, what
 * you may do here, the gemeente's notices for it (KernNotices), the way to its ideas board
 * (IdeasLink), and the kernagenda itself (the
 * room `agendaRoom(config, slug)`) with what goes with it: conflict notes, print and CSV, and
 * "Wat is er veranderd" since the visit before this one. While the document loads, the agenda this device showed last stands in
 * for it (inert), so the points are there at once. Its ties to the inspiratieplein (PleinLinks:
 * shared points, examples taken over, this kern's projects) come once the agenda has loaded,
 * and then its rooms are kept in the offline search index. Its joint projects with other kernen
 * (JointLinks, JointProjects) open then too, and their shares count in the budget summary.
 * Loaded lazily (route-level code splitting).
 */
import type { Kern } from '../../config/gemeente';
import { agendaRoom } from '../../model/rooms';
import { useTokens } from '../hooks/useDevice';
import { useRoom } from '../hooks/useRoom';
import { kernRooms, useSearchIndexing } from '../hooks/useSearchIndexing';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { FollowButton } from '../shell/FollowButton';
import { NotFoundPage } from '../shell/NotFoundPage';
import { AccessPanel } from './AccessPanel';
import { ActivityList } from './ActivityList';
import { AgendaView } from './AgendaView';
import { ConflictNotes } from './ConflictNotes';
import { ExportTools } from './ExportTools';
import { IdeasLink } from './IdeasLink';
import { JointProvider } from './JointLinks';
import { JointProjects } from './JointProjects';
import { KernNotices } from './KernNotices';
import { KernOnPlein } from './KernOnPlein';
import { PleinLinksProvider } from './PleinLinks';
import { PrintHeader } from './PrintHeader';
import { IdeaLinksProvider } from './PointFromIdea';
import { useKeepAgendaScreen, useSavedAgenda } from './useAgendaScreen';
import { useAgendaReady } from './useAgendaReady';
import { useFocusPoint } from './useFocusPoint';
import { useLastVisit } from './useLastVisit';
import { VersionsPanel } from './VersionsPanel';

function KernScreen({ kern }: { kern: Kern }) {
  const { config, registry } = useServices();
  const name = agendaRoom(config, kern.slug);
  const room = useRoom(name);
  const status = useStore(room.status);
  useStore(registry.access);
  const tokens = useTokens();
  const writer = registry.writerFor(name);
  const group = config.agendaGroup(kern.slug);
  const partners = group.filter((k) => k.slug !== kern.slug);
  useTitle(kern.name);
  // Read before this visit is recorded: "nieuw sinds je laatste bezoek" needs the one before.
  const lastVisit = useLastVisit(kern.slug);
  const actor = writer ? writer.claims.name : null;
  const loaded = useAgendaReady(status);
  // What this device showed last, while the document loads (and kept for the next visit).
  const saved = useSavedAgenda(name);
  useKeepAgendaScreen(room, loaded);
  useSearchIndexing(kernRooms(kern.slug), loaded);
  useFocusPoint(loaded);

  return (
    <div className="page">
      <div className="kern-head">
        <h1>{kern.name}</h1>
        <FollowButton kern={kern} />
      </div>
      {partners.length > 0 && <p>Deze kernagenda delen {group.map((k) => k.name).join(' en ')}.</p>}
      <KernNotices kern={kern} />
      <AccessPanel
        group={group}
        writer={writer}
        tokens={(tokens ?? []).filter((t) => t.token !== writer?.token)}
        tokenRejected={status.tokenRejected}
        refusedEdits={status.editsRefused}
      />
      {/* Below the kernagenda: what loads from other rooms, so nothing moves the points. */}
      <JointProvider group={group} agendaDoc={room.doc} loaded={loaded}>
        <PleinLinksProvider kern={kern} agendaDoc={room.doc} loaded={loaded}>
          {loaded && <PrintHeader kern={kern} />}
          {loaded && <ConflictNotes room={room} />}
          {(loaded || saved) && (
            <IdeaLinksProvider doc={room.doc}>
              <AgendaView room={room} group={group} actor={actor} saved={loaded ? null : saved} />
            </IdeaLinksProvider>
          )}
          {loaded && <KernOnPlein />}
        </PleinLinksProvider>
        {loaded && <JointProjects kern={kern} agenda={room} writer={writer} />}
      </JointProvider>
      {loaded && <IdeasLink kern={kern} agendaDoc={room.doc} loaded={loaded} />}
      {loaded && <ExportTools room={room} slug={kern.slug} />}
      {loaded && <ActivityList room={room} actor={actor} since={lastVisit} />}
      {loaded && <VersionsPanel room={room} kern={kern} actor={actor} />}
      {!loaded && !saved && <p className="loading">Kernagenda laden…</p>}
    </div>
  );
}

export default function KernPage({ slug }: { slug: string }) {
  const { config } = useServices();
  const kern = config.kern(slug);
  if (!kern) return <NotFoundPage what="Deze kern" />;
  return <KernScreen key={kern.slug} kern={kern} />;
}
