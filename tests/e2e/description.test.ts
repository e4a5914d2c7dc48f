/**
 * A point's description written together, in real Chromium against the built PWA and the
 * real server, one browser context per committee member: two people type in the same
 * description at the same time and both end with the same text holding every keystroke,
 * each person's words whole and where they typed them; the text is saved as it is typed
 * (no "Opslaan"); a list typed with "- " (or made with the "Opsomming" button) is a real
 * list on the point card, for the others too; the history names each writer once per
 * editing session, not once per keystroke; the open editor passes axe. A description that an
 * older version stored as a plain string becomes live text on its first edit, and from then
 * on changes from another device (a real y-websocket client) appear in the open editor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseGemeenteConfig } from '../../src/config/gemeente';
import { addPoint, descriptionText } from '../../src/model/kernagenda';
import { connect, makeToken, repoRoot, until } from '../helpers/server';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { smallTargets } from './keyboard';
import { KernPage, KernTools, shown } from './pages/app';

const e2e = e2eSession();

const config = parseGemeenteConfig(
  JSON.parse(readFileSync(`${repoRoot}/src/config/gemeenten/west-betuwe.json`, 'utf8')),
);

async function member(name: string): Promise<KernPage> {
  const kern = new KernPage(await e2e.phone());
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', name));
  return kern;
}

/** Adds a point with a description through the form for a new point. */
async function addPointWithDescription(kern: KernPage, title: string, description: string) {
  await kern.openNewPointForm();
  const form = kern.newPointForm;
  await form.getByLabel('Titel').fill(title);
  await form.getByLabel('Thema').selectOption({ label: 'Sport, cultuur en recreatie' });
  await form.getByLabel('Beschrijving', { exact: true }).fill(description);
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await kern.point(title).waitFor(shown);
}

/** Between keystrokes: long enough for a round trip through the relay now and then. */
const typing = { delay: 30 } as const;

