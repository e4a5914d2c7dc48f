/**
 * "Berichten van de gemeente" on a kern page: the notices for this kern that run now or are
 * still to come (works first), read from the room `gemeente/berichten`. Showing one here
 * marks it as read on this device. Questions and answers are in Berichten, for the kernen
 * you follow. Nothing is shown when there are none, so the kernagenda below never moves for an
 * empty section (a notice that arrives does move it: it matters). While the room loads, the
 * notices the saved screen of this page holds stand in for them (`saved`, useAgendaScreen.ts:
 * so the page need not wait for this room to show its first screen), else nothing.
 */
import { useMemo } from 'react';
import { Link } from 'wouter';
import type { Kern } from '../../config/gemeente';
import { kernPageNotices, readNotices, type Notice } from '../../model/notices';
import { useFollows } from '../hooks/useDevice';
import { useRoom } from '../hooks/useRoom';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useView } from '../hooks/useView';
import { NoticeBody, noticeTitleId } from '../notices/NoticeBody';
import { berichtenRoom } from '../notices/rooms';
import { useMarkShown } from '../notices/useMarkShown';

export function KernNotices({ kern, saved }: { kern: Kern; saved: readonly Notice[] | null }) {
  const { now } = useServices();
  const room = useRoom(berichtenRoom);
  const loaded = useStore(room.status).localLoaded;
  const all = useView(room.doc, readNotices);
  const follows = useFollows();
  const following = follows?.some((f) => f.kern === kern.slug) ?? false;
  const known = loaded ? all : saved;
  const shown = useMemo(
    () => (known ? kernPageNotices(known, kern.slug, now().toISOString()) : []),
    [known, kern.slug, now],
  );
  const ids = useMemo(() => shown.map((n) => n.id), [shown]);
  const fresh = useMarkShown(loaded ? ids : null);
  if (shown.length === 0) return null;
  return (
    <section className="kern-berichten" aria-labelledby="kern-berichten-titel">
      <h2 id="kern-berichten-titel">
        Berichten van de gemeente <span className="count">({shown.length})</span>
      </h2>
      <ul className="bericht-list">
        {shown.map((notice) => (
          <li key={notice.id}>
            <article className="bericht" aria-labelledby={noticeTitleId(notice.id)}>
              <NoticeBody notice={notice} level={3} isNew={fresh.has(notice.id)} />
            </article>
          </li>
        ))}
      </ul>
      <p>
        {following ? (
          <Link href="/berichten" className="more-link">
            Vragen en antwoorden bij Berichten
          </Link>
        ) : (
          `Volg ${kern.name} om vragen te stellen over berichten en een melding te krijgen bij een nieuw bericht.`
        )}
      </p>
    </section>
  );
}
