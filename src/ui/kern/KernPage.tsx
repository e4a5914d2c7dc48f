/**
 * The page of one kern: its name, whether it shares its kernagenda, the follow toggle, what
 * you may do here, the gemeente's notices for it (KernNotices), and the kernagenda itself
 * (the room `agendaRoom(config, slug)`) with its conflict notes. While the document loads,
 * the agenda this device showed last stands in for it (inert), so the points are there at
 * once; on a first visit the year choice stands (inert) above "Kernagenda laden…". Before
 * that, the service worker's copy of this page stood there (storage/pageSnapshot.ts); it goes
 * in the frame the points are drawn in. The room's status is read as a transition
 * (useStoreLater), so the live agenda renders in slices. Its ties to the inspiratieplein
 * (PleinLinks: shared points, examples taken over) and its joint projects' shares in the
 * budget (JointLinks) come once the agenda has loaded, and then its rooms are kept in the
 * offline search index.
 *
 * Below the agenda, once it has been painted and each from its own chunk (`Later`): this
 * kern's projects on the plein, its joint projects, the way to its ideas board, print and
 * CSV, "Wat is er veranderd" since the visit before this one, and the versions. They are not
 * what people open the page for, and rendering them with the agenda made it appear later.
 * Loaded lazily (route-level code splitting, lazyPage).
 */
import { lazy, Suspense, useLayoutEffect, useMemo, type ReactNode } from 'react';
import type { Kern } from '../../config/gemeente';
import { agendaRoom } from '../../model/rooms';
import { dropSnapshot } from '../../storage/pageSnapshot';
import { useAfterPaint } from '../hooks/useAfterPaint';
import { useRoom } from '../hooks/useRoom';
import { useRoomReady } from '../hooks/useRoomReady';
import { kernRooms, useSearchIndexing } from '../hooks/useSearchIndexing';
import { useServices } from '../hooks/useServices';
import { useStore, useStoreLater } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { berichtenRoom } from '../notices/rooms';
import { FollowButton } from '../shell/FollowButton';
import { NotFoundPage } from '../shell/NotFoundPage';
import { AccessPanel } from './AccessPanel';
import { AgendaView } from './AgendaView';
import { ConflictNotes } from './ConflictNotes';
import { JointProvider } from './JointLinks';
import { KernNotices } from './KernNotices';
import { PleinLinksProvider } from './PleinLinks';
import { PrintHeader } from './PrintHeader';
import { IdeaLinksProvider } from './PointFromIdea';
import { useKeepAgendaScreen, useSavedAgenda, type SavedAgenda } from './useAgendaScreen';
import { useFocusPoint } from './useFocusPoint';
import { useLastVisit } from './useLastVisit';

// Below the kernagenda, each its own chunk: fetched and rendered after the agenda is painted.
const ActivityList = lazy(() =>
  import('./ActivityList').then((m) => ({ default: m.ActivityList })),
);
const ExportTools = lazy(() => import('./ExportTools').then((m) => ({ default: m.ExportTools })));
const IdeasLink = lazy(() => import('./IdeasLink').then((m) => ({ default: m.IdeasLink })));
const JointProjects = lazy(() =>
  import('./JointProjects').then((m) => ({ default: m.JointProjects })),
);
const KernOnPlein = lazy(() => import('./KernOnPlein').then((m) => ({ default: m.KernOnPlein })));
const VersionsPanel = lazy(() =>
  import('./VersionsPanel').then((m) => ({ default: m.VersionsPanel })),
);

