/**
 * One idea on the board: title, who posted it and when, the explanation, theme and rough
 * cost, how many people support it with the "Steun" toggle (aria-pressed; once per person),
 * and the reactions. The author edits or withdraws their own idea (withdrawing asks first,
 * inline). The committee of the kern takes an idea into the kernagenda or hides it with a
 * reason, and sees hidden ideas with that reason and "Terugzetten". An idea taken into the
 * kernagenda says so, with a link to the kern page. Focus goes to what a button opens, and
 * back to the button when it closes.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Kern } from '../../config/gemeente';
import type { DecidedIdea } from '../../model/ideaDecisions';
import type { IdeaInput } from '../../model/ideas';
import { formatEuro } from '../../model/money';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { useServices } from '../hooks/useServices';
import { formatMoment } from '../shell/time';
import { HideForm } from './HideForm';
import { IdeaForm } from './IdeaForm';
import { ideaElementId, supportSentence } from './ideaWords';
import { Reactions } from './Reactions';

type Errors = Record<string, string> | null;

/** What can be done with one idea; each returns the model's field errors, or null when done. */
export interface IdeaActions {
  support(on: boolean): Errors;
  edit(patch: Partial<IdeaInput>): Errors;
  withdraw(): Errors;
  react(text: string): Errors;
  withdrawReaction(reactionId: string): Errors;
  take(): Errors;
  hide(reason: string): Errors;
  restore(): Errors;
}

interface Props {
  idea: DecidedIdea;
  /** The kern whose board this is. */
  kern: Kern;
  /** The reader's id when they may write the board; null: read-only. */
  viewerId: string | null;
  /** The reader is on this kern's committee (moderation and the kernagenda). */
  committee: boolean;
  actions: IdeaActions;
  say(message: string): void;
}

type Mode = 'view' | 'edit' | 'withdraw' | 'hide';

