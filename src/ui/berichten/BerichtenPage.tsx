/**
 * Berichten (`/berichten`): what the gemeente announces for the kernen this device follows.
 * Running notices first (works before the rest), then the coming ones, and the archive (past,
 * ended early, withdrawn) folded away at the bottom; each with its questions and answers.
 * Showing a running or coming notice here marks it as read on this device (the count in the
 * header drops; the notice keeps its "Nieuw" label while the page is open).
 * Loaded lazily (route-level code splitting).
 */
import { useMemo } from 'react';
import { Link } from 'wouter';
import { noticesFor, readNotices, type NoticeView } from '../../model/notices';
import { useFollows } from '../hooks/useDevice';
import { useRoom } from '../hooks/useRoom';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { useView } from '../hooks/useView';
import { namesList } from '../notices/noticeText';
import { berichtenRoom, vragenRoom } from '../notices/rooms';
import { useMarkShown } from '../notices/useMarkShown';
import { NoticeArticle } from './NoticeArticle';
import { NotificationSetting } from './NotificationSetting';

function Notices({ kernSlugs }: { kernSlugs: readonly string[] }) {
  const { config, registry, now } = useServices();
  const home = config.kern(kernSlugs[0] ?? '');
  const notices = useRoom(berichtenRoom);
  const questions = useRoom(vragenRoom);
  const loaded = useStore(notices.status).localLoaded;
  const questionsStatus = useStore(questions.status);
  useStore(registry.access);
  const all = useView(notices.doc, readNotices);
  const { view, counted } = useMemo(() => {
    const view = noticesFor(all, kernSlugs, now().toISOString());
    return { view, counted: [...view.current, ...view.coming].map((n) => n.id) };
  }, [all, kernSlugs, now]);
  const fresh = useMarkShown(loaded ? counted : null);

  const writer = registry.writerFor(vragenRoom);
  const asker =
    writer && (writer.claims.role === 'bewoner' || writer.claims.role === 'commissie')
      ? writer
      : null;

  if (!loaded) return <p className="loading">Berichten laden…</p>;

  const list = (items: readonly NoticeView[]) => (
    <ul className="bericht-list">
      {items.map((notice) => (
        <li key={notice.id}>
          <NoticeArticle
            notice={notice}
            isNew={fresh.has(notice.id)}
            notices={notices}
            questions={questions}
            asker={asker}
            unsent={questionsStatus.unsent}
          />
        </li>
      ))}
    </ul>
  );

  return (
    <>
      {!asker && home && (
        <p>
          Wil je een vraag stellen over een bericht? Doe dan eerst mee als bewoner, met je naam en
          je kern: dat kan op het{' '}
          <Link href={`/kern/${home.slug}/ideeen`}>ideeënbord van {home.name}</Link>. Je vraag en je
          naam zijn voor iedereen te lezen.
        </p>
      )}
      <section aria-labelledby="berichten-nu">
        <h2 id="berichten-nu">
          Nu bezig <span className="count">({view.current.length})</span>
        </h2>
        {view.current.length > 0 ? (
          list(view.current)
        ) : (
          <p>Er zijn nu geen berichten van de gemeente voor de kernen die je volgt.</p>
        )}
      </section>
      <section aria-labelledby="berichten-binnenkort">
        <h2 id="berichten-binnenkort">
          Binnenkort <span className="count">({view.coming.length})</span>
        </h2>
        {view.coming.length > 0 ? list(view.coming) : <p>Er staat nog niets gepland.</p>}
      </section>
      {view.archive.length > 0 && (
        <section className="bericht-archief" aria-labelledby="berichten-archief">
          <details>
            <summary>
              <h2 id="berichten-archief">
                Archief <span className="count">({view.archive.length})</span>
              </h2>
            </summary>
            <p>Afgelopen, eerder beëindigde en ingetrokken berichten.</p>
            {list(view.archive)}
          </details>
        </section>
      )}
    </>
  );
}

export default function BerichtenPage() {
  const { config } = useServices();
  const follows = useFollows();
  useTitle('Berichten');
  const kernSlugs = useMemo(() => follows?.map((f) => f.kern) ?? [], [follows]);
  const names = kernSlugs.map((slug) => config.kern(slug)?.name ?? slug);
  return (
    <div className="page">
      <h1>Berichten</h1>
      {follows === undefined ? (
        <p className="loading">Laden…</p>
      ) : kernSlugs.length === 0 ? (
        <p className="lead">
          Hier zie je de berichten van de gemeente voor de kernen die je volgt, zoals werkzaamheden
          en afsluitingen. Je volgt nog geen kern. <Link href="/">Kies een kern om te volgen</Link>.
        </p>
      ) : (
        <>
          <p className="lead">
            Berichten van de gemeente {config.gemeente.name} voor {namesList(names)}.
          </p>
          <NotificationSetting />
          <Notices kernSlugs={kernSlugs} />
        </>
      )}
    </div>
  );
}
