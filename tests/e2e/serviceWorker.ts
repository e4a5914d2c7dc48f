/**
 * What a test needs to know about the page's service worker, read from the page itself:
 * wait until a worker is activated, and whether the page is controlled.
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