export function IdeaCard({ idea, kern, viewerId, committee, actions, say }: Props) {
  const { config } = useServices();
  const [mode, setMode] = useState<Mode>('view');
  const focusAfterRender = useFocusAfterRender();
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (mode === 'withdraw') question.current?.focus();
  }, [mode]);

  const base = ideaElementId(idea.id);
  const ids = {
    title: `${base}-titel`,
    edit: `${base}-bewerken`,
    hide: `${base}-verbergen`,
    restore: `${base}-terugzetten`,
    taken: `${base}-opgenomen`,
  };
  const own = viewerId !== null && idea.authorId === viewerId;
  const theme = config.theme(idea.category)?.name ?? 'Overig';
  // A button's write refused (the idea was withdrawn meanwhile): the status line says why.
  const refused = (errors: Errors) => {
    if (errors) say(Object.values(errors)[0] ?? 'Dat lukte niet.');
    return errors !== null;
  };
  const close = (focusId: string, message?: string) => {
    setMode('view');
    focusAfterRender(focusId);
    if (message) say(message);
  };

  if (mode === 'edit')
    return (
      <IdeaForm
        idea={idea}
        onCancel={() => close(ids.edit)}
        onSubmit={(_input, patch) => {
          const errors = actions.edit(patch);
          if (!errors) close(ids.edit, 'Je idee is opgeslagen.');
          return errors;
        }}
      />
    );

  return (
    <article className="idea" id={base} aria-labelledby={ids.title}>
      <h3 id={ids.title} tabIndex={-1}>
        {idea.title}
      </h3>
      <p className="idea-meta">
        Door <strong>{idea.authorName}</strong>,{' '}
        <time dateTime={idea.createdAt}>{formatMoment(idea.createdAt)}</time>
        {idea.updatedAt !== idea.createdAt && ' (bewerkt)'}
      </p>
      {idea.hidden && (
        <div className="warning hidden-note">
          <p>
            <strong>Verborgen door de commissie.</strong> Bewoners zien dit idee niet. Reden:{' '}
            {idea.hidden.reason}
          </p>
          {committee && (
            <button
              type="button"
              id={ids.restore}
              onClick={() => {
                if (refused(actions.restore())) return;
                focusAfterRender(ids.hide);
                say('Het idee is teruggezet. Iedereen ziet het weer.');
              }}
            >
              Terugzetten<span className="sr-only">: {idea.title}</span>
            </button>
          )}
        </div>
      )}
      {idea.taken && (
        <div className="taken-note">
          <p id={ids.taken} tabIndex={-1} className="taken-title">
            Opgenomen in de kernagenda
          </p>
          <p>
            <Link href={`/kern/${kern.slug}`} className="page-link">
              Bekijk de kernagenda van {kern.name}
            </Link>
          </p>
        </div>
      )}
      {idea.text && <p className="idea-text">{idea.text}</p>}
      <dl className="facts">
        <dt>Thema</dt>
        <dd>{theme}</dd>
        <dt>Geschatte kosten</dt>
        <dd>{idea.costCents !== null ? formatEuro(idea.costCents) : 'Niet geschat'}</dd>
      </dl>
      <div className="support">
        <p>{supportSentence(idea.support, idea.supportedByViewer)}</p>
        {viewerId !== null && (
          <button
            type="button"
            className="support-toggle"
            aria-pressed={idea.supportedByViewer}
            onClick={() => refused(actions.support(!idea.supportedByViewer))}
          >
            <span aria-hidden="true">{idea.supportedByViewer ? '✓ ' : '+ '}</span>
            Steun<span className="sr-only">: {idea.title}</span>
          </button>
        )}
      </div>
      {own && mode === 'view' && (
        <div className="buttons">
          <button type="button" id={ids.edit} onClick={() => setMode('edit')}>
            Bewerken<span className="sr-only">: {idea.title}</span>
          </button>
          <button type="button" className="danger" onClick={() => setMode('withdraw')}>
            Intrekken<span className="sr-only">: {idea.title}</span>
          </button>
        </div>
      )}
      {own && mode === 'withdraw' && (
        <div
          className="warning"
          role="group"
          aria-label="Intrekken bevestigen"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close(ids.edit);
            }
          }}
        >
          <p ref={question} tabIndex={-1}>
            Weet je zeker dat je &lsquo;{idea.title}&rsquo; wilt intrekken? Het staat dan niet meer
            op het bord.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (!refused(actions.withdraw())) close('ideeen-title', 'Je idee is ingetrokken.');
              }}
            >
              Ja, intrekken
            </button>
            <button type="button" onClick={() => close(ids.edit)}>
              Nee, laten staan
            </button>
          </div>
        </div>
      )}
      {committee && mode === 'view' && (!idea.taken || !idea.hidden) && (
        <div className="buttons committee-actions">
          {!idea.taken && !idea.hidden && (
            <button
              type="button"
              onClick={() => {
                if (refused(actions.take())) return;
                focusAfterRender(ids.taken);
                say(`Opgenomen in de kernagenda van ${kern.name}.`);
              }}
            >
              Opnemen in de kernagenda<span className="sr-only">: {idea.title}</span>
            </button>
          )}
          {!idea.hidden && (
            <button type="button" id={ids.hide} className="danger" onClick={() => setMode('hide')}>
              Verbergen<span className="sr-only">: {idea.title}</span>
            </button>
          )}
        </div>
      )}
      {committee && mode === 'hide' && (
        <HideForm
          ideaTitle={idea.title}
          onCancel={() => close(ids.hide)}
          onHide={(reason) => {
            const errors = actions.hide(reason);
            if (!errors) close(ids.restore, 'Het idee is verborgen voor bewoners.');
            return errors;
          }}
        />
      )}
      <Reactions
        ideaId={idea.id}
        ideaTitle={idea.title}
        reactions={idea.reactions}
        viewerId={viewerId}
        onAdd={(text) => {
          const errors = actions.react(text);
          if (!errors) say('Je reactie is geplaatst.');
          return errors;
        }}
        onWithdraw={(reactionId) => {
          if (refused(actions.withdrawReaction(reactionId))) return false;
          say('Je reactie is ingetrokken.');
          return true;
        }}
      />
    </article>
  );
}
