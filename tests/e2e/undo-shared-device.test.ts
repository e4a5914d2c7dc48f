/**
 * Undo on a shared device (the dorpshuis laptop), in real Chromium against the built PWA and
 * the real server: one browser context, two committee members one after the other. The undo
 * history is the person's, not the device's: after Anna forgets her code and Bram uses his,
 * Bram cannot undo Anna's edit (button disabled, Ctrl+Z says there is nothing to undo), his
 * own edit undoes fine, and Anna's history is hers again when she comes back with her code.
 */
import { describe, expect, it } from 'vitest';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { KernPage, shown } from './pages/app';

const e2e = e2eSession();

const code = (name: string) => makeToken(e2e.server.dataDir, 'commissie', 'beesd', name);
const amountOf = (kern: KernPage, title: string) => () => kern.fact(title, 'Bedrag').textContent();

describe('undo on a shared device', () => {
  it('gives the next member an empty history: only their own edits undo', async () => {
    const laptop = new KernPage(await e2e.phone());
    await laptop.open('beesd', 'Beesd');
    await laptop.waitForAgenda();
    const anna = await code('Anna de Vries');
    await laptop.useAccessCode(anna);
    await laptop.addPoint({
      title: 'Speeltuin',
      theme: 'Sport, cultuur en recreatie',
      amount: '1000',
    });
    await laptop.setAmount('Speeltuin', '1500');
    expect(await laptop.undoButton.isEnabled()).toBe(true);

    await laptop.forgetCode();
    await laptop.useAccessCode(await code('Bram Jansen'));
    expect(await laptop.undoButton.isDisabled()).toBe(true);
    expect(await laptop.redoButton.isDisabled()).toBe(true);
    // Focus is on the welcome line, not in a text field: the shortcut is the page's.
    await laptop.page.keyboard.press('Control+Z');
    await laptop.doneMessage.getByText('Er is niets meer om ongedaan te maken.').waitFor(shown);
    expect(await amountOf(laptop, 'Speeltuin')()).toMatch(/1\.500/);

    await laptop.setAmount('Speeltuin', '1800');
    await expect.poll(amountOf(laptop, 'Speeltuin'), shown).toMatch(/1\.800/);
    await laptop.undoButton.click();
    await laptop.doneMessage.getByText('Ongedaan gemaakt.').waitFor(shown);
    await expect.poll(amountOf(laptop, 'Speeltuin'), shown).toMatch(/1\.500/);
    expect(await laptop.undoButton.isDisabled()).toBe(true);
    await laptop.page.keyboard.press('Control+Z');
    await laptop.doneMessage.getByText('Er is niets meer om ongedaan te maken.').waitFor(shown);
    expect(await amountOf(laptop, 'Speeltuin')()).toMatch(/1\.500/);

    // Anna comes back with her own code: her history is hers again.
    await laptop.forgetCode();
    await laptop.useAccessCode(anna);
    expect(await laptop.undoButton.isEnabled()).toBe(true);
    await laptop.undoButton.click();
    await laptop.doneMessage.getByText('Ongedaan gemaakt.').waitFor(shown);
    await expect.poll(amountOf(laptop, 'Speeltuin'), shown).toMatch(/1\.000/);
  });
});
