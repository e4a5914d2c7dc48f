/**
 * Versions of the kernagenda, in real Chromium against the built PWA and the real server: a
 * committee member marks a version (an empty name is refused in Dutch), then changes the
 * agenda; a resident's device without a token sees the version, opens it read-only with
 * the old values, and its comparison with "nu" names the added point, the status change
 * and the amount change.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { focusWithoutIndicator, smallTargets } from './keyboard';
import { KernPage, shown, VersionsSection } from './pages/app';

const e2e = e2eSession();

async function onBeesd(token?: string) {
  const page = await e2e.phone();
  const kern = new KernPage(page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  if (token) await kern.useAccessCode(token);
  return { page, kern, versions: new VersionsSection(page) };
}

/** axe-core finds no WCAG 2.2 AA violations; every control is ≥ 24×24 px and shows focus. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), screen).toBe('');
  expect(await smallTargets(page), `small targets on ${screen}`).toEqual([]);
  const { invisible } = await focusWithoutIndicator(page);
  expect(invisible, `focus not visible on ${screen}`).toEqual([]);
}

const name = 'Kernagenda Beesd, voorjaar 2027';

describe('versions of the kernagenda', () => {
  it('are marked by the committee, and read and compared by everyone', async () => {
    const anna = await onBeesd(
      await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Anna de Vries'),
    );
    await anna.kern.addPointWith({
      title: 'Bankje bij de kerk',
      theme: 'Openbare ruimte en groen',
      status: 'Idee',
      amount: '1200',
    });

    // The field suggests a name from the kern and the season; an empty name is refused.
    await anna.versions.open();
    expect(await anna.versions.nameField.inputValue()).toMatch(
      /^Kernagenda Beesd, (voorjaar|najaar) \d{4}$/,
    );
    await anna.versions.nameField.fill('');
    await anna.versions.markButton.click();
    await anna.versions.region.getByText('Geef de versie een naam.').waitFor(shown);
    expect(await anna.versions.nameField.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => anna.page.evaluate(() => document.activeElement?.id))
      .toBe('versie-naam');
    await expectAccessible(anna.page, 'the version name refused');

    await anna.versions.mark(name);
    await anna.versions.doneMessage.getByText(`De versie ‘${name}’ is vastgelegd.`).waitFor(shown);
    await anna.versions.entry(name).getByText('1 punt').waitFor(shown);

    // After the version: another status and amount, and a new point.
    const form = await anna.kern.editPoint('Bankje bij de kerk');
    await form.getByLabel('Status').selectOption({ label: 'In uitvoering' });
    await form.getByLabel('Bedrag (€)').fill('1500');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.waitFor({ ...shown, state: 'detached' });
    await anna.kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await anna.kern.waitForSync();

    // A resident's device, without a token: the list, but no way to mark a version.
    const resident = await onBeesd();
    await resident.kern.point('Jeu-de-boulesbaan').waitFor(shown);
    await resident.versions.open();
    const entry = resident.versions.entry(name);
    await entry.getByText('door Anna de Vries').waitFor(shown);
    await entry.getByText('1 punt').waitFor(shown);
    expect(await entry.locator('time').textContent()).toMatch(
      /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
    );
    expect(await resident.versions.nameField.count()).toBe(0);

    // Read-only: the values as they were when the version was marked.
    const version = await resident.versions.view(name);
    await version.getByText(/^Alleen lezen: versie van \d{1,2} \S+ \d{4}/).waitFor(shown);
    const fact = (title: string, f: string) =>
      resident.versions.versionFact(version, title, f).textContent();
    expect(await fact('Bankje bij de kerk', 'Status')).toBe('Idee');
    expect(await fact('Bankje bij de kerk', 'Bedrag')).toMatch(/^€ 1\.200 in \d{4}/);
    expect(await fact('Bankje bij de kerk', 'Thema')).toBe('Openbare ruimte en groen');
    expect(await version.getByRole('heading', { name: 'Jeu-de-boulesbaan' }).count()).toBe(0);
    expect(await version.getByRole('textbox').count()).toBe(0);
    // The live agenda above shows the new values.
    expect(await resident.kern.fact('Bankje bij de kerk', 'Status').textContent()).toBe(
      'In uitvoering',
    );

    // Compared with "nu": the added point, the status change and the amount change.
    const comparison = await resident.versions.compareWithNow(name);
    await comparison
      .getByRole('heading', { name: `Wat is er veranderd van ‘${name}’ tot nu` })
      .waitFor(shown);
    const changes = await comparison.getByRole('listitem').allTextContents();
    expect(changes).toEqual([
      '"Jeu-de-boulesbaan" is toegevoegd.',
      'De status van "Bankje bij de kerk" is nu In uitvoering (was Idee).',
      'Het bedrag van "Bankje bij de kerk" is nu € 1.500 (was € 1.200).',
    ]);
    await expectAccessible(resident.page, 'a version read-only and compared with nu');
  });
});
