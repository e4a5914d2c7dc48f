/**
 * A new version of the app never costs an edit. A commissie member works on Beesd's
 * kernagenda under version 1; version 2 is deployed; the app offers "Vernieuwen"; before
 * accepting, the relay goes away and one more point is made that the server has not seen.
 * "Vernieuwen" reloads the page under the new service worker (its shell comes from the new
 * precache: the relay's server is down), every point is still there, and once the server is
 * back the unsent point reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { cleanup, makeToken, startServer, type ServerHandle } from '../helpers/server';
import { axeViolations, describeViolations } from './axe';
import { launchChromium, newDevice } from './browser';
import { copyBuild, publishNewVersion } from './build';
import { KernPage, shown, UpdatePrompt } from './pages/app';
import { activatedServiceWorker, checkForUpdate } from './serviceWorker';

let browser: Browser;
let server: ServerHandle;
let build: string;

beforeAll(async () => {
  build = copyBuild();
  server = await startServer({ args: ['--static', build] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await cleanup();
});

const buildMarker = (page: Page) =>
  page.evaluate(
    () => document.querySelector('meta[name="kernplein-build"]')?.getAttribute('content') ?? null,
  );

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
    await page.reload();
    await kern.point('Bankje bij de kerk').waitFor(shown);
    expect(await activatedServiceWorker(page)).toMatchObject({ controlled: true, waiting: false });
    expect(await buildMarker(page)).toBeNull();
    expect(await prompt.region.count()).toBe(0);

    // Version 2 is deployed; the app looks for it and offers it.
    publishNewVersion(build, 'versie-2');
    await checkForUpdate(page);
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
    expect(await buildMarker(page)).toBe('versie-2');
    expect(await activatedServiceWorker(page)).toMatchObject({ controlled: true, waiting: false });
    expect(await prompt.region.count()).toBe(0);
    await kern.waitForSavedOnDevice();

    // The server comes back: the point made before the update reaches it.
    server = await startServer({
      dataDir: server.dataDir,
      port: server.port,
      args: ['--static', build],
    });
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
    await page.reload();
    await kern.waitForSync();

    // The village hall has no connection: two points are made offline.
    relayOpen = false;
    for (const ws of sockets) await ws.close({ code: 4500, reason: 'geen verbinding' });
    await laptop.setOffline(true);
    await kern.addPoint({ title: 'Speeltuin aan de Dam', theme: 'Openbare ruimte en groen' });
    await kern.addPoint({ title: 'Glasvezel in het buitengebied', theme: 'Voorzieningen' });
    await page.getByText('Je bent offline.', { exact: false }).waitFor(shown);

    // Back online, but the relay is still out of reach; meanwhile version 3 is deployed and
    // the app finds it before the points were sent.
    await laptop.setOffline(false);
    publishNewVersion(build, 'versie-3');
    await checkForUpdate(page);
    await prompt.waitForOffer();
    await kern.waitForSavedOnDevice();
    await prompt.refresh();
    await kern.heading('Heukelum').waitFor(shown);
    expect(await buildMarker(page)).toBe('versie-3');
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
