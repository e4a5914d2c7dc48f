/**
 * The service worker (vite-plugin-pwa, injectManifest: the build puts the precache list in
 * `self.__WB_MANIFEST`). It
 * - precaches the app shell and every page's code, and drops the caches of older builds;
 * - answers every navigation with index.html, except the server's own paths; for a kern
 *   page this device showed before, with the copy of it in there (storage/pageSnapshot.ts)
 *   and the rules it uses inline, so its first screen shows before the app's code has run;
 * - waits with a new version until the app asks (the "Nieuwe versie beschikbaar" prompt,
 *   UpdatePrompt.tsx, posts SKIP_WAITING);
 * - opens Berichten on a click on a notification about a new gemeente notice (shown by the
 *   app: ui/notices/noticeFeed.ts): an open window of the app is reused, else a new one opens.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import type { RouteHandlerCallbackOptions } from 'workbox-core/types';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
  allowingStylesheet,
  composePage,
  readPageSnapshot,
  stylesheetOf,
} from './storage/pageSnapshot';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | PrecacheEntry)[];
};

const shell = '/index.html';

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const serveShell = createHandlerBoundToURL(shell);

/** SHA-256 of `text` (UTF-8), base64: a Content-Security-Policy hash source. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/**
 * The rules the copy uses (`rules`), or else the whole stylesheet index.html links, for the
 * page to have inline, with the policy allowing it (its hash added to `style-src`); null when
 * the policy has no room for it.
 */
async function inlineStylesheet(
  index: string,
  headers: Headers,
  rules: string | null,
): Promise<{ css: string; policy: string | null } | null> {
  const href = stylesheetOf(index);
  const css = href && (rules ?? (await (await matchPrecache(href))?.text()));
  if (!css) return null;
  const policy = headers.get('Content-Security-Policy');
  if (policy === null) return { css, policy };
  const allowing = allowingStylesheet(policy, await sha256(css));
  return allowing === null ? null : { css, policy: allowing };
}

/** index.html with the page's copy in it, or null (none, another build, or any failure). */
async function withSnapshot(url: URL): Promise<Response | null> {
  try {
    const [snapshot, index] = await Promise.all([
      readPageSnapshot(url.pathname),
      matchPrecache(shell),
    ]);
    if (!snapshot || !index) return null;
    const html = await index.text();
    const headers = new Headers(index.headers); // the CSP and the other security headers
    headers.delete('Content-Length');
    const stylesheet = await inlineStylesheet(html, headers, snapshot.css);
    const page = composePage(html, snapshot, {
      stylesheet: stylesheet?.css,
      offline: !self.navigator.onLine,
    });
    if (page === null) return null;
    if (stylesheet?.policy) headers.set('Content-Security-Policy', stylesheet.policy);
    return new Response(page, { status: 200, headers });
  } catch {
    return null;
  }
}

registerRoute(
  new NavigationRoute(
    async (options: RouteHandlerCallbackOptions) =>
      (await withSnapshot(options.url)) ?? serveShell(options),
    { denylist: [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/healthz$/, /^\/metrics$/] },
  ),
);

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const wanted = (event.notification.data as { url?: unknown } | null)?.url;
  const url = new URL(typeof wanted === 'string' ? wanted : '/berichten', self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((client) => new URL(client.url).origin === url.origin);
      if (!open) return self.clients.openWindow(url.href);
      try {
        const focused = await open.focus();
        return await focused.navigate(url.href);
      } catch {
        // A window this worker does not control cannot be navigated from here.
        return self.clients.openWindow(url.href);
      }
    }),
  );
});
