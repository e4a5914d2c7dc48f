/**
 * "Wat is er veranderd": the kernagenda's history (activity.ts), newest first, folded away
 * until asked for. Entries made by others since this device's previous visit are marked
 * "nieuw sinds je laatste bezoek" (in words, not colour alone). A committee member can put
 * a deleted point back from its "verwijderd" entry; focus then goes to the point itself.
 */
import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { readActivity, type Activity } from '../../model/activity';
import { readKernagenda, restorePoint } from '../../model/kernagenda';
import type { Room } from '../../sync/room';
import { useServices } from '../hooks/useServices';
import { useView } from '../hooks/useView';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { formatMoment } from '../shell/time';
import { editButtonId } from './PointCard';
import { editOrigin, useWriterId } from './useUndo';

interface Props {
  room: Room;
  /** The display name edits are made under; null: read-only. */
  actor: string | null;
  /** This device's previous visit (null: none, undefined: not known yet). */
  since: string | null | undefined;
}

const pageSize = 20;

export function ActivityList({ room, actor, since }: Props) {
  const { config, now } = useServices();
  const read = useCallback((doc: Y.Doc) => readActivity(doc, { config }), [config]);
  const activity = useView(room.doc, read);
  const agenda = useView(room.doc, readKernagenda);
  const [shown, setShown] = useState(pageSize);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();
  const writer = useWriterId(room);

  const live = new Set(agenda.points.map((p) => p.id));
  const isNew = (e: Activity) => since != null && e.at > since && e.by !== actor;
  const newCount = activity.filter(isNew).length;
  // Only the latest deletion of a point that is still deleted offers "Terugzetten".
  const restorable = new Set<string>();
  const seen = new Set<string>();
  for (const e of activity) {
    if (!e.point || seen.has(e.point)) continue;
    seen.add(e.point);
    if (e.action === 'verwijderd' && !live.has(e.point)) restorable.add(e.id);
  }

  const restore = (e: Activity) => {
    restorePoint(room.doc, e.point!, {
      actor: actor!,
      now: now().toISOString(),
      config,
      origin: editOrigin(room.doc, writer!),
    });
    setMessage(`‘${e.title}’ staat weer op de kernagenda.`);
    focusAfterRender(editButtonId(e.point!));
  };

  return (
    <section className="activity no-print" aria-labelledby="activiteit-title">
      <details>
        <summary>
          <h2 id="activiteit-title">
            Wat is er veranderd{' '}
            {newCount > 0 && (
              <span className="count">({newCount} nieuw sinds je laatste bezoek)</span>
            )}
          </h2>
        </summary>
        <p role="status" className="done">
          {message}
        </p>
        {activity.length === 0 ? (
          <p>Er is nog niets veranderd aan deze kernagenda.</p>
        ) : (
          <ol className="activity-list">
            {activity.slice(0, shown).map((e) => (
              <li key={e.id} className={isNew(e) ? 'activity-item new' : 'activity-item'}>
                <p className="activity-sentence">{e.sentence}</p>
                <p className="activity-meta">
                  <time dateTime={e.at}>{formatMoment(e.at)}</time>
                  {isNew(e) && <strong className="badge new">nieuw sinds je laatste bezoek</strong>}
                </p>
                {actor !== null && restorable.has(e.id) && (
                  <button
                    type="button"
                    aria-label={`Terugzetten: ${e.title}`}
                    onClick={() => restore(e)}
                  >
                    Terugzetten
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
        {activity.length > shown && (
          <button type="button" onClick={() => setShown(shown + pageSize)}>
            Toon meer wijzigingen
          </button>
        )}
      </details>
    </section>
  );
}
