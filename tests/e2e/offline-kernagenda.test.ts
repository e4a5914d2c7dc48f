/**
 * The foundation's whole path in real Chromium against the built PWA and the real server:
 * follow Beesd, edit its kernagenda as a commissie member, lose the connection (browser
 * offline and the relay gone), reload from the service worker, edit offline, come back, and
 * see both points on a second device that has no token (read-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cleanup, makeToken, startServer, type ServerHandle } from '../helpers/server';
import { launchChromium, newDevice } from './browser';
import { HomePage, KernPage, shown } from './pages/app';

let browser: Browser;
let server: ServerHandle;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await cleanup();
});

describe('kernagenda offline and across devices', () => {
  it('keeps edits made offline and shows them on another device', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd', 'Anna de Vries');
    const phone = await newDevice(browser, server.url);
    const page = await phone.newPage();

    const home = new HomePage(page);
    await home.open();
    await home.follow('Beesd');
    const kern = await home.openKern('Beesd');
    await expect(page.url()).toMatch(/\/kern\/beesd$/);
    await kern.useAccessCode(token);
    await kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await kern.waitForSync();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

    // The village hall loses its connection: the browser is offline and the relay is gone.
    await phone.setOffline(true);
    await server.kill();
    await page.reload();
    await kern.heading('Beesd').waitFor(shown);
    await kern.point('Bankje bij de kerk').waitFor(shown);
    await page.getByText('Je bent offline.', { exact: false }).waitFor(shown);
    await kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });

    // A deep link that was never opened before comes from the app shell offline.
    const other = await phone.newPage();
    await other.goto('/kern/heukelum');
    await new KernPage(other).heading('Heukelum').waitFor(shown);
    await other.close();

    // The connection comes back: the offline point reaches the server.
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await phone.setOffline(false);
    await kern.waitForSync();

    // Another device without a token sees both points, read-only.
    const visitor = await newDevice(browser, server.url);
    const visitorPage = await visitor.newPage();
    const visitorKern = new KernPage(visitorPage);
    await visitorKern.open('beesd', 'Beesd');
    await visitorKern.point('Bankje bij de kerk').waitFor(shown);
    await visitorKern.point('Jeu-de-boulesbaan').waitFor(shown);
    await visitorPage
      .getByText('Je kunt deze kernagenda lezen. Alleen de commissie van Beesd kan hem wijzigen.')
      .waitFor(shown);
    expect(await visitorPage.getByRole('button', { name: 'Punt toevoegen' }).count()).toBe(0);
    expect(await visitorPage.getByRole('button', { name: /^Bewerken/ }).count()).toBe(0);
    await visitorPage.screenshot({ path: 'test-results/kern-beesd-visitor.png', fullPage: true });

    await phone.close();
    await visitor.close();
  });
});
