/**
 * The reactions under one idea, folded away until asked for ("Reacties (2)"): oldest first,
 * each with its author's name and time; the author can withdraw their own. Whoever may write
 * the board reacts with the form below the list (a Dutch error at the field when empty or
 * too long; the text is kept). Focus stays in the form after reacting, and goes to the
 * heading after withdrawing a reaction.
 */
import { useId, useRef, useState } from 'react';
import type { Reaction } from '../../model/ideas';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { formatMoment } from '../shell/time';

interface Props {
  ideaId: string;
  ideaTitle: string;
  reactions: readonly Reaction[];
  /** The reader's id when they may react; null: read-only. */
  viewerId: string | null;
  /** Adds a reaction; returns the field errors, or null when it was placed. */
  onAdd(text: string): Record<string, string> | null;
  /** Withdraws one's own reaction; false when it was refused. */
  onWithdraw(reactionId: string): boolean;
}

export function Reactions({ ideaId, ideaTitle, reactions, viewerId, onAdd, onWithdraw }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const id = useId();
  const headingId = `reacties-${ideaId}`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const errors = onAdd(text);
    const problem = errors ? (errors.text ?? Object.values(errors)[0] ?? null) : null;
    setError(problem);
    if (!problem) setText('');
    field.current?.focus();
  };

  return (
    <section className="reactions" aria-labelledby={headingId}>
      <details>
        <summary>
          <h4 id={headingId} tabIndex={-1}>
            Reacties <span className="count">({reactions.length})</span>
          </h4>
        </summary>
        {reactions.length === 0 ? (
          <p>Nog geen reacties.</p>
        ) : (
          <ul className="reaction-list">
            {reactions.map((r) => (
              <li key={r.id}>
                <p className="reaction-meta">
                  <strong>{r.authorName}</strong>{' '}
                  <time dateTime={r.createdAt}>{formatMoment(r.createdAt)}</time>
                </p>
                <p className="reaction-text">{r.text}</p>
                {viewerId !== null && r.authorId === viewerId && (
                  <button
                    type="button"
                    onClick={() => {
                      if (onWithdraw(r.id)) focusAfterRender(headingId);
                    }}
                  >
                    Reactie intrekken
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {viewerId !== null && (
          <form
            className="reaction-form"
            noValidate
            aria-label={`Reageren op ${ideaTitle}`}
            onSubmit={submit}
          >
            <div className="field">
              <label htmlFor={`${id}-text`}>Jouw reactie</label>
              <textarea
                id={`${id}-text`}
                ref={field}
                value={text}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              {error && (
                <p className="field-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </div>
            <button type="submit">Reageren</button>
          </form>
        )}
      </details>
    </section>
  );
}
