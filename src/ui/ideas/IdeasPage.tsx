/**
 * `/kern/<slug>/ideeen`: the ideas board of one kern. The room `kern/<slug>/ideeen` holds the
 * residents' ideas, reactions and support (ideas.ts); the kern's kernagenda room holds what
 * the committee decided about them (ideaDecisions.ts: taken in, hidden). Everyone reads;
 * whoever has a code that writes the board (a resident session, see ResidentPanel) posts,
 * supports and reacts; the committee of this kern (a code that writes its kernagenda)
 * moderates and takes ideas into the kernagenda. Hidden ideas are left out for everyone else
 * (one line says how many), and the list waits until the committee's decisions are known, so
 * a hidden idea never flashes by. Loaded lazily (route-level code splitting).
 *
 * A link may point at a part of the page: `#meedoen` (the join form) or `#idee-<id>` (one
 * idea, from its kernagendapunt); that part gets focus once it is on the page.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { Link } from 'wouter';
import type { Kern } from '../../config/gemeente';
import {
  hideIdea,
  readIdeaDecisions,
  restoreIdea,
  takeIdeaIntoAgenda,
  withDecisions,
} from '../../model/ideaDecisions';
import {
  addIdea,
  addReaction,
  readIdeas,
  setSupport,
  updateIdea,
  withdrawIdea,
  withdrawReaction,
  type IdeaInput,
} from '../../model/ideas';
import type { WriterContext } from '../../model/boardEntry';
import { agendaRoom, roomName } from '../../model/rooms';
import { ValidationError } from '../../model/validation';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useRoom } from '../hooks/useRoom';
import { useRoomReady } from '../hooks/useRoomReady';
import { useServices } from '../hooks/useServices';
import { useStore } from '../hooks/useStore';
import { useTitle } from '../hooks/useTitle';
import { useView } from '../hooks/useView';
import { NotFoundPage } from '../shell/NotFoundPage';
import { IdeaCard, type IdeaActions } from './IdeaCard';
import { IdeaForm } from './IdeaForm';
import { hiddenLine, sortLabels, type IdeaSort } from './ideaWords';
import { ResidentPanel } from './ResidentPanel';

const addButtonId = 'idee-toevoegen';
const listTitleId = 'ideeen-title';

/** Reads the board sorted, with `supportedByViewer` for the reader (null: nobody). */
const boardReader = (sort: IdeaSort, viewerId: string | null) => (doc: Y.Doc) =>
  readIdeas(doc, { sort, viewerId: viewerId ?? undefined });

/** Runs a model write; the field errors of a refusal, or null when it was written. */
function attempt(write: () => void): Record<string, string> | null {
  try {
    write();
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return { ...error.fieldErrors };
    throw error;
  }
}

/** Focus (and show) the part of the page the address points at, once it is there. */
function useFocusHash(ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    let hash = '';
    try {
      hash = decodeURIComponent(window.location.hash.slice(1));
    } catch {
      return; // not an address of this page's parts
    }
    if (!hash) return;
    done.current = true;
    // After the shell's own focus on the page heading (Layout.tsx), which runs after this.
    const timer = setTimeout(() => {
      const target = document.getElementById(hash);
      const focusable = target?.matches('[tabindex], a, button, input')
        ? target
        : target?.querySelector<HTMLElement>('h2, h3');
      focusable?.focus();
      target?.scrollIntoView({ block: 'start' });
    }, 0);
    return () => clearTimeout(timer);
  }, [ready]);
}

