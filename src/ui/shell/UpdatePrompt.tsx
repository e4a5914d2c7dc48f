/**
 * Tells that a new version of the app is ready and reloads on request. Reloading never loses
 * edits: every edit is in IndexedDB the moment it is made. Registers the service worker
 * (vite-plugin-pwa, prompt mode) without an inline script.
 *
 * An open app looks for a new version itself too (`updateLooks.ts`).
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { watchForUpdates } from './updateLooks';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, registration) => registration && watchForUpdates(registration),
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
