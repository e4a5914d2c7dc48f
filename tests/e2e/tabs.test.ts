/**
 * Two tabs of one phone on the same kern, in real Chromium against the built PWA: with the
 * relay gone and the phone offline, an edit in one tab shows in the other at once, without a
 * reload (y-websocket's BroadcastChannel, kept connected offline: src/sync/provider.ts). Once
 * the relay is back, both tabs sync and the edits reach another device.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { cleanup, makeToken, startServer, type ServerHandle } from '../helpers/server';
import { launchChromium, newDevice } from './browser';
import { KernPage, shown } from './pages/app';

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

describe('two tabs of one phone', () => {
  it('see each other’s edits offline, and the edit reaches the server later', async () => {
    const token = await makeToken(server.dataDir, 'commissie', 'beesd', 'Anna de Vries');
    const phone = await newDevice(browser, server.url);
    const first = new KernPage(await phone.newPage());
    await first.open('beesd', 'Beesd');
    await first.useAccessCode(token);
    await first.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await first.waitForSync();

    const second = new KernPage(await phone.newPage());
    await second.open('beesd', 'Beesd');
    await second.point('Bankje bij de kerk').waitFor(shown);
    await second.waitForSync();

    // The village hall loses its connection: the phone is offline and the relay is gone.
    await phone.setOffline(true);
    await server.kill();
    await first.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await second.point('Jeu-de-boulesbaan').waitFor(shown); // no reload: from the other tab
    await second.page.getByText('Je bent offline.', { exact: false }).waitFor(shown);

    // And the other way round.
    await second.addPoint({ title: 'Bloembakken', theme: 'Openbare ruimte en groen' });
    await first.point('Bloembakken').waitFor(shown);

    // The connection comes back: both edits reach the server, and another device.
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await phone.setOffline(false);
    await first.waitForSync();
    await second.waitForSync();
    const visitor = await newDevice(browser, server.url);
    const elsewhere = new KernPage(await visitor.newPage());
    await elsewhere.open('beesd', 'Beesd');
    for (const title of ['Bankje bij de kerk', 'Jeu-de-boulesbaan', 'Bloembakken'])
      await elsewhere.point(title).waitFor(shown);
    expect(await elsewhere.page.locator('#root article.point').count()).toBe(3);

    await phone.close();
    await visitor.close();
  });
});