function IdeasScreen({ kern }: { kern: Kern }) {
  const { config, registry, now } = useServices();
  const ideasName = roomName({ kind: 'ideeen', kern: kern.slug });
  const agendaName = agendaRoom(config, kern.slug);
  const board = useRoom(ideasName);
  const agenda = useRoom(agendaName);
  const boardStatus = useStore(board.status);
  const agendaStatus = useStore(agenda.status);
  useStore(registry.access);
  const writer = registry.writerFor(ideasName);
  const committee = registry.writerFor(agendaName);
  // A plain value from the store (not read off `writer`), so the board's reader keeps while
  // the tokens do not change.
  const viewerId = useSyncExternalStore(
    registry.access.subscribe,
    () => registry.writerFor(ideasName)?.claims.id ?? null,
  );
  const [sort, setSort] = useState<IdeaSort>('steun');
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState('');
  const focusAfterRender = useFocusAfterRender();
  useTitle(`Ideeën voor ${kern.name}`);

  const readBoard = useMemo(() => boardReader(sort, viewerId), [sort, viewerId]);
  const readDecisions = useCallback((doc: Y.Doc) => readIdeaDecisions(doc, kern.slug), [kern.slug]);
  const ideas = useView(board.doc, readBoard);
  const decisions = useView(agenda.doc, readDecisions);
  const shown = useMemo(
    () => withDecisions(ideas, decisions, { showHidden: committee !== null }),
    [ideas, decisions, committee],
  );
  const hiddenCount = committee ? 0 : ideas.length - shown.length;
  // The committee's decisions are known once the agenda has been in sync (now or before), or
  // the device is offline with what it has.
  const decisionsKnown =
    agendaStatus.localLoaded &&
    (agendaStatus.synced || agendaStatus.lastSyncedAt !== null || !agendaStatus.online);
  // A first visit waits for the server's copy of the board (useRoomReady): a link to one idea
  // (`#idee-…`) must find it, and an empty board must not stand in for a full one.
  const ready = useRoomReady(boardStatus) && decisionsKnown;
  useFocusHash(ready);

  const say = useCallback((text: string) => setMessage(text), []);
  const writerCtx = (): WriterContext => ({
    id: writer!.claims.id,
    name: writer!.claims.name,
    role: writer!.claims.role,
    now: now().toISOString(),
    config,
  });
  const committeeCtx = () => ({ actor: committee!.claims.name, now: now().toISOString(), config });
  const actionsFor = (ideaId: string): IdeaActions => {
    const target = { ideaId, kern: kern.slug };
    return {
      support: (on) => attempt(() => setSupport(board.doc, ideaId, on, writerCtx())),
      edit: (patch) => attempt(() => updateIdea(board.doc, ideaId, patch, writerCtx())),
      withdraw: () => attempt(() => withdrawIdea(board.doc, ideaId, writerCtx())),
      react: (text) => attempt(() => addReaction(board.doc, ideaId, text, writerCtx())),
      withdrawReaction: (id) => attempt(() => withdrawReaction(board.doc, id, writerCtx())),
      take: () =>
        attempt(() => {
          const idea = ideas.find((i) => i.id === ideaId);
          if (idea) takeIdeaIntoAgenda(agenda.doc, { idea, kern: kern.slug }, committeeCtx());
        }),
      hide: (reason) => attempt(() => hideIdea(agenda.doc, target, reason, committeeCtx())),
      restore: () => attempt(() => restoreIdea(agenda.doc, ideaId, committeeCtx())),
    };
  };

  return (
    <div className="page ideas-page">
      <h1>Ideeën voor {kern.name}</h1>
      <p>
        Hier delen bewoners hun ideeën voor {kern.name}. Steun de ideeën die jij goed vindt en
        reageer erop. De commissie kan een idee opnemen in de kernagenda.
      </p>
      <p>
        <Link href={`/kern/${kern.slug}`} className="page-link">
          Naar de kernagenda van {kern.name}
        </Link>
      </p>
      <ResidentPanel
        kern={kern}
        writer={writer}
        tokenRejected={boardStatus.tokenRejected}
        say={say}
      />
      <section aria-labelledby={listTitleId}>
        <h2 id={listTitleId} tabIndex={-1}>
          Ideeën <span className="count">({shown.length})</span>
        </h2>
        <p role="status" className="done">
          {message}
        </p>
        {writer && !adding && (
          <button
            type="button"
            className="primary"
            id={addButtonId}
            onClick={() => {
              setMessage('');
              setAdding(true);
            }}
          >
            Idee toevoegen
          </button>
        )}
        {writer && adding && (
          <IdeaForm
            idea={null}
            onCancel={() => {
              setAdding(false);
              focusAfterRender(addButtonId);
            }}
            onSubmit={(input: IdeaInput) => {
              const errors = attempt(() => addIdea(board.doc, input, writerCtx()));
              if (errors) return errors;
              setAdding(false);
              focusAfterRender(addButtonId);
              setMessage('Je idee staat op het bord.');
              return null;
            }}
          />
        )}
        {!ready ? (
          <p className="loading">Ideeën laden…</p>
        ) : (
          <>
            {shown.length > 1 && (
              <fieldset className="sort-choice">
                <legend>Sorteren op</legend>
                <div className="choices">
                  {(['steun', 'nieuw'] as const).map((s) => (
                    <label key={s} className="choice">
                      <input
                        type="radio"
                        name="sorteren"
                        value={s}
                        checked={sort === s}
                        onChange={() => setSort(s)}
                      />
                      {sortLabels[s]}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {shown.length === 0 && hiddenCount === 0 && (
              <p>Er staan nog geen ideeën op het bord. Heb jij een idee voor {kern.name}?</p>
            )}
            {hiddenCount > 0 && <p className="hidden-count">{hiddenLine(hiddenCount)}</p>}
            <ul className="idea-list">
              {shown.map((idea) => (
                <li key={idea.id}>
                  <IdeaCard
                    idea={idea}
                    kern={kern}
                    viewerId={viewerId}
                    committee={committee !== null}
                    actions={actionsFor(idea.id)}
                    say={say}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

export default function IdeasPage({ slug }: { slug: string }) {
  const { config } = useServices();
  const kern = config.kern(slug);
  if (!kern) return <NotFoundPage what="Deze kern" />;
  return <IdeasScreen key={kern.slug} kern={kern} />;
}
