/**
 * When an open app looks for a new version (src/ui/shell/updateLooks.ts), on a clock the
 * test moves: every hour, when the connection comes back, when the app comes back into view
 * (at most once in five minutes), a failed look tried again a minute later, never while
 * offline or while a new version is installing, one look at a time. The real look, in
 * Chromium against a real new build, is in tests/e2e/update.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lookTimes, watchForUpdates, type Updatable } from '../../src/ui/shell/updateLooks';

const minute = 60 * 1000;

/** A window (online or not) and a document (visible or not), as the app sees them. */
function browserSignals() {
  const online = Object.assign(new EventTarget(), { navigator: { onLine: true } });
  const view = Object.assign(new EventTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
  });
  return { online, view, now: () => Date.now() };
}

/** A registration whose looks the test counts and settles, and the app's window and document. */
function openApp() {
  const settle: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const registration: Updatable & { installing: ServiceWorker | null } = {
    installing: null,
    update: () =>
      new Promise<ServiceWorkerRegistration>((resolve, reject) => {
        settle.push({ resolve: () => resolve({} as ServiceWorkerRegistration), reject });
      }),
  };
  const signals = browserSignals();
  const { online, view } = signals;
  watchForUpdates(registration, lookTimes, signals);
  return {
    registration,
    looks: () => settle.length,
    /** Ends the latest look: found nothing new, or failed. */
    async end(outcome: 'nothing' | 'failed') {
      const last = settle.at(-1)!;
      if (outcome === 'nothing') last.resolve();
      else last.reject(new TypeError('Failed to fetch'));
      await vi.advanceTimersByTimeAsync(0);
    },
    shown() {
      view.visibilityState = 'visible';
      view.dispatchEvent(new Event('visibilitychange'));
    },
    hidden() {
      view.visibilityState = 'hidden';
      view.dispatchEvent(new Event('visibilitychange'));
    },
    goOffline() {
      online.navigator.onLine = false;
      online.dispatchEvent(new Event('offline'));
    },
    goOnline() {
      online.navigator.onLine = true;
      online.dispatchEvent(new Event('online'));
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('an open app looking for a new version', () => {
  it('looks every hour while it stays open, and not before', async () => {
    const app = openApp();
    await vi.advanceTimersByTimeAsync(59 * minute);
    expect(app.looks()).toBe(0);
    await vi.advanceTimersByTimeAsync(minute);
    expect(app.looks()).toBe(1);
    await app.end('nothing');
    await vi.advanceTimersByTimeAsync(60 * minute);
    expect(app.looks()).toBe(2);
  });

  it('looks when the connection comes back, and not while offline', async () => {
    const app = openApp();
    app.goOffline();
    await vi.advanceTimersByTimeAsync(60 * minute);
    app.shown();
    expect(app.looks()).toBe(0);
    app.goOnline();
    expect(app.looks()).toBe(1);
  });

  it('looks when shown again, at most once in five minutes', async () => {
    const app = openApp();
    app.hidden();
    expect(app.looks()).toBe(0);
    app.shown();
    expect(app.looks()).toBe(1);
    await app.end('nothing');
    await vi.advanceTimersByTimeAsync(4 * minute);
    app.hidden();
    app.shown();
    expect(app.looks()).toBe(1);
    await vi.advanceTimersByTimeAsync(minute);
    app.hidden();
    app.shown();
    expect(app.looks()).toBe(2);
  });

  it('tries a failed look again a minute later, once per failure', async () => {
    const app = openApp();
    app.goOnline();
    await app.end('failed');
    await vi.advanceTimersByTimeAsync(minute - 1);
    expect(app.looks()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.looks()).toBe(2);
    await app.end('nothing');
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(app.looks()).toBe(2);
  });

  it('does not try again while offline; coming back online looks', async () => {
    const app = openApp();
    app.goOnline();
    await app.end('failed');
    app.goOffline();
    await vi.advanceTimersByTimeAsync(minute);
    expect(app.looks()).toBe(1);
    app.goOnline();
    expect(app.looks()).toBe(2);
  });

  it('makes one look at a time, and none while a new version installs', async () => {
    const app = openApp();
    app.goOnline();
    app.goOnline();
    app.shown();
    expect(app.looks()).toBe(1);
    await app.end('nothing');
    app.registration.installing = {} as ServiceWorker;
    app.goOnline();
    expect(app.looks()).toBe(1);
    app.registration.installing = null;
    app.goOnline();
    expect(app.looks()).toBe(2);
  });

  it('watches a registration once, however often the prompt mounts', async () => {
    const app = openApp();
    const again = browserSignals();
    watchForUpdates(app.registration, lookTimes, again);
    again.online.dispatchEvent(new Event('online'));
    expect(app.looks()).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * minute);
    expect(app.looks()).toBe(1);
  });
});
