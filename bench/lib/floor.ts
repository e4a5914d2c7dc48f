/**
 * What Chromium itself needs, for scale: a page of two lines served by a service worker of a
 * few lines from Cache Storage, opened the same way as the kern page (the same Chromium,
 * flags, phone and CPU throttling; a new browser per open). Its first contentful paint is
 * the least any page of any app takes that way on this machine at this moment, so the kern
 * page's figures can be read against it: what is left above it is the app's own.
 * The same for input to screen: a page with one labelled text field and nothing else
 * (`typeIn`), typed into the way the kern page's title field is.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath, phoneProfile } from './build';
import { sleep, tempDir } from './servers';

const page = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Beesd</title>
<script src="/register.js" defer></script></head>
<body><h1>Beesd</h1><p>Een pagina van twee regels, uit de cache van een service worker.</p></body></html>`;
const typingPage = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Beesd</title>
<script src="/register.js" defer></script></head>
<body><h1>Beesd</h1><label for="titel">Titel</label>
<input id="titel" type="text" value="Bankje bij de kerk"></body></html>`;
const register = `navigator.serviceWorker.register('/sw.js');`;
const worker = `
const files = ['/kern/beesd', '/invoer', '/register.js'];
self.addEventListener('install', (event) =>
  event.waitUntil(caches.open('floor').then((cache) => cache.addAll(files)).then(() => self.skipWaiting())));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) =>
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request))));`;

export interface Floor {
  /**
   * One open: a new Chromium, CPU throttled, `prepare` run on the page before it navigates
   * (the bench's own scripts in it, as in the opens it is compared with); first contentful
   * paint since navigation start.
   */
  open(
    via: 'launch' | 'newtab',
    throttle: number,
    prepare?: (page: Page) => Promise<void>,
  ): Promise<number>;
  /**
   * The page with one text field, in a new Chromium (as the first page), CPU throttled,
   * `prepare` run before it navigates; `type` gets the page 2 s after it loaded (past its
   * start-up work, as the kern page's keystrokes are) and the field's id.
   */
  typeIn<T>(
    throttle: number,
    prepare: (page: Page) => Promise<void>,
    type: (page: Page, fieldId: string) => Promise<T>,
  ): Promise<T>;
  stop(): Promise<void>;
}

export async function startFloor(): Promise<Floor> {
  const server: Server = createServer((req, res) => {
    const [type, body] =
      req.url === '/sw.js'
        ? ['text/javascript', worker]
        : req.url === '/register.js'
          ? ['text/javascript', register]
          : ['text/html; charset=utf-8', req.url === '/invoer' ? typingPage : page];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/kern/beesd`;
  const profile = tempDir('kernplein-bench-floor-');
  const launch = (): Promise<BrowserContext> =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumFlags,
      ...phoneProfile,
    });

  // Install the worker, then see that it serves the page.
  const setup = await launch();
  try {
    const tab = setup.pages()[0] ?? (await setup.newPage());
    await tab.goto(url);
    await tab.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 30_000,
    });
    await tab.reload();
    if (!(await tab.evaluate(() => navigator.serviceWorker.controller !== null)))
      throw new Error('the floor page is not served by its service worker');
  } finally {
    await setup.close();
  }

  return {
    async open(via, throttle, prepare) {
      const context = await launch();
      try {
        if (via === 'newtab') await sleep(2_000);
        const tab = via === 'newtab' ? await context.newPage() : context.pages()[0]!;
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        await prepare?.(tab);
        await tab.goto(url, { waitUntil: 'commit' });
        const end = Date.now() + 30_000;
        for (;;) {
          const painted = await cdp
            .send('Runtime.evaluate', {
              expression:
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null",
              returnByValue: true,
            })
            .then(({ result }) => result.value as unknown)
            .catch(() => null); // between two documents there is no context to evaluate in
          if (typeof painted === 'number') return painted;
          if (Date.now() > end) throw new Error('the floor page did not paint');
          await sleep(100);
        }
      } finally {
        await context.close();
      }
    },
    async typeIn(throttle, prepare, type) {
      const context = await launch();
      try {
        const tab = context.pages()[0]!;
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        await prepare(tab);
        await tab.goto(`${origin}/invoer`);
        await sleep(2_000);
        return await type(tab, 'titel');
      } finally {
        await context.close();
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
