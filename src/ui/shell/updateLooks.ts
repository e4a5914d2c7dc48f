/**
 * When an open app looks for a new version of itself. The browser looks only when the app is
 * opened; a tablet left open in the dorpshuis, or a phone that keeps the tab, must look too:
 *
 * - when the connection comes back (a version deployed meanwhile is found at once);
 * - when the app comes back into view, at most once every `viewGap` (each look fetches
 *   `sw.js`: a phone switching apps all day should not fetch it each time);
 * - every `every` while it stays open.
 *
 * A look that fails while the device is online (the server restarting, a bad connection) is
 * tried again after `retry`, once per failure. One look at a time.
 */

/** What a look needs of the service worker's registration. */
export type Updatable = Pick<ServiceWorkerRegistration, 'update' | 'installing'>;

export interface LookTimes {
  every: number;
  viewGap: number;
  retry: number;
}

export const lookTimes: LookTimes = {
  every: 60 * 60 * 1000,
  viewGap: 5 * 60 * 1000,
  retry: 60 * 1000,
};

/** Where the app learns that it is online and visible (window and document in the browser). */
export interface LookSignals {
  online: EventTarget & { navigator: { onLine: boolean } };
  view: EventTarget & { visibilityState: DocumentVisibilityState };
  now: () => number;
}

const browserSignals = (): LookSignals => ({
  online: window,
  view: document,
  now: () => Date.now(),
});

/** Registrations already looked after (a remount registers again: one set of listeners). */
const watched = new WeakSet<object>();

export function watchForUpdates(
  registration: Updatable,
  times: LookTimes = lookTimes,
  signals: LookSignals = browserSignals(),
): void {
  if (watched.has(registration)) return;
  watched.add(registration);
  let looking = false;
  let lastViewLook = -Infinity;
  let retrying: ReturnType<typeof setTimeout> | undefined;

  const look = () => {
    if (looking || !signals.online.navigator.onLine || registration.installing) return;
    looking = true;
    registration
      .update()
      .catch(() => {
        if (retrying === undefined) {
          retrying = setTimeout(() => {
            retrying = undefined;
            look();
          }, times.retry);
        }
      })
      .finally(() => {
        looking = false;
      });
  };

  signals.online.addEventListener('online', look);
  signals.view.addEventListener('visibilitychange', () => {
    if (signals.view.visibilityState !== 'visible') return;
    if (signals.now() - lastViewLook < times.viewGap) return;
    lastViewLook = signals.now();
    look();
  });
  setInterval(look, times.every);
}