/** A section below the kernagenda: nothing until the agenda has been painted. */
function Later({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <Suspense fallback={null}>{children}</Suspense> : null;
}

function KernScreen({ kern, saved }: { kern: Kern; saved: SavedAgenda | null }) {
  const { config, registry } = useServices();
  const name = agendaRoom(config, kern.slug);
  // Opened first: its few notices are read before the agenda's long history is applied.
  const notices = useRoom(berichtenRoom);
  const noticesRead = useStore(notices.status).localLoaded;
  const room = useRoom(name);
  // As a transition: the live agenda renders in slices, not in the task that brought it in.
  const status = useStoreLater(room.status);
  const access = useStore(registry.access);
  const writer = registry.writerFor(name);
  const group = useMemo(() => config.agendaGroup(kern.slug), [config, kern.slug]);
  const partners = group.filter((k) => k.slug !== kern.slug);
  useTitle(kern.name);
  // Read before this visit is recorded: "nieuw sinds je laatste bezoek" needs the one before.
  const lastVisit = useLastVisit(kern.slug);
  const actor = writer ? writer.claims.name : null;
  const loaded = useRoomReady(status);
  useKeepAgendaScreen(room, notices, loaded, kern.slug, access);
  // The service worker's copy of this page gives way in the frame the points are drawn in:
  // the saved screen once the gemeente's notices above it are known too, saved with it or read
  // (the copy has them: else the agenda would jump up, and back down when they come), the live
  // agenda at once (it can be used; the saved screen cannot).
  const noticesKnown = noticesRead || saved?.notices != null;
  useLayoutEffect(() => {
    if (loaded || (saved && noticesKnown)) dropSnapshot();
  }, [loaded, saved, noticesKnown]);
  useSearchIndexing(kernRooms(kern.slug), loaded);
  useFocusPoint(loaded);
  const below = useAfterPaint(loaded);

  return (
    <div className="page">
      <div className="kern-head">
        <h1>{kern.name}</h1>
        <FollowButton kern={kern} />
      </div>
      {partners.length > 0 && <p>Deze kernagenda delen {group.map((k) => k.name).join(' en ')}.</p>}
      <KernNotices kern={kern} saved={saved?.notices ?? null} />
      <AccessPanel
        group={group}
        writer={writer}
        tokens={registry.tokens().filter((t) => t.token !== writer?.token)}
        tokenRejected={status.tokenRejected}
        refusedEdits={status.editsRefused}
      />
      {/* Below the kernagenda: what loads from other rooms, so nothing moves the points. */}
      <JointProvider group={group} agendaDoc={room.doc} loaded={loaded}>
        <PleinLinksProvider kern={kern} agendaDoc={room.doc} loaded={loaded}>
          {loaded && <PrintHeader kern={kern} />}
          {loaded && <ConflictNotes room={room} />}
          <IdeaLinksProvider doc={room.doc}>
            <AgendaView
              room={room}
              group={group}
              actor={actor}
              saved={loaded ? null : saved}
              loading={!loaded && !saved}
            />
          </IdeaLinksProvider>
          <Later when={below}>
            <KernOnPlein />
          </Later>
        </PleinLinksProvider>
        <Later when={below}>
          <JointProjects kern={kern} agenda={room} writer={writer} />
        </Later>
      </JointProvider>
      <Later when={below}>
        <IdeasLink kern={kern} agendaDoc={room.doc} loaded={loaded} />
        <ExportTools room={room} slug={kern.slug} />
        <ActivityList room={room} actor={actor} since={lastVisit} />
        <VersionsPanel room={room} kern={kern} actor={actor} />
      </Later>
    </div>
  );
}

export default function KernPage({ slug }: { slug: string }) {
  const { config } = useServices();
  const kern = config.kern(slug);
  if (!kern) return <NotFoundPage what="Deze kern" />;
  return <KernWithSaved key={kern.slug} kern={kern} />;
}

/**
 * What this device showed last (useAgendaScreen.ts) is read before the kern's room opens, so
 * it is on screen before the room's stored history is applied (which takes longer than
 * drawing it): the room opens with the first render of KernScreen. So are this device's
 * codes, which decide the access panel above the agenda: drawn with them, it does not change
 * from the form for a code to "Je bent ingelogd" and move the agenda (nor does the page's copy
 * give way to a page that stands elsewhere).
 */
function KernWithSaved({ kern }: { kern: Kern }) {
  const { config, registry } = useServices();
  const saved = useSavedAgenda(agendaRoom(config, kern.slug));
  const tokensKnown = useStore(registry.tokensKnown);
  if (saved === undefined || !tokensKnown) return <p className="loading">Laden…</p>;
  return <KernScreen kern={kern} saved={saved} />;
}
