/**
 * One notice as the gemeente manages it: what it says, "Wijzigen" (the form in its place),
 * "Nu beëindigen" and "Intrekken" (each asks to confirm, inline), and the residents'
 * questions, each with "Beantwoorden". A withdrawn notice can no longer be changed; its
 * questions can still be answered.
 */
import { useState } from 'react';
import type { WriterContext } from '../../model/boardEntry';
import {
  answerQuestion,
  endNotice,
  updateNotice,
  withdrawNotice,
  type NoticeInput,
  type NoticeView,
} from '../../model/notices';
import type { Room } from '../../sync/room';
import { useFocusAfterRender } from '../hooks/useFocusAfterRender';
import { attempt } from '../notices/attempt';
import { NoticeBody, noticeTitleId } from '../notices/NoticeBody';
import { ReplyForm } from '../notices/ReplyForm';
import { ThreadList } from '../notices/ThreadList';
import { useThread } from '../notices/useThread';
import { NoticeForm } from './NoticeForm';

interface Props {
  notice: NoticeView;
  notices: Room;
  questions: Room;
  /** The gemeente's writer context, made at the moment of each write. */
  ctx(): WriterContext;
  /** Tells the screen what was done ("Bericht ingetrokken."). */
  onDone(message: string): void;
}

type Confirm = 'beeindigen' | 'intrekken' | null;

const confirmTexts = {
  beeindigen: {
    question:
      'Dit bericht nu beëindigen? Het gaat naar het archief. Bewoners zien dat het eerder is beëindigd.',
    yes: 'Ja, nu beëindigen',
    done: 'Bericht beëindigd.',
  },
  intrekken: {
    question:
      'Dit bericht intrekken? Doe dit als het bericht niet klopt. Het gaat naar het archief, met de melding dat het is ingetrokken.',
    yes: 'Ja, intrekken',
    done: 'Bericht ingetrokken.',
  },
} as const;

export function GemeenteNotice({ notice, notices, questions, ctx, onDone }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const focusAfterRender = useFocusAfterRender();
  const thread = useThread(questions.doc, notices.doc, notice.id);
  const unanswered = thread.filter((item) => item.answers.length === 0).length;
  const editId = `bericht-${notice.id}-wijzigen`;
  const threadId = `bericht-${notice.id}-vragen`;
  const withdrawn = notice.status === 'ingetrokken';
  const running = notice.status === 'lopend' || notice.status === 'gepland';

  if (editing)
    return (
      <NoticeForm
        notice={notice}
        onSubmit={(input: NoticeInput) => {
          const errors = attempt(() => updateNotice(notices.doc, notice.id, input, ctx()));
          if (!errors) {
            setEditing(false);
            onDone('Wijzigingen opgeslagen.');
            focusAfterRender(noticeTitleId(notice.id));
          }
          return errors;
        }}
        onCancel={() => {
          setEditing(false);
          focusAfterRender(editId);
        }}
      />
    );

  const ask = (kind: 'beeindigen' | 'intrekken') => {
    setConfirm(kind);
    focusAfterRender(`${editId}-bevestig`);
  };

  const confirmed = (kind: 'beeindigen' | 'intrekken') => {
    const errors = attempt(() =>
      (kind === 'beeindigen' ? endNotice : withdrawNotice)(notices.doc, notice.id, ctx()),
    );
    setConfirm(null);
    onDone(errors ? (Object.values(errors)[0] ?? '') : confirmTexts[kind].done);
    focusAfterRender(noticeTitleId(notice.id));
  };

  return (
    <article className="bericht" aria-labelledby={noticeTitleId(notice.id)}>
      <NoticeBody notice={notice} level={3} />
      {!withdrawn &&
        (confirm ? (
          <div
            className="confirm"
            role="group"
            aria-labelledby={`${editId}-bevestig`}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              setConfirm(null);
              focusAfterRender(editId);
            }}
          >
            <p id={`${editId}-bevestig`} tabIndex={-1}>
              {confirmTexts[confirm].question}
            </p>
            <div className="buttons">
              <button type="button" className="danger" onClick={() => confirmed(confirm)}>
                {confirmTexts[confirm].yes}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirm(null);
                  focusAfterRender(editId);
                }}
              >
                Nee, terug
              </button>
            </div>
          </div>
        ) : (
          <div className="buttons">
            <button type="button" id={editId} onClick={() => setEditing(true)}>
              Wijzigen<span className="sr-only">: {notice.title}</span>
            </button>
            {running && (
              <button type="button" onClick={() => ask('beeindigen')}>
                Nu beëindigen<span className="sr-only">: {notice.title}</span>
              </button>
            )}
            <button type="button" className="danger" onClick={() => ask('intrekken')}>
              Intrekken<span className="sr-only">: {notice.title}</span>
            </button>
          </div>
        ))}
      <section className="bericht-vragen" aria-labelledby={threadId}>
        <h4 id={threadId}>
          Vragen van bewoners{' '}
          <span className="count">
            ({thread.length}
            {unanswered > 0 ? `, ${unanswered} zonder antwoord` : ''})
          </span>
        </h4>
        <ThreadList
          items={thread}
          ownId={null}
          after={({ question }) => (
            <ReplyForm
              id={`antwoord-${question.id}`}
              openLabel={
                <>
                  Beantwoorden<span className="sr-only">: vraag van {question.authorName}</span>
                </>
              }
              label={`Antwoord aan ${question.authorName}`}
              hint="Iedereen kan het antwoord lezen, onder de vraag."
              submitLabel="Antwoord plaatsen"
              sentMessage="Je antwoord staat onder de vraag."
              onSend={(text) =>
                attempt(() => answerQuestion(notices.doc, question.id, text, ctx()))
              }
            />
          )}
        />
      </section>
    </article>
  );
}
