/**
 * The kern page shows the kernagenda this device showed last at once, while the document
 * still loads from IndexedDB (useAgendaScreen.ts), inert, and the live agenda then takes
 * over in the same place: real Chromium, the built PWA, the real server.
 */
import { describe, expect, it } from 'vitest';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { savedScreenTitles, slowRoomOpen } from './deviceData';
import { KernPage, shown } from './pages/app';

const e2e = e2eSession();

describe('the saved kernagenda screen', () => {
  it('stands in, inert, while the document loads, and the live agenda takes over', async () => {
    const page = await e2e.phone();
    const kern = new KernPage(page);
    await kern.open('beesd', 'Beesd');
    await kern.waitForAgenda();
    await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Anna'));
    await kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await expect
      .poll(() => savedScreenTitles(page, 'kern/beesd/agenda'), { timeout: 15_000 })
      .toContain('Bankje bij de kerk');

    // On the next open, the room's IndexedDB opens 1.5 s late (as a long history loads on a
    // slow phone), and the page records whether the points were first shown from the saved
    // screen, and that it was inert.
    await slowRoomOpen(page, ['kern/beesd/agenda'], 1_500);
    await page.addInitScript(() => {
      const seen = { saved: false, savedInteractive: false };
      (window as unknown as { __saved: typeof seen }).__saved = seen;
      new MutationObserver(() => {
        const busy = document.querySelector('.agenda-view[aria-busy="true"]');
        if (busy?.querySelector('article.point')) {
          seen.saved = true;
          if (!busy.hasAttribute('inert')) seen.savedInteractive = true;
        }
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await page.reload();
    await kern.waitForAgenda();
    await kern.point('Bankje bij de kerk').waitFor(shown);
    const seen = await page.evaluate(
      () =>
        (window as unknown as { __saved: { saved: boolean; savedInteractive: boolean } }).__saved,
    );
    expect(seen).toEqual({ saved: true, savedInteractive: false });
    // The live agenda: editable again.
    await kern.addPoint({ title: 'Bloembakken', theme: 'Openbare ruimte en groen' });
    await expect
      .poll(() => savedScreenTitles(page, 'kern/beesd/agenda'), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Bankje bij de kerk', 'Bloembakken']));
  });
});
