/**
 * What a gemeente notice says, the same on every screen: its kind, where it stands, the
 * title (the heading of its article), when, where, for which kernen, the text and the link.
 * The screen wraps it in an `<article aria-labelledby={noticeTitleId(id)}>` and adds what it
 * does with the notice (the thread, the gemeente's buttons).
 */
import type { NoticeView } from '../../model/notices';
import { useServices } from '../hooks/useServices';
import { kernenText, kindText, periodText, statusText } from './noticeText';

export const noticeTitleId = (id: string) => `bericht-${id}-titel`;

interface Props {
  notice: NoticeView;
  /** The heading level of the title (2 in a page's list, 3 under a section heading). */
  level: 2 | 3;
  /** Still unread when it appeared on this screen. */
  isNew?: boolean;
}

export function NoticeBody({ notice, level, isNew = false }: Props) {
  const { config } = useServices();
  const Heading = level === 2 ? 'h2' : 'h3';
  const works = notice.kind === 'werkzaamheden' || notice.kind === 'afsluiting';
  return (
    <>
      <p className="notice-tags">
        <span className={works ? 'badge works' : 'badge'}>{kindText(notice)}</span>
        <span className="badge status">{statusText(notice)}</span>
        {/* New only until it has been shown once: never in a kern page's copy (data-now). */}
        {isNew && (
          <strong className="badge new" data-now>
            Nieuw
          </strong>
        )}
      </p>
      <Heading id={noticeTitleId(notice.id)} className="notice-title" tabIndex={-1}>
        {notice.title}
      </Heading>
      <dl className="facts">
        <dt>Wanneer</dt>
        <dd>{periodText(notice.from, notice.until)}</dd>
        {notice.place && (
          <>
            <dt>Waar</dt>
            <dd>{notice.place}</dd>
          </>
        )}
        <dt>Voor</dt>
        <dd>{kernenText(notice.kernen, config)}</dd>
      </dl>
      {notice.text && <p className="notice-text">{notice.text}</p>}
      {notice.link && (
        <p className="notice-link">
          <a href={notice.link} rel="noopener noreferrer">
            Meer informatie<span className="sr-only"> over {notice.title}</span> op{' '}
            {new URL(notice.link).hostname}
          </a>
        </p>
      )}
    </>
  );
}
