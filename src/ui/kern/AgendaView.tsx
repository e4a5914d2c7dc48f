/**
 * The kernagenda of one room: year and grouping choice, the year's budget, and the points
 * on that year's agenda (yearView.ts: carried-over points get a badge, finished points stay
 * in their own years), with add / edit / delete for those who may write. Focus goes to the
 * form when it opens and back to the button that opened it when it closes. Above the
 * points: who else is here now (and on each card, who is editing it), and undo / redo of
 * this person's own edits.
 *
 * Before the room's document has loaded, the page may show `saved`: the agenda as this device
 * last showed it (useAgendaScreen.ts), laid out the same but inert (nothing to press yet), so
 * the points are on screen at once and nothing moves when the live agenda takes over. Without
 * a saved agenda (`loading`: a first visit) the year choice stands, inert, above "Kernagenda
 * laden…": the page has its shape at once, and the budget and points come in below it.
 */
import { memo, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { Kern } from '../../config/gemeente';
import { budgetYearFor } from '../../model/budget';
import {
  addPoint,
  deletePoint,
  readKernagenda,
  setYearBudget,
  updatePoint,
  ValidationError,
  type EditContext,
  type PointInput,
} from '../../model/kernagenda';
import {
  agendaForYear,
  agendaYears,
  movedRequestYear,
  statusChangedAt,
} from '../../model/yearView';
import { budgetFiguresWithJoint } from '../../model/samen';
import type { Room } from '../../sync/room';
import { afterPaint } from '../../sync/schedule';
import { useServices } from '../hooks/useServices';
import { useView } from '../hooks/useView';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { BudgetSummary } from './BudgetSummary';
import { useJointShares, useJointYears } from './JointLinks';
import { firstPoints, groupPoints, type GroupBy } from './grouping';
import { editButtonId, PointCard, type CardActions } from './PointCard';
import { PointForm } from './PointForm';
import { namesOf, PresenceLine } from './PresenceLine';
import { UndoButtons } from './UndoButtons';
import { usePresence } from './usePresence';
import { editOrigin, useUndo, useWriterId } from './useUndo';
import type { SavedAgenda } from './useAgendaScreen';
import { YearBudgetForm } from './YearBudgetForm';

interface Props {
  room: Room;
  group: readonly Kern[];
  /** The display name edits are made under; null: read-only. */
  actor: string | null;
  /** Shown (inert) while the document loads; null or absent: the live document. */
  saved?: SavedAgenda | null;
  /** The document is loading and there is no saved agenda: the year choice only, inert. */
  loading?: boolean;
}

const addButtonId = 'punt-toevoegen';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The point cards drawn at once when the agenda first shows: a phone's screen and more. */
const firstCards = 10;

/**
 * How many point cards to draw: `firstCards` at first, and all of them right after the first
 * paint of the points (saved or live, not of "Kernagenda laden…"), as a transition (in
 * slices, so a tap is never kept waiting). Drawing 200 cards was most of the half second
 * before a kern page showed anything on a phone; now its first screen shows and the rest
 * fills in below. A link to one point (`#punt-<id>`, useFocusPoint.ts) draws all at once, so
 * the point is there to focus.
 */
function useFirstCardsFirst(shown: boolean): number {
  const [all, setAll] = useState(() => window.location.hash.startsWith('#punt-'));
  useEffect(() => {
    if (all || !shown) return;
    return afterPaint(() => startTransition(() => setAll(true)));
  }, [all, shown]);
  return all ? Number.POSITIVE_INFINITY : firstCards;
}

/**
 * Memoised: the page around it re-renders on every change of the room's sync status
 * (connecting, in sync, acknowledged…), which changes nothing here; 200 cards are not redrawn
 * for it.
 */
export const AgendaView = memo(function AgendaView({ room, group, actor, saved, loading }: Props) {
  const { config, now } = useServices();
  const live = useView(room.doc, readKernagenda);
  const agenda = saved?.agenda ?? live;
  const currentYear = budgetYearFor(now().toISOString(), config.budget);
  const [year, setYear] = useState(currentYear);
  const [groupBy, setGroupBy] = useState<GroupBy>('thema');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();

  const canEdit = actor !== null;
  const writer = useWriterId(room);
  const ctx = useCallback(
    (): EditContext => ({
      actor: actor!,
      now: now().toISOString(),
      config,
      origin: editOrigin(room.doc, writer!),
    }),
    [actor, now, config, room, writer],
  );
  const peers = usePresence(room, actor, canEdit && editing !== 'nieuw' ? editing : null);
  const undoSteps = useUndo(
    room.doc,
    writer,
    actor,
    useCallback((kind: 'undo' | 'redo', changed: boolean) => {
      if (kind === 'undo')
        setMessage(changed ? 'Ongedaan gemaakt.' : 'Er is niets meer om ongedaan te maken.');
      else setMessage(changed ? 'Opnieuw gedaan.' : 'Er is niets om opnieuw te doen.');
    }, []),
  );
  const liveChangedAt = useView(room.doc, statusChangedAt);
  const changedAt = saved?.changedAt ?? liveChangedAt;
  const view = useMemo(
    () => agendaForYear(agenda, year, config.budget, changedAt),
    [agenda, year, config, changedAt],
  );
  // The kern's shares in joint projects count in its budget, once (JointLinks).
  const shares = useJointShares(year);
  const figures = budgetFiguresWithJoint(agenda, config, year, group.length, shares);
  // The year shown stays offered even when its last point or budget was just removed.
  const jointYears = useJointYears();
  const years = [
    ...new Set([...agendaYears(agenda, currentYear, config.budget), ...jointYears, year]),
  ].sort((a, b) => a - b);
  const drawn = useFirstCardsFirst(!loading);
  const groups = firstPoints(groupPoints(view.points, groupBy, config), drawn);

  const close = useCallback(
    (focusId: string, done?: string) => {
      setEditing(null);
      setConfirming(null);
      focusAfterRender(focusId);
      if (done) setMessage(done);
    },
    [focusAfterRender],
  );
  const write = (action: () => void): Record<string, string> | null => {
    try {
      action();
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return { ...error.fieldErrors };
      throw error;
    }
  };
  // The same from render to render, so the point cards (memoised) are redrawn only when
  // what they show changed.
  const cardActions = useMemo<CardActions>(
    () => ({
      edit(id) {
        setMessage('');
        setConfirming(null);
        setEditing(id);
      },
      askDelete: (id) => setConfirming(id),
      keep: (id) => close(editButtonId(id)),
      remove(id) {
        deletePoint(room.doc, id, ctx());
        close(addButtonId, 'Punt verwijderd.');
      },
    }),
    [close, ctx, room],
  );
  const formFor = (id: string | null) => (
    <PointForm
      point={id ? (agenda.points.find((p) => p.id === id) ?? null) : null}
      defaultYear={Math.max(year, currentYear)}
      budgetName={config.budget.name}
      live={{ doc: room.doc, editContext: ctx }}
      onCancel={() => close(id ? editButtonId(id) : addButtonId)}
      onSubmit={(input: PointInput, patch: Partial<PointInput>) => {
        let saved = id;
        const errors = write(() => {
          if (id) updatePoint(room.doc, id, patch, ctx());
          else saved = addPoint(room.doc, input, ctx());
        });
        if (errors) return errors;
        // The point may not be on the year shown (a new point starts in the current year; a
        // point finished now leaves later years): say so, and show a new point where it is.
        const shown = agendaForYear(
          readKernagenda(room.doc),
          year,
          config.budget,
          statusChangedAt(room.doc),
        ).points.some((p) => p.id === saved);
        if (!id) {
          if (!shown) setYear(currentYear);
          close(
            addButtonId,
            shown ? 'Punt toegevoegd.' : `Punt toegevoegd. Je ziet nu ${currentYear}.`,
          );
        } else if (shown) close(editButtonId(id), 'Punt opgeslagen.');
        else close(addButtonId, `Punt opgeslagen. Het staat niet op de kernagenda van ${year}.`);
        return null;
      }}
    />
  );

  return (
    <div
      className="agenda-view"
      inert={Boolean(saved) || loading}
      aria-busy={saved || loading ? true : undefined}
    >
      <div className="toolbar">
        <div className="field year-choice">
          <label htmlFor="budgetjaar">Budgetjaar</label>
          <select
            id="budgetjaar"
            value={year}
            aria-describedby="budgetjaar-uitleg"
            onChange={(e) => setYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y === currentYear ? `${y} (nu)` : y}
              </option>
            ))}
          </select>
          <p className="hint" id="budgetjaar-uitleg">
            Je ziet de punten en het budget van dat jaar. Punten die nog niet klaar zijn, gaan mee
            naar het jaar erna. Nieuwe aanvragen tellen mee voor {currentYear}.
          </p>
        </div>
        <fieldset>
          <legend>Groeperen op</legend>
          <div className="choices">
            {(['thema', 'status'] as const).map((g) => (
              <label key={g} className="choice">
                <input
                  type="radio"
                  name="groeperen"
                  value={g}
                  checked={groupBy === g}
                  onChange={() => setGroupBy(g)}
                />
                {capitalise(g)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {/* Below the year choice, which stands while the document loads: nothing moves it. */}
      {agenda.example && (
        <p className="notice">
          <strong>Dit is een voorbeeld-kernagenda.</strong> De punten laten zien hoe het werkt.
        </p>
      )}
      {loading ? (
        <p className="loading">Kernagenda laden…</p>
      ) : (
        <>
          <BudgetSummary figures={figures} title={`${capitalise(config.budget.name)} ${year}`}>
            {canEdit && (
              <YearBudgetForm
                key={year}
                year={year}
                budgetCents={figures.budgetCents}
                onSave={(cents) => {
                  setYearBudget(room.doc, year, cents, ctx());
                  setMessage(`Budget voor ${year} opgeslagen.`);
                }}
              />
            )}
          </BudgetSummary>
          <section aria-labelledby="punten-title">
            <h2 id="punten-title">
              Punten op de kernagenda <span className="count">({view.points.length})</span>
            </h2>
            <PresenceLine peers={peers} />
            {undoSteps && <UndoButtons controls={undoSteps} />}
            <p role="status" className="done">
              {message}
            </p>
            {canEdit && editing !== 'nieuw' && (
              <button
                type="button"
                className="primary"
                id={addButtonId}
                onClick={() => {
                  setMessage('');
                  setConfirming(null);
                  setEditing('nieuw');
                }}
              >
                Punt toevoegen
              </button>
            )}
            {canEdit && editing === 'nieuw' && formFor(null)}
            {agenda.points.length === 0 ? (
              <p>Er staan nog geen punten op deze kernagenda.</p>
            ) : (
              view.points.length === 0 && <p>In {year} staan er geen punten op de kernagenda.</p>
            )}
            {groups.map((g) => (
              <section key={g.key} aria-labelledby={`groep-${g.key}`}>
                <h3 id={`groep-${g.key}`}>
                  {g.label} <span className="count">({g.total})</span>
                </h3>
                <ul className="group-list">
                  {g.points.map((p) => (
                    <li key={p.id}>
                      {canEdit && editing === p.id ? (
                        formFor(p.id)
                      ) : (
                        <PointCard
                          point={p}
                          canEdit={canEdit}
                          confirming={confirming === p.id}
                          editors={namesOf(peers.filter((peer) => peer.editing === p.id))}
                          carriedFrom={view.carriedFrom[p.id]}
                          movedTo={movedRequestYear(p, config.budget)}
                          actions={cardActions}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        </>
      )}
    </div>
  );
});
