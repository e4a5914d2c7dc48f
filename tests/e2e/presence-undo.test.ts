/**
 * Presence and undo on the kern page, in real Chromium against the built PWA and the real
 * server, with one browser context per person: two committee members see each other in
 * "Nu hier", see which point the other is editing, and see the other go when that page
 * closes; a visitor is counted, not named. Undo takes back only your own edit, on every
 * device, by button and by keyboard, and the history says who did it.
 */
import { describe, expect, it } from 'vitest';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { smallTargets } from './keyboard';
import { KernPage, KernTools, shown } from './pages/app';

const e2e = e2eSession();

async function visitor(): Promise<KernPage> {
  const kern = new KernPage(await e2e.phone());
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  return kern;
}

async function member(name: string): Promise<KernPage> {
  const kern = await visitor();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', name));
  return kern;
}

/**
 * Sooner than the 15 s in which awareness states are renewed: a member who just used a code
 * (and so reconnected) sees who was already here at once, not at their next renewal.
 */
const soon = { timeout: 8_000 } as const;

const amountOf = (kern: KernPage, title: string) => () => kern.fact(title, 'Bedrag').textContent();

describe('presence on the kernagenda', () => {
  it('shows who is here, who edits which point, and forgets who left', async () => {
    const anna = await member('Anna de Vries');
    await anna.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    const bram = await member('Bram Jansen');

    await anna.presenceLine.filter({ hasText: /^Nu hier: Bram Jansen$/ }).waitFor(soon);
    await bram.presenceLine.filter({ hasText: /^Nu hier: Anna de Vries$/ }).waitFor(soon);

    const guest = await visitor();
    await anna.presenceLine
      .filter({ hasText: /^Nu hier: Bram Jansen en 1 bezoeker$/ })
      .waitFor(shown);
    await guest.presenceLine
      .filter({ hasText: /^Nu hier: Anna de Vries en Bram Jansen$/ })
      .waitFor(shown);

    const form = await bram.editPoint('Bankje bij de kerk');
    await anna.editingNote('Bankje bij de kerk').waitFor(shown);
    expect(await anna.editingNote('Bankje bij de kerk').textContent()).toBe(
      'Bram Jansen bewerkt dit punt',
    );
    await guest.editingNote('Bankje bij de kerk').waitFor(shown);
    expect(describeViolations(await axeViolations(anna.page)), 'presence shown').toBe('');
    expect(await smallTargets(anna.page), 'small targets with presence').toEqual([]);

    await form.getByRole('button', { name: 'Annuleren' }).click();
    await anna.editingNote('Bankje bij de kerk').waitFor({ ...shown, state: 'detached' });

    await bram.page.close();
    await anna.presenceLine.filter({ hasText: /^Nu hier: 1 bezoeker$/ }).waitFor(shown);
    await guest.page.close();
    await anna.presenceLine.waitFor({ ...shown, state: 'detached' });
  });
});

describe('undo and redo per person', () => {
  it("undoes only your own edit, on both devices, and leaves the other's", async () => {
    const anna = await member('Anna de Vries');
    await anna.addPoint({
      title: 'Speeltuin',
      theme: 'Sport, cultuur en recreatie',
      amount: '1000',
    });
    await anna.addPoint({ title: 'Fietspad', theme: 'Verkeer en vervoer', amount: '2000' });
    const bram = await member('Bram Jansen');
    await bram.point('Fietspad').waitFor(shown);
    expect(await bram.undoButton.isDisabled()).toBe(true);
    expect(await bram.redoButton.isDisabled()).toBe(true);

    await anna.setAmount('Speeltuin', '1500');
    await bram.setAmount('Fietspad', '800');
    for (const kern of [anna, bram]) {
      await expect.poll(amountOf(kern, 'Speeltuin'), shown).toMatch(/1\.500/);
      await expect.poll(amountOf(kern, 'Fietspad'), shown).toMatch(/800/);
    }

    await anna.undoButton.click();
    await anna.doneMessage.getByText('Ongedaan gemaakt.').waitFor(shown);
    for (const kern of [anna, bram]) {
      await expect.poll(amountOf(kern, 'Speeltuin'), shown).toMatch(/1\.000/);
      expect(await amountOf(kern, 'Fietspad')()).toMatch(/800/);
    }
    expect(await anna.redoButton.isEnabled()).toBe(true);

    // Redo with the keyboard, focus outside any text field (Cmd+Shift+Z on a Mac).
    await anna.redoButton.focus();
    await anna.page.keyboard.press('Control+Shift+Z');
    await anna.doneMessage.getByText('Opnieuw gedaan.').waitFor(shown);
    for (const kern of [anna, bram])
      await expect.poll(amountOf(kern, 'Speeltuin'), shown).toMatch(/1\.500/);
    expect(await bram.fact('Fietspad', 'Bedrag').textContent()).toMatch(/800/);

    // In a text field Ctrl+Z is the browser's own: the kernagenda stays as it is.
    const form = await anna.editPoint('Fietspad');
    await form.getByLabel('Titel').press('Control+Z');
    await form.getByRole('button', { name: 'Annuleren' }).click();
    await anna.page.keyboard.press('Control+Z');
    await anna.doneMessage.getByText('Ongedaan gemaakt.').waitFor(shown);
    await expect.poll(amountOf(bram, 'Speeltuin'), shown).toMatch(/1\.000/);
    expect(await amountOf(bram, 'Fietspad')()).toMatch(/800/);

    const tools = new KernTools(bram.page);
    await tools.openActivity();
    // The undo is in the history, under the name of who undid it.
    await tools
      .activityEntry(/^Anna de Vries wijzigde het bedrag van "Speeltuin".*1\.500.*→.*1\.000/)
      .first()
      .waitFor(shown);
  });
});
