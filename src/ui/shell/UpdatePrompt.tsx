/**
 * Tells that a new version of the app is ready and reloads on request. Reloading never loses
 * edits: every edit is in IndexedDB the moment it is made. Registers the service worker
 * (vite-plugin-pwa, prompt mode) without an inline script.
 *
 * The browser looks for a new version when the app is opened. An app that stays open (a
 * tablet in the dorpshuis, a phone that keeps the tab) looks too: when it comes back online,
 * when it comes back into view, and every hour.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';

const hourly = 60 * 60 * 1000;
/** Registrations already looked after (a remount registers again: one set of listeners). */
const watched = new WeakSet<ServiceWorkerRegistration>();

function lookForUpdates(registration: ServiceWorkerRegistration) {
  if (watched.has(registration)) return;
  watched.add(registration);
  const look = () => {
    if (!navigator.onLine || registration.installing) return;
    // Out of reach now (a bad connection, the server restarting): the next look tries again.
    registration.update().catch(() => undefined);
  };
  window.addEventListener('online', look);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') look();
  });
  setInterval(look, hourly);
}

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, registration) => registration && lookForUpdates(registration),
  });
  // The live region is always there, so the prompt's text is announced when it arrives.
  return (
    <div aria-live="polite">
      {needRefresh && (
        <section className="update" aria-labelledby="update-title">
          <p id="update-title">
            <strong>Nieuwe versie beschikbaar.</strong> Je wijzigingen blijven bewaard.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="primary"
              onClick={() => void updateServiceWorker(true)}
            >
              Vernieuwen
            </button>
            <button type="button" onClick={() => setNeedRefresh(false)}>
              Later
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
