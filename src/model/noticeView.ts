/**
 * What someone who follows some kernen sees of the gemeente's notices, at a given moment:
 * pure functions over notice snapshots. A notice for Beesd never shows for Heukelum; one for
 * 'alle' shows everywhere. Days are counted on the Europe/Amsterdam calendar (the day people
 * live in), the last day of a period included.
 */
import { amsterdamDay } from './budget';
import { worksKinds, type Notice } from './notice';

export type NoticeStatus = 'lopend' | 'gepland' | 'afgelopen' | 'beeindigd' | 'ingetrokken';
export type NoticeView = Notice & { status: NoticeStatus };

/** 'YYYY-MM-DD' of an ISO time on the Europe/Amsterdam calendar (the day people live in). */
export function amsterdamDate(now: string): string {
  const day = amsterdamDay(now);
  if (!day) throw new TypeError(`not an ISO time: ${String(now)}`);
  return `${day[0]}-${day[1]}`;
}

/** Where a notice stands on `today` ('YYYY-MM-DD'). */
export function noticeStatus(notice: Notice, today: string): NoticeStatus {
  if (notice.withdrawnAt) return 'ingetrokken';
  if (notice.endedAt) return 'beeindigd';
  if (notice.until !== null && notice.until < today) return 'afgelopen';
  if (notice.from > today) return 'gepland';
  return 'lopend';
}

/** Whether a notice is meant for any of `kernSlugs` ('alle' is meant for every kern). */
export const isFor = (notice: Notice, kernSlugs: readonly string[]) =>
  notice.kernen === 'alle' || notice.kernen.some((slug) => kernSlugs.includes(slug));

export interface NoticesFor {
  /** Running now: works (werkzaamheden, afsluiting) first, then the rest; latest start first. */
  current: readonly NoticeView[];
  /** Starting later: soonest first. */
  coming: readonly NoticeView[];
  /** Past, ended early or withdrawn: latest start first. */
  archive: readonly NoticeView[];
}

/** What someone following `kernSlugs` sees at ISO time `now`. */
export function noticesFor(
  notices: readonly Notice[],
  kernSlugs: readonly string[],
  now: string,
): NoticesFor {
  const today = amsterdamDate(now);
  const views = notices
    .filter((n) => isFor(n, kernSlugs))
    .map((n): NoticeView => Object.freeze({ ...n, status: noticeStatus(n, today) }));
  // Latest start first; then the latest posted; then by id, so every device shows one order.
  const latestFirst = (a: NoticeView, b: NoticeView) =>
    a.from !== b.from
      ? a.from < b.from
        ? 1
        : -1
      : a.createdAt !== b.createdAt
        ? a.createdAt < b.createdAt
          ? 1
          : -1
        : a.id < b.id
          ? -1
          : 1;
  const works = (n: NoticeView) => (worksKinds.includes(n.kind) ? 0 : 1);
  const current = views
    .filter((n) => n.status === 'lopend')
    .sort((a, b) => works(a) - works(b) || latestFirst(a, b));
  const coming = views.filter((n) => n.status === 'gepland').sort((a, b) => -latestFirst(a, b));
  const archive = views
    .filter((n) => n.status !== 'lopend' && n.status !== 'gepland')
    .sort(latestFirst);
  return Object.freeze({
    current: Object.freeze(current),
    coming: Object.freeze(coming),
    archive: Object.freeze(archive),
  });
}

/** The notices a kern page shows at ISO time `now`: those running, then those to come. */
export function kernPageNotices(
  notices: readonly Notice[],
  slug: string,
  now: string,
): readonly NoticeView[] {
  const { current, coming } = noticesFor(notices, [slug], now);
  return [...current, ...coming];
}
