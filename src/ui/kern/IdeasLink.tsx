/**
 * On the kern page, below who may edit the kernagenda: the way to the kern's ideas board
 * (`/kern/<slug>/ideeen`) and, for a visitor who does not take part yet, "Meedoen als
 * bewoner" (the join form on that board). The number of ideas (those the committee has not
 * hidden) comes once the kernagenda has loaded: the board's document opens then, so it never
 * delays the agenda. Snapshots are plain strings, so nothing re-renders on unrelated edits.
 */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { Link } from 'wouter';
import type { Kern } from '../../config/gemeente';
import { readIdeaDecisions } from '../../model/ideaDecisions';
import { readIdeas } from '../../model/ideas';
import { roomName } from '../../model/rooms';
import { useRoom } from '../hooks/useRoom';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';

const ideaIds = (doc: Y.Doc) =>
  readIdeas(doc)
    .map((idea) => idea.id)
    .join(' ');

function IdeaCount({ kern, agendaDoc }: { kern: string; agendaDoc: Y.Doc }) {
  const room = useRoom(roomName({ kind: 'ideeen', kern }));
  const status = useStore(room.status);
  const hiddenIds = useCallback(
    (doc: Y.Doc) =>
      Object.values(readIdeaDecisions(doc, kern))
        .filter((d) => d.hidden)
        .map((d) => d.ideaId)
        .join(' '),
    [kern],
  );
  const ids = useView(room.doc, ideaIds);
  const hidden = new Set(useView(agendaDoc, hiddenIds).split(' '));
  if (!status.localLoaded || (!status.synced && status.lastSyncedAt === null)) return null;
  const n = ids ? ids.split(' ').filter((id) => !hidden.has(id)).length : 0;
  return (
    <>
      {' '}
      <span className="count">({n === 1 ? '1 idee' : `${n} ideeën`})</span>
    </>
  );
}

interface Props {
  kern: Kern;
  agendaDoc: Y.Doc;
  /** The kernagenda has loaded: the board may open now. */
  loaded: boolean;
}

export function IdeasLink({ kern, agendaDoc, loaded }: Props) {
  const { registry } = useServices();
  useStore(registry.access);
  const board = `/kern/${kern.slug}/ideeen`;
  const takesPart = registry.writerFor(roomName({ kind: 'ideeen', kern: kern.slug })) !== null;
  return (
    <section className="ideas-link no-print" aria-labelledby="ideeen-link-title">
      <h2 id="ideeen-link-title">Ideeën van bewoners</h2>
      <p>
        <Link href={board} className="page-link">
          Naar het ideeënbord van {kern.name}
          {loaded && <IdeaCount kern={kern.slug} agendaDoc={agendaDoc} />}
        </Link>
      </p>
      {!takesPart && (
        <p>
          Woon je in {kern.name}? Deel je ideeën en steun die van anderen, zonder account.{' '}
          <Link href={`${board}#meedoen`} className="page-link">
            Meedoen als bewoner
          </Link>
        </p>
      )}
    </section>
  );
}
