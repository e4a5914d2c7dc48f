/**
 * "Versies van de kernagenda", folded away until asked for. The committee marks a version
 * (a named copy that never changes, versions.ts); everyone sees the list (name, when, by
 * whom, how many points), opens one read-only, and compares two versions, or one with "nu".
 * Focus goes to what a button opens.
 */
import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import type { Kern } from '../../config/gemeente';
import { listVersions, markVersion, readVersion } from '../../model/versions';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
import { useView } from '../hooks/useView';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { MarkVersionForm } from './MarkVersionForm';
import { compareTitleId, now as nu, VersionCompare } from './VersionCompare';
import { formatMoment } from '../shell/time';
import { suggestVersionName } from './versionNames';
import { VersionView, versionViewTitleId } from './VersionView';

interface Props {
  room: Room;
  kern: Kern;
  /** The display name edits are made under; null: read-only. */
  actor: string | null;
}

const viewButtonId = (id: string) => `versie-bekijken-${id}`;
const compareButtonId = (id: string) => `versie-vergelijken-${id}`;
const points = (n: number) => (n === 1 ? '1 punt' : `${n} punten`);

export function VersionsPanel({ room, kern, actor }: Props) {
  const { config, now } = useServices();
  const versions = useView(room.doc, listVersions);
  const [viewing, setViewing] = useState<string | null>(null);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();

  const names = versions.map((v) => v.name);
  const shownInfo = versions.find((v) => v.id === viewing);
  const readShown = useCallback(
    (doc: Y.Doc) => (viewing ? readVersion(doc, viewing) : null),
    [viewing],
  );
  const shownAgenda = useView(room.doc, readShown);

  const view = (id: string) => {
    setViewing(id);
    focusAfterRender(versionViewTitleId);
  };
  const compare = (from: string, to: string) => {
    setComparing([from, to]);
    focusAfterRender(compareTitleId);
  };

  return (
    <section className="activity versions no-print" aria-labelledby="versies-title">
      <details>
        <summary>
          <h2 id="versies-title">
            Versies van de kernagenda <span className="count">({versions.length})</span>
          </h2>
        </summary>
        <p role="status" className="done">
          {message}
        </p>
        {actor !== null && (
          <MarkVersionForm
            existing={names}
            suggestion={suggestVersionName(kern.name, now(), names)}
            onMark={(name) => {
              markVersion(room.doc, name, { actor, now: now().toISOString(), config });
              setMessage(`De versie ‘${name.replace(/\s+/g, ' ').trim()}’ is vastgelegd.`);
            }}
          />
        )}
        {versions.length === 0 ? (
          <p>Er is nog geen versie van deze kernagenda vastgelegd.</p>
        ) : (
          <ol className="activity-list" aria-label="Vastgelegde versies">
            {versions.map((v) => (
              <li key={v.id} className="activity-item">
                <h3>{v.name}</h3>
                <p className="activity-meta">
                  <time dateTime={v.at}>{formatMoment(v.at)}</time>
                  {v.by && <span>door {v.by}</span>}
                  <span>{points(v.pointCount)}</span>
                </p>
                <div className="buttons">
                  <button type="button" id={viewButtonId(v.id)} onClick={() => view(v.id)}>
                    Bekijken<span className="sr-only">: {v.name}</span>
                  </button>
                  <button
                    type="button"
                    id={compareButtonId(v.id)}
                    onClick={() => compare(v.id, nu)}
                  >
                    Vergelijken met nu<span className="sr-only">: {v.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        {shownInfo && shownAgenda && (
          <VersionView
            info={shownInfo}
            agenda={shownAgenda}
            onClose={() => {
              focusAfterRender(viewButtonId(shownInfo.id));
              setViewing(null);
            }}
          />
        )}
        {comparing && versions.length > 0 && (
          <VersionCompare
            doc={room.doc}
            versions={versions}
            from={comparing[0]}
            to={comparing[1]}
            onChoose={(from, to) => setComparing([from, to])}
            onClose={() => {
              const from = comparing[0] === nu ? comparing[1] : comparing[0];
              focusAfterRender(from === nu ? null : compareButtonId(from));
              setComparing(null);
            }}
          />
        )}
      </details>
    </section>
  );
}
