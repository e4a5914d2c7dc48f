/**
 * The gemeente screen (`/gemeente`): with a gemeente code on this device, write a notice for
 * one, several or all kernen (with a preview of who sees it), change, end or withdraw one,
 * and answer the residents' questions under each; the list shows what runs now, what is
 * coming and the archive. Without such a code it says what the screen is for and how to get
 * access (GemeenteAccess). Notices written here count as read on this device.
 * Loaded lazily (route-level code splitting).
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { addNotice, noticesFor, readNotices, type NoticeView } from '../../model/notices';
import { markRead, removeToken } from '../../storage/db';
import type { DeviceToken } from '../../sync/tokens';
import { useTokens } from '../hooks/useDevice';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useRoom } from '../hooks/useRoom';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { useView } from '../hooks/useView';
import { attempt } from '../notices/attempt';
import { noticeTitleId } from '../notices/NoticeBody';
import { berichtenRoom, vragenRoom } from '../notices/rooms';
import { writerContext } from '../notices/writer';
import { GemeenteAccess } from './GemeenteAccess';
import { GemeenteNotice } from './GemeenteNotice';
import { NoticeForm } from './NoticeForm';

function GemeenteScreen({ writer }: { writer: DeviceToken }) {
  const { config, db, now } = useServices();
  const notices = useRoom(berichtenRoom);
  const questions = useRoom(vragenRoom);
  const status = useStore(notices.status);
  const all = useView(notices.doc, readNotices);
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();
  const slugs = useMemo(() => config.kernen.map((k) => k.slug), [config]);
  const view = useMemo(() => noticesFor(all, slugs, now().toISOString()), [all, slugs, now]);
  const ctx = () => writerContext(writer, config, now());

  const list = (items: readonly NoticeView[], empty: string) =>
    items.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="bericht-list">
        {items.map((notice) => (
          <li key={notice.id}>
            <GemeenteNotice
              notice={notice}
              notices={notices}
              questions={questions}
              ctx={ctx}
              onDone={setMessage}
            />
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <section className="notice success" aria-labelledby="gemeente-ingelogd">
        <h2 id="gemeente-ingelogd" className="sr-only">
          Toegang
        </h2>
        <p>Je bent ingelogd als {writer.claims.name}, gemeente: je kunt hier berichten plaatsen.</p>
        {status.editsRefused && (
          <p>
            <strong>Let op:</strong> je laatste wijzigingen staan alleen op dit apparaat.{' '}
            {status.editsRefused}
          </p>
        )}
        <button type="button" onClick={() => void removeToken(db, writer.token)}>
          Vergeet deze code op dit apparaat
        </button>
      </section>
      <p role="status" className="gemeente-done">
        {message}
      </p>
      {!status.localLoaded ? (
        <p className="loading">Berichten laden…</p>
      ) : writing ? (
        <NoticeForm
          notice={null}
          onSubmit={(input) => {
            let id = '';
            const errors = attempt(() => (id = addNotice(notices.doc, input, ctx())));
            if (!errors) {
              void markRead(db, [id], now().toISOString());
              setWriting(false);
              setMessage(`Bericht geplaatst: ${input.title.trim()}.`);
              focusAfterRender(noticeTitleId(id));
            }
            return errors;
          }}
          onCancel={() => {
            setWriting(false);
            focusAfterRender('nieuw-bericht');
          }}
        />
      ) : (
        <button
          type="button"
          className="primary"
          id="nieuw-bericht"
          onClick={() => {
            setMessage('');
            setWriting(true);
          }}
        >
          Nieuw bericht
        </button>
      )}
      {status.localLoaded && (
        <>
          <section aria-labelledby="gemeente-nu">
            <h2 id="gemeente-nu">
              Nu bezig <span className="count">({view.current.length})</span>
            </h2>
            {list(view.current, 'Er loopt nu geen bericht.')}
          </section>
          <section aria-labelledby="gemeente-gepland">
            <h2 id="gemeente-gepland">
              Gepland <span className="count">({view.coming.length})</span>
            </h2>
            {list(view.coming, 'Er staat geen bericht gepland.')}
          </section>
          <section aria-labelledby="gemeente-archief">
            <h2 id="gemeente-archief">
              Archief <span className="count">({view.archive.length})</span>
            </h2>
            {list(view.archive, 'Het archief is leeg.')}
          </section>
        </>
      )}
    </>
  );
}

export default function GemeentePage() {
  const { registry } = useServices();
  useStore(registry.access);
  const tokens = useTokens();
  useTitle('Gemeente');
  const writer = registry.writerFor(berichtenRoom);
  return (
    <div className="page">
      <h1>Berichten van de gemeente</h1>
      <p>
        <Link href="/gemeente/overzicht" className="page-link">
          Overzicht van alle kernen
        </Link>
      </p>
      {tokens === undefined ? (
        <p className="loading">Laden…</p>
      ) : writer ? (
        <GemeenteScreen writer={writer} />
      ) : (
        <GemeenteAccess />
      )}
    </div>
  );
}
