/**
 * The notice feed of this page: keeps the room `gemeente/berichten` open for as long as the
 * app runs, and from it, the kernen this device follows and the notices it has shown derives
 * the unread count (published to the shell), the app badge and a system notification for
 * each new notice.
 *
 * Loaded with `import()` when the first screen is idle (useNoticeFeed.ts), so Yjs stays out
 * of the first bundle; it supplies the registry's room factory itself, like `useRoom` does.
 *
 * A notification is only for a notice that arrives after this page had the room in sync
 * with the server once: everything the device had stored or received in its first sync is
 * "seen" without a notification (it still counts as unread), and so is what this device
 * wrote itself (a local transaction). It is shown by the service worker (tag = notice id,
 * a click opens /berichten: src/sw.ts), only with permission.
 */
import { readNotices, noticesOf, type Notice } from '../../model/notices';
import { listFollows, listReads, watch } from '../../storage/db';
import { openRoom } from '../../sync/room';
import type { Services } from '../hooks/useServices';
import { notificationText } from './noticeText';
import { berichtenRoom } from './rooms';
import { arrivals, unreadNotices } from './unread';

type BadgeNavigator = Navigator & {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
};

/** The app badge (installed app, where supported): the number, or none for 0. */
function showBadge(count: number): void {
  const nav = navigator as BadgeNavigator;
  const done = count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.();
  void done?.catch(() => undefined);
}

async function notify(notice: Notice, services: Services): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!registration) return;
  const { title, body } = notificationText(notice, services.config);
  await registration.showNotification(title, {
    body,
    tag: notice.id,
    lang: 'nl',
    icon: '/icons/icon-192.png',
    data: { url: '/berichten' },
  });
}

/** Starts the feed; `publish` gets the unread count at every change. Returns the stop function. */
export function startNoticeFeed(services: Services, publish: (unread: number) => void): () => void {
  const { registry, db, now } = services;
  registry.supplyRooms(openRoom);
  const release = registry.retain(berichtenRoom);
  const room = registry.get(berichtenRoom);
  let follows: readonly string[] | null = null;
  let reads: ReadonlySet<string> | null = null;
  let armed = false;
  let shownCount = -1;
  const seen = new Set<string>();
  const mine = new Set<string>();

  const refresh = () => {
    const status = room.status.getSnapshot();
    if (!status.localLoaded || follows === null || reads === null) return;
    const notices = readNotices(room.doc);
    const time = now().toISOString();
    if (armed)
      for (const notice of arrivals(notices, follows, seen, mine, time))
        void notify(notice, services).catch((error: unknown) =>
          console.error('Could not show a notification', error),
        );
    for (const notice of notices) seen.add(notice.id);
    if (!armed && status.synced) armed = true;
    const count = unreadNotices(notices, follows, reads, time).length;
    publish(count);
    if (count !== shownCount) showBadge(count);
    shownCount = count;
  };

  // A notice written on this device (the gemeente screen) never notifies this device.
  const onTransaction = (transaction: { local: boolean }) => {
    if (transaction.local)
      for (const id of noticesOf(room.doc).keys()) if (!seen.has(id)) mine.add(id);
    refresh();
  };
  room.doc.on('afterTransaction', onTransaction);
  const stopStatus = room.status.subscribe(refresh);
  const stopFollows = watch(
    db,
    () => listFollows(db),
    (rows) => {
      follows = rows.map((row) => row.kern);
      refresh();
    },
  );
  const stopReads = watch(
    db,
    () => listReads(db),
    (ids) => {
      reads = new Set(ids);
      refresh();
    },
  );
  return () => {
    room.doc.off('afterTransaction', onTransaction);
    stopStatus();
    stopFollows();
    stopReads();
    release();
  };
}
