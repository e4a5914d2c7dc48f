/**
 * A new version of the app never costs an edit. A commissie member works on Beesd's
 * kernagenda under version 1; version 2 (a real build of other code: 20 of its 24 assets
 * under new names, the old ones gone from the server) is deployed; the open app finds it by
 * itself when it comes back into view and offers "Vernieuwen"; before accepting, the relay
 * goes away and one more point is made that the server has not seen. "Vernieuwen" reloads
 * the page under the new service worker (its shell comes from the new precache: the relay's
 * server is down), every point is still there, and once the server is back the unsent point
 * reaches it. The second test has
 * version 3 deployed while the device is offline with unsent points: the app finds it when
 * the connection comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { cleanup, makeToken, startServer, until, type ServerHandle } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { launchChromium, newDevice } from './browser';
import { buildVersion, copyBuild, deploy } from './build';
import { KernPage, shown, UpdatePrompt } from './pages/app';
import { activatedServiceWorker } from './serviceWorker';

let browser: Browser;
let server: ServerHandle;
/** The folder the server serves: version 1 (the build under test), later 2 and 3. */
let build: string;
let version2: string;
let version3: string;

/** The server logs every request at debug level (on stderr): the test counts the fetches of sw.js. */
const serve = (dataDir?: string, port?: number) =>
  startServer({ dataDir, port, args: ['--static', build], env: { LOG_LEVEL: 'debug' } });

/** How often the browser has fetched sw.js from the server (each update check fetches it). */
const workerFetches = () =>
  server
    .stderr()
    .split('\n')
    .filter((line) => line.includes('"url":"/sw.js"')).length;

/**
 * After a reload the browser looks for a new service worker itself, a few seconds later.
 * Waits until it has asked the server for sw.js and its check has ended, so what the test
 * deploys after this is found by the app's own look only. (A look made while the browser's
 * check runs joins it, one update job at a time, and would find nothing new. The test's own
 * `update()` here joins or follows that check, before anything new is deployed.)
 */
