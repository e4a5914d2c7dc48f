/**
 * What a test needs to know about the page's service worker, read from the page itself:
 * wait until a worker is activated, whether the page is controlled, and the app's own
 * update check (`registration.update()`, what a reopened app does on navigation).
 */
import type { Page } from 'playwright-core';

export interface WorkerState {
  scope: string;
  active: ServiceWorkerState | null;
  waiting: boolean;
  controlled: boolean;
}

/** Resolves once the registration's active worker reached `activated`. */
export function activatedServiceWorker(page: Page): Promise<WorkerState> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated')
      await new Promise((activated) =>
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') activated(null);
        }),
      );
    return {
      scope: registration.scope,
      active: worker.state,
      waiting: registration.waiting !== null,
      controlled: navigator.serviceWorker.controller !== null,
    };
  });
}

/** Asks the browser to fetch sw.js again now (as it does on a navigation). */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker registration');
    await registration.update();
  });
}