describe('a description written together', () => {
  it('keeps every keystroke of two people typing at the same time', async () => {
    const anna = await member('Anna de Vries');
    await addPointWithDescription(anna, 'Speeltuin', 'Eerst dit.');
    const bram = await member('Bram Jansen');
    await bram.point('Speeltuin').waitFor(shown);

    const annas = await anna.editDescription('Speeltuin');
    const brams = await bram.editDescription('Speeltuin');
    await annas.form
      .getByText(/^Wijzigingen in de beschrijving worden meteen bewaard/)
      .waitFor(shown);
    await expect.poll(() => brams.field.inputValue(), shown).toBe('Eerst dit.');

    // Anna writes at the end, Bram at the start: each caret must move with the other's text.
    await annas.field.focus();
    await anna.page.keyboard.press('Control+End');
    await brams.field.focus();
    await bram.page.keyboard.press('Control+Home');
    await Promise.all([
      anna.page.keyboard.type(' Anna sluit af met een zin.', typing),
      bram.page.keyboard.type('Bram begint vooraan. ', typing),
    ]);
    const together = 'Bram begint vooraan. Eerst dit. Anna sluit af met een zin.';
    await expect.poll(() => annas.field.inputValue(), shown).toBe(together);
    await expect.poll(() => brams.field.inputValue(), shown).toBe(together);

    // Now both at the very end, the same spot: both texts arrive whole, one after the other.
    await anna.page.keyboard.press('Control+End');
    await bram.page.keyboard.press('Control+End');
    const annaMore = ' Anna typt nog wat.';
    const bramMore = ' Bram ook.';
    await Promise.all([
      anna.page.keyboard.type(annaMore, typing),
      bram.page.keyboard.type(bramMore, typing),
    ]);
    await expect
      .poll(() => annas.field.inputValue(), shown)
      .toHaveLength(together.length + annaMore.length + bramMore.length);
    await expect.poll(() => brams.field.inputValue(), shown).toBe(await annas.field.inputValue());
    const final = await annas.field.inputValue();
    expect(final.startsWith(together)).toBe(true);
    expect(final).toContain(annaMore);
    expect(final).toContain(bramMore);

    expect(describeViolations(await axeViolations(anna.page)), 'description editor').toBe('');
    expect(await smallTargets(anna.page), 'small targets in the editor').toEqual([]);

    // Saved as typed: closing without "Opslaan" keeps it, on both cards.
    await annas.form.getByRole('button', { name: 'Annuleren' }).click();
    await brams.form.getByRole('button', { name: 'Annuleren' }).click();
    for (const kern of [anna, bram])
      await kern.point('Speeltuin').getByText(final, { exact: true }).waitFor(shown);

    // The history names each writer once for this editing session, not once per keystroke.
    const tools = new KernTools(bram.page);
    await tools.openActivity();
    for (const name of ['Anna de Vries', 'Bram Jansen']) {
      const entry = tools.activityEntry(
        new RegExp(`^${name} wijzigde de beschrijving van "Speeltuin"`),
      );
      await entry.first().waitFor(shown);
      expect(await entry.count(), name).toBe(1);
    }
  });

  it('shows a list typed with "- " as a list on the point card, for the others too', async () => {
    const anna = await member('Anna de Vries');
    await anna.addPoint({ title: 'Dorpshuis', theme: 'Voorzieningen' });
    const bram = await member('Bram Jansen');
    await bram.point('Dorpshuis').waitFor(shown);

    const { form, field } = await anna.editDescription('Dorpshuis');
    await form.getByText(/Begin een regel met - voor een opsomming/).waitFor(shown);
    await field.focus();
    await anna.page.keyboard.type('Wat we willen:\n- nieuwe stoelen\n- een beamer\nkoffie');
    // The "Opsomming" button makes the line with the caret an item too.
    await form.getByRole('button', { name: 'Opsomming' }).click();
    await expect
      .poll(() => field.inputValue(), shown)
      .toBe('Wat we willen:\n- nieuwe stoelen\n- een beamer\n- koffie');
    await expect
      .poll(() => field.evaluate((el: HTMLTextAreaElement) => el.selectionStart))
      .toBe((await field.inputValue()).length);
    await anna.page.keyboard.type('\n\nGraag voor de zomer.');

    // Bram sees it while Anna is still editing: no "Opslaan" needed.
    const card = bram.point('Dorpshuis');
    const items = card.getByRole('list').getByRole('listitem');
    await card.getByText('Graag voor de zomer.', { exact: true }).waitFor(shown);
    expect(await items.allTextContents()).toEqual(['nieuwe stoelen', 'een beamer', 'koffie']);
    await card.getByText('Wat we willen:', { exact: true }).waitFor(shown);

    await field.press('Escape');
    await form.waitFor({ ...shown, state: 'detached' });
    const own = anna.point('Dorpshuis').getByRole('list').getByRole('listitem');
    expect(await own.allTextContents()).toEqual(['nieuwe stoelen', 'een beamer', 'koffie']);
  });

  it('makes an older plain-text description live on its first edit', async () => {
    // A device with an older version of the app (a real client) wrote the point.
    const token = await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Ans');
    const older = connect(e2e.server.url, 'kern/beesd/agenda', token);
    await until(() => older.provider.synced, { message: 'older device synced' });
    const id = addPoint(
      older.doc,
      { title: 'Oude bank', theme: 'openbare-ruimte-en-groen', owner: 'inwoners', status: 'idee' },
      { actor: 'Ans', now: new Date().toISOString(), config },
    );
    (older.doc.getMap('points').get(id) as Y.Map<unknown>).set('description', 'Een oude tekst.');

    const anna = await member('Anna de Vries');
    await anna.point('Oude bank').getByText('Een oude tekst.', { exact: true }).waitFor(shown);
    const { field } = await anna.editDescription('Oude bank');
    await field.focus();
    await anna.page.keyboard.press('Control+End');
    await anna.page.keyboard.type(' En nieuw.');
    await until(() => descriptionText(older.doc, id)?.toString() === 'Een oude tekst. En nieuw.', {
      message: 'the description is a Y.Text with the new text on the other device',
    });

    // Live from then on: what the other device writes appears, and Anna's caret stays at
    // the end of her own text.
    descriptionText(older.doc, id)!.insert(0, 'Ans: ');
    await expect.poll(() => field.inputValue(), shown).toBe('Ans: Een oude tekst. En nieuw.');
    await anna.page.keyboard.type(' Klaar.');
    await until(
      () => descriptionText(older.doc, id)?.toString() === 'Ans: Een oude tekst. En nieuw. Klaar.',
      { message: 'the other device has all of it' },
    );
    older.destroy();
  });
});