async function browserLookedAfterReload(page: Page, before: number) {
  await until(() => workerFetches() > before, {
    message: "the browser's update check after the reload",
  });
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

beforeAll(async () => {
  build = copyBuild();
  // One after the other: Vite refuses a second build of the project while one runs.
  version2 = await buildVersion('2');
  version3 = await buildVersion('3');
  server = await serve();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cleanup();
});

/** The version in the footer ("Versie 2"). */
const versionShown = (page: Page) => page.locator('footer .app-version').textContent();

describe('updating the app', () => {
  it('keeps every point, also one the server has not seen, through "Vernieuwen"', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd', 'Anna de Vries');
    const phone = await newDevice(browser, server.url);
    const page = await phone.newPage();
    const kern = new KernPage(page);
    const prompt = new UpdatePrompt(page);

    // Version 1: the service worker installs; the next visit is served by it.
    await kern.open('beesd', 'Beesd');
    await kern.useAccessCode(token);
    await kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await kern.waitForSync();
    await activatedServiceWorker(page);
    const fetched = workerFetches();
    await page.reload();
    await kern.point('Bankje bij de kerk').waitFor(shown);
    await browserLookedAfterReload(page, fetched);
    expect(await activatedServiceWorker(page)).toMatchObject({ controlled: true, waiting: false });
    const version1 = await versionShown(page);
    expect(version1).toMatch(/^Versie /);
    expect(await prompt.region.count()).toBe(0);

    // Version 2 is deployed while the app is open in the background; when it comes back into
    // view the app looks for a new version itself, and offers it.
    deploy(version2, build);
    // Headless Chromium keeps every tab visible (another tab in front, a minimised window:
    // checked), so the test sends the event the browser sends when the tab is shown again.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await prompt.waitForOffer();
    expect(await prompt.region.textContent()).toContain('Je wijzigingen blijven bewaard.');
    // The prompt arrives inside a live region that was there before it, so it is announced.
    expect(await prompt.region.evaluate((el) => el.parentElement?.getAttribute('aria-live'))).toBe(
      'polite',
    );
    const violations = await axeViolations(page);
    expect(describeViolations(violations), 'axe with the update prompt').toBe('');

    // Before accepting, the relay goes away and one more point is made on this device only.
    await server.kill();
    await kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await kern.waitForSavedOnDevice();

    await prompt.refresh();
    await kern.heading('Beesd').waitFor(shown);
    await kern.point('Bankje bij de kerk').waitFor(shown);
    await kern.point('Jeu-de-boulesbaan').waitFor(shown);
    // The server is down, so this shell came from the new worker's precache.
    await page.locator('footer').getByText('Versie 2', { exact: true }).waitFor(shown);
    expect(version1).not.toBe('Versie 2');
    expect(await activatedServiceWorker(page)).toMatchObject({ controlled: true, waiting: false });
    expect(await prompt.region.count()).toBe(0);
    await kern.waitForSavedOnDevice();

    // The server comes back: the point made before the update reaches it.
    server = await serve(server.dataDir, server.port);
    await kern.waitForSync();
    const visitor = await newDevice(browser, server.url);
    const visitorKern = new KernPage(await visitor.newPage());
    await visitorKern.open('beesd', 'Beesd');
    await visitorKern.point('Bankje bij de kerk').waitFor(shown);
    await visitorKern.point('Jeu-de-boulesbaan').waitFor(shown);

    await phone.close();
    await visitor.close();
  });

  it('keeps points made offline when the update arrives before they were sent', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'heukelum', 'Fatima Yilmaz');
    const laptop = await newDevice(browser, server.url);
    // Every relay socket goes through this route, so the test can cut the relay while the
    // server keeps serving the app (and its next version).
    let relayOpen = true;
    const sockets = new Set<WebSocketRoute>();
    await laptop.routeWebSocket(/\/sync\//, (ws) => {
      if (!relayOpen) return void ws.close({ code: 4500, reason: 'geen verbinding' });
      sockets.add(ws);
      ws.connectToServer();
    });
    const page = await laptop.newPage();
    const kern = new KernPage(page);
    const prompt = new UpdatePrompt(page);
    await kern.open('heukelum', 'Heukelum');
    await kern.useAccessCode(token);
    await kern.waitForSync();
    await activatedServiceWorker(page);
    const fetched = workerFetches();
    await page.reload();
    await kern.waitForSync();
    await browserLookedAfterReload(page, fetched);

    // The village hall has no connection: two points are made offline.
    relayOpen = false;
    for (const ws of sockets) await ws.close({ code: 4500, reason: 'geen verbinding' });
    await laptop.setOffline(true);
    await kern.addPoint({ title: 'Speeltuin aan de Dam', theme: 'Openbare ruimte en groen' });
    await kern.addPoint({ title: 'Glasvezel in het buitengebied', theme: 'Voorzieningen' });
    await page.getByText('Je bent offline.', { exact: false }).waitFor(shown);

    // Meanwhile version 3 is deployed. Back online, with the relay still out of reach, the
    // app looks for a new version itself and finds it before the points were sent.
    deploy(version3, build);
    await laptop.setOffline(false);
    await prompt.waitForOffer();
    await kern.waitForSavedOnDevice();
    await prompt.refresh();
    await kern.heading('Heukelum').waitFor(shown);
    await page.locator('footer').getByText('Versie 3', { exact: true }).waitFor(shown);
    await kern.point('Speeltuin aan de Dam').waitFor(shown);
    await kern.point('Glasvezel in het buitengebied').waitFor(shown);
    await kern.waitForSavedOnDevice();

    // The relay is reachable again: both points reach the server and another device.
    relayOpen = true;
    await kern.waitForSync();
    const visitor = await newDevice(browser, server.url);
    const visitorKern = new KernPage(await visitor.newPage());
    await visitorKern.open('heukelum', 'Heukelum');
    await visitorKern.point('Speeltuin aan de Dam').waitFor(shown);
    await visitorKern.point('Glasvezel in het buitengebied').waitFor(shown);
    await laptop.close();
    await visitor.close();
  });
});
