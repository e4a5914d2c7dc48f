/**
 * Which gemeente notices count as unread on this device, and which ones are new arrivals
 * (for a system notification). Pure, over notice snapshots, the kernen this device follows,
 * the ids it has shown (Dexie `reads`) and the time.
 *
 * Only notices that concern you now or soon count: current and coming ones for the kernen you
 * follow. The archive (past, ended early, withdrawn) never counts, so an unread notice that
 * is withdrawn stops counting by itself.
 */
import { noticesFor, type Notice, type NoticeView } from '../../model/notices';

/** Current and coming notices for `kernSlugs`: the ones that can be unread. */
export function countedNotices(
  notices: readonly Notice[],
  kernSlugs: readonly string[],
  now: string,
): NoticeView[] {
  if (kernSlugs.length === 0) return [];
  const { current, coming } = noticesFor(notices, kernSlugs, now);
  return [...current, ...coming];
}

/** The counted notices this device has not shown yet. */
export function unreadNotices(
  notices: readonly Notice[],
  kernSlugs: readonly string[],
  reads: ReadonlySet<string>,
  now: string,
): NoticeView[] {
  return countedNotices(notices, kernSlugs, now).filter((n) => !reads.has(n.id));
}

/**
 * Counted notices whose id is not in `seen` (the ids this device already had) nor in `mine`
 * (the ones written on this device): what a notification announces.
 */
export function arrivals(
  notices: readonly Notice[],
  kernSlugs: readonly string[],
  seen: ReadonlySet<string>,
  mine: ReadonlySet<string>,
  now: string,
): NoticeView[] {
  return countedNotices(notices, kernSlugs, now).filter((n) => !seen.has(n.id) && !mine.has(n.id));
}
