/**
 * The questions under a notice with the gemeente's answers, oldest first: the thread as
 * residents and the gemeente both see it. Questions come from `gemeente/vragen`, answers from
 * `gemeente/berichten` (only the gemeente writes there); `joinThread` puts them together.
 * `after` adds something under a question (the gemeente's answer form).
 */
import type { ReactNode } from 'react';
import type { ThreadItem } from '../../model/questions';
import { formatMoment } from '../shell/time';

interface Props {
  items: readonly ThreadItem[];
  /** The id of this device's writer in `gemeente/vragen` (its questions say "jij"). */
  ownId: string | null;
  after?: (item: ThreadItem) => ReactNode;
}

export function ThreadList({ items, ownId, after }: Props) {
  if (items.length === 0) return <p className="hint">Er zijn nog geen vragen gesteld.</p>;
  return (
    <ol className="thread">
      {items.map((item) => {
        const { question, answers } = item;
        return (
          <li key={question.id} className="thread-item">
            <p className="thread-meta">
              <strong>
                {question.authorName}
                {question.authorId === ownId ? ' (jij)' : ''}
              </strong>{' '}
              vroeg op {formatMoment(question.createdAt)}:
            </p>
            <p className="thread-text">{question.text}</p>
            {answers.map((answer) => (
              <div key={answer.id} className="answer">
                <p className="thread-meta">
                  <strong>Antwoord van de gemeente</strong> ({answer.authorName},{' '}
                  {formatMoment(answer.createdAt)}):
                </p>
                <p className="thread-text">{answer.text}</p>
              </div>
            ))}
            {answers.length === 0 && <p className="hint">De gemeente heeft nog niet geantwoord.</p>}
            {after?.(item)}
          </li>
        );
      })}
    </ol>
  );
}
