/**
 * Two committee members edit the same point at once on two devices: one changes its status
 * and asks money while the other has the edit form open and then saves a new title. All
 * changes survive on both devices (the form writes only the fields its user changed).
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

async function member(name: string): Promise<KernPage> {
  const context = await newDevice(browser, server.url);
  const kern = new KernPage(await context.newPage());
  await kern.open('beesd', 'Beesd');
  await kern.useAccessCode(await makeToken(server.dataDir, 'commissie', 'beesd', name));
  return kern;
}

describe('two members edit one point at the same time', () => {
  it("keeps both the other member's status and this member's title", async () => {
    const anna = await member('Anna');
    const jan = await member('Jan');
    await anna.addPoint({ title: 'Speeltuin', theme: 'Sport, cultuur en recreatie' });
    await jan.point('Speeltuin').waitFor(shown);

    const annasForm = await anna.editPoint('Speeltuin');
    const jansForm = await jan.editPoint('Speeltuin');
    await jansForm.getByLabel('Status').selectOption({ label: 'In uitvoering' });
    await jansForm.getByLabel('Bedrag (€)').fill('500');
    await jansForm.getByRole('button', { name: 'Opslaan' }).click();
    // Anna's form covers the card, but her budget bar shows that Jan's edit has arrived.
    await anna.page.getByText(/^Aangevraagd: € 500 van/).waitFor(shown);

    await annasForm.getByLabel('Titel').fill('Speeltuin aan de dijk');
    await annasForm.getByRole('button', { name: 'Opslaan' }).click();

    for (const kern of [anna, jan]) {
      await kern.point('Speeltuin aan de dijk').waitFor(shown);
      expect(await kern.fact('Speeltuin aan de dijk', 'Status').textContent()).toBe(
        'In uitvoering',
      );
    }
    await anna.page.context().close();
    await jan.page.context().close();
  });
});
