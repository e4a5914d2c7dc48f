/*
 * Kernplein's addition to the generated service worker (vite.config.ts: workbox.importScripts):
 * a click on a notification about a new gemeente notice opens Berichten. An open window of the
 * app is reused (focused and sent to the page); otherwise a new one opens. Same origin only.
 * The notifications themselves are shown by the app (src/ui/notices/noticeFeed.ts).
 */
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const wanted = event.notification.data && event.notification.data.url;
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
