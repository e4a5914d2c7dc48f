/**
 * The number of unread gemeente notices for the kernen this device follows (null while not
 * known), for the header and the home page. This module is in the first bundle and stays
 * light: no Yjs, no model.
 *
 * The feed that counts (noticeFeed.ts: the berichten room, the app badge, notifications) is
 * fetched with `import()` once the first screen has painted and the browser is idle, and only
 * on a device that follows a kern (a first visit, and Lighthouse on `/`, never load it). One
 * feed per app: it belongs to the long-lived services object made in main.tsx, and runs for
 * as long as the page does.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { whenIdle } from '../../sync/schedule';
import { createStore, type WritableStore } from '../../sync/status';
import { useFollows } from '../hooks/useDevice';
import { useServices, type Services } from '../hooks/useServices';

interface Feed {
  unread: WritableStore<number | null>;
  started: boolean;
}

const feeds = new WeakMap<Services, Feed>();

function feedOf(services: Services): Feed {
  let feed = feeds.get(services);
  if (!feed) {
    feed = { unread: createStore<number | null>(null), started: false };
    feeds.set(services, feed);
  }
  return feed;
}

/** "2 nieuw" (empty for none or not known). */
export const unreadText = (count: number | null) => (count ? `${count} nieuw` : '');

export function useUnreadNotices(): number | null {
  const services = useServices();
  const feed = feedOf(services);
  const follows = useFollows();
  const following = (follows?.length ?? 0) > 0;
  useEffect(() => {
    if (!following || feed.started) return;
    return whenIdle(() => {
      if (feed.started) return;
      feed.started = true;
      import('./noticeFeed')
        .then(({ startNoticeFeed }) => startNoticeFeed(services, feed.unread.set))
        .catch((error: unknown) => {
          feed.started = false;
          console.error('Could not start the notice feed', error);
        });
    }, 3_000);
  }, [following, feed, services]);
  return useSyncExternalStore(feed.unread.subscribe, feed.unread.getSnapshot);
}
