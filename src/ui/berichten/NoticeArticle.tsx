/**
 * One notice in Berichten: what it says (NoticeBody), the questions under it with the
 * gemeente's answers, and "Stel een vraag" for a resident or committee member while the
 * notice runs or is still to come.
 */
import { addQuestion } from '../../model/questions';
import type { NoticeView } from '../../model/notices';
import type { Room } from '../../sync/room';
import type { DeviceToken } from '../../sync/tokens';
import { useServices } from '../hooks/useServices';
import { attempt } from '../notices/attempt';
import { NoticeBody, noticeTitleId } from '../notices/NoticeBody';
import { ReplyForm } from '../notices/ReplyForm';
import { ThreadList } from '../notices/ThreadList';
import { useThread } from '../notices/useThread';
import { writerContext } from '../notices/writer';

interface Props {
  notice: NoticeView;
  isNew: boolean;
  notices: Room;
  questions: Room;
  /** The token this device asks questions with (a resident or committee member), or null. */
  asker: DeviceToken | null;
  /** The questions' room has edits of this device the server has not confirmed. */
  unsent: boolean;
}

export function NoticeArticle({ notice, isNew, notices, questions, asker, unsent }: Props) {
  const { config, now } = useServices();
  const thread = useThread(questions.doc, notices.doc, notice.id);
  const open = notice.status === 'lopend' || notice.status === 'gepland';
  const threadId = `bericht-${notice.id}-vragen`;

  const ask = (text: string) =>
    asker
      ? attempt(() =>
          addQuestion(questions.doc, notice.id, text, writerContext(asker, config, now())),
        )
      : { text: 'Je hebt een code nodig om een vraag te stellen.' };

  return (
    <article className="bericht" aria-labelledby={noticeTitleId(notice.id)}>
      <NoticeBody notice={notice} level={3} isNew={isNew} />
      <section className="bericht-vragen" aria-labelledby={threadId}>
        <h4 id={threadId}>
          Vragen en antwoorden <span className="count">({thread.length})</span>
        </h4>
        <ThreadList items={thread} ownId={asker?.claims.id ?? null} />
        {open && asker && (
          <ReplyForm
            id={`vraag-${notice.id}`}
            openLabel={
              <>
                Stel een vraag<span className="sr-only"> over {notice.title}</span>
              </>
            }
            label="Je vraag aan de gemeente"
            hint={`Iedereen kan je vraag lezen, met je naam (${asker.claims.name}).`}
            submitLabel="Vraag versturen"
            sentMessage={
              unsent
                ? 'Je vraag staat op dit apparaat. Hij wordt verstuurd zodra je weer verbinding hebt.'
                : 'Je vraag is verstuurd naar de gemeente.'
            }
            onSend={ask}
          />
        )}
      </section>
    </article>
  );
}
