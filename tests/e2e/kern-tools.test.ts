/**
 * The tools around a kernagenda, in real Chromium against the built PWA and the real server:
 * the CSV download (UTF-8 with BOM, read back), "Wat is er veranderd" across devices with
 * "nieuw sinds je laatste bezoek" and restoring a deleted point, the note when two members
 * changed the same amount offline, and the print view (a screenshot in test-results/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeToken, repoRoot } from '../helpers/server';
import { relayLink } from './relayLink';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { focusWithoutIndicator, smallTargets } from './keyboard';
import { KernPage, KernTools, shown } from './pages/app';

const e2e = e2eSession();

/** A phone whose relay link the test can cut (`cut()`) and give back (`restore()`). */
async function phone() {
  const device = await e2e.device();
  const link = await relayLink(device);
  const page = await device.newPage();
  return {
    page,
    async cut() {
      await link.cut();
    },
    restore() {
      link.restore();
    },
  };
}

async function visitor(): Promise<{ kern: KernPage; tools: KernTools }> {
  const { page } = await phone();
  const kern = new KernPage(page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  return { kern, tools: new KernTools(page) };
}

async function member(name: string) {
  const device = await phone();
  const kern = new KernPage(device.page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  await kern.useAccessCode(await makeToken(e2e.server.dataDir, 'commissie', 'beesd', name));
  return { ...device, kern, tools: new KernTools(device.page) };
}

const bom = [0xef, 0xbb, 0xbf];

/** axe-core finds no WCAG 2.2 AA violations; every control is ≥ 24×24 px and shows focus. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), screen).toBe('');
  expect(await smallTargets(page), `small targets on ${screen}`).toEqual([]);
  const { invisible } = await focusWithoutIndicator(page);
  expect(invisible, `focus not visible on ${screen}`).toEqual([]);
}

describe('the kernagenda as a CSV file', () => {
  it('downloads for everyone, as UTF-8 with a BOM, with the points', async () => {
    const anna = await member('Anna de Vries');
    await anna.kern.addPointWith({
      title: 'Speeltuin aan de dijk; met glijbaan',
      theme: 'Sport, cultuur en recreatie',
      amount: '1500',
    });
    await anna.kern.addPoint({ title: 'Bankje bij de kerk', theme: 'Openbare ruimte en groen' });
    await anna.kern.waitForSync();

    const { kern, tools } = await visitor();
    await kern.point('Bankje bij de kerk').waitFor(shown);
    const { name, bytes } = await tools.downloadCsv();
    expect(name).toMatch(/^kernagenda-beesd-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual(bom);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Titel;Thema;Wie pakt het op;Status;/);
    expect(lines).toHaveLength(4); // header, two points, and the empty rest after the last CRLF
    const speeltuin = lines.find((l) => l.includes('Speeltuin aan de dijk'));
    expect(speeltuin).toMatch(
      /^"Speeltuin aan de dijk; met glijbaan";Sport, cultuur en recreatie;/,
    );
    expect(speeltuin).toContain(';1500,00;');
    expect(lines.some((l) => l.startsWith('Bankje bij de kerk;Openbare ruimte en groen;'))).toBe(
      true,
    );
  });
});

describe('Wat is er veranderd', () => {
  it("shows another device's changes, marks what is new since the last visit, and restores", async () => {
    const anna = await member('Anna de Vries');
    await anna.kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
    await anna.kern.waitForSync();

    // Jan's first visit: nothing is "new" yet.
    const jan = await member('Jan Bakker');
    await jan.kern.point('Jeu-de-boulesbaan').waitFor(shown);
    await jan.tools.openActivity();
    const added = jan.tools.activityEntry('Anna de Vries voegde "Jeu-de-boulesbaan" toe');
    await added.waitFor(shown);
    expect(await added.getByText('nieuw sinds je laatste bezoek').count()).toBe(0);
    expect(await added.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Anna deletes the point while Jan has the list open: it shows there, newest first.
    await anna.kern.deletePoint('Jeu-de-boulesbaan');
    await anna.kern.waitForSync();
    const deleted = jan.tools.activityEntry('Anna de Vries verwijderde "Jeu-de-boulesbaan"');
    await deleted.waitFor(shown);
    await jan.kern.point('Jeu-de-boulesbaan').waitFor({ ...shown, state: 'detached' });
    const sentences = await jan.tools.activity.locator('.activity-sentence').allTextContents();
    expect(sentences.slice(0, 2)).toEqual([
      'Anna de Vries verwijderde "Jeu-de-boulesbaan"',
      'Anna de Vries voegde "Jeu-de-boulesbaan" toe',
    ]);

    // A resident reads the history but cannot restore.
    const resident = await visitor();
    await resident.tools.openActivity();
    await resident.tools
      .activityEntry('Anna de Vries verwijderde "Jeu-de-boulesbaan"')
      .waitFor(shown);
    expect(
      await resident.tools.activity.getByRole('button', { name: /^Terugzetten/ }).count(),
    ).toBe(0);

    // Jan comes back: the deletion happened after his previous visit, the addition before.
    await jan.page.reload();
    await jan.kern.waitForAgenda();
    await jan.tools.activity
      .getByRole('heading', { name: /\(1 nieuw sinds je laatste bezoek\)$/ })
      .waitFor(shown);
    await jan.tools.openActivity();
    await deleted.getByText('nieuw sinds je laatste bezoek').waitFor(shown);
    expect(await added.getByText('nieuw sinds je laatste bezoek').count()).toBe(0);
    await expectAccessible(jan.page, 'the history with a new entry and "Terugzetten"');

    // Jan puts the point back: focus goes to it, and Anna's device has it too.
    await jan.tools.restoreButton('Jeu-de-boulesbaan').click();
    await jan.kern.point('Jeu-de-boulesbaan').waitFor(shown);
    await jan.tools.activity
      .getByRole('status')
      .getByText('‘Jeu-de-boulesbaan’ staat weer op de kernagenda.')
      .waitFor(shown);
    await expect
      .poll(() => jan.page.evaluate(() => document.activeElement?.textContent))
      .toBe('Bewerken: Jeu-de-boulesbaan');
    await jan.tools.activityEntry('Jan Bakker zette "Jeu-de-boulesbaan" terug').waitFor(shown);
    expect(await jan.tools.restoreButton('Jeu-de-boulesbaan').count()).toBe(0);
    await anna.kern.point('Jeu-de-boulesbaan').waitFor(shown);
    await resident.kern.point('Jeu-de-boulesbaan').waitFor(shown);
  });
});

describe('conflict notes', () => {
  it('tells both members when they changed the same amount offline', async () => {
    const anna = await member('Anna de Vries');
    const jan = await member('Jan Bakker');
    await anna.kern.addPointWith({
      title: 'Schommel bij de school',
      theme: 'Sport, cultuur en recreatie',
      amount: '1200',
    });
    await jan.kern.point('Schommel bij de school').waitFor(shown);
    await expect
      .poll(() => jan.kern.fact('Schommel bij de school', 'Bedrag').textContent())
      .toMatch(/1\.200/);

    await anna.cut();
    await jan.cut();
    for (const [who, amount] of [
      [anna, '1500'],
      [jan, '1800'],
    ] as const) {
      const form = await who.kern.editPoint('Schommel bij de school');
      await form.getByLabel('Bedrag (€)').fill(amount);
      await form.getByRole('button', { name: 'Opslaan' }).click();
      await form.waitFor({ ...shown, state: 'detached' });
    }
    expect(await anna.tools.conflicts.count()).toBe(0);

    anna.restore();
    jan.restore();
    for (const who of [anna, jan]) {
      await who.tools.conflicts.getByText(/allebei het bedrag/).waitFor(shown);
      await who.kern.waitForSync();
    }
    const note = await anna.tools.conflicts.getByRole('listitem').first().textContent();
    expect(note).toContain('Anna de Vries');
    expect(note).toContain('Jan Bakker');
    expect(note).toMatch(/€ 1\.500/);
    expect(note).toMatch(/€ 1\.800/);
    await expectAccessible(anna.page, 'the conflict note');
    // Both devices agree on the amount that holds now.
    const shownAmount = await anna.kern.fact('Schommel bij de school', 'Bedrag').textContent();
    expect(await jan.kern.fact('Schommel bij de school', 'Bedrag').textContent()).toBe(shownAmount);

    // "Begrepen" puts the note away on this device only, also after a reload of the tab.
    await anna.tools.conflicts.getByRole('button', { name: /^Begrepen/ }).click();
    await anna.tools.conflicts.waitFor({ ...shown, state: 'detached' });
    await anna.page.reload();
    await anna.kern.point('Schommel bij de school').waitFor(shown);
    expect(await anna.tools.conflicts.count()).toBe(0);
    await jan.tools.conflicts.getByText(/allebei het bedrag/).waitFor(shown);
  });
});

describe('print', () => {
  it('prints a clean page with a QR code to the kern page', async () => {
    const anna = await member('Anna de Vries');
    await anna.kern.addPointWith({
      title: 'Glasvezel in het buitengebied',
      theme: 'Voorzieningen',
      status: 'In uitvoering',
      amount: '900',
    });
    await anna.kern.waitForSync();

    const { page } = await phone();
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    const kern = new KernPage(page);
    const tools = new KernTools(page);
    await kern.open('beesd', 'Beesd');
    await kern.point('Glasvezel in het buitengebied').waitFor(shown);
    await tools.printButton.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    const qr = page.getByRole('img', { name: 'QR-code naar de kernagenda van Beesd' });
    await qr.waitFor(shown);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await page.getByText(`${e2e.server.url}/kern/beesd`).waitFor(shown);
    await kern.point('Glasvezel in het buitengebied').waitFor(shown);
    expect(await kern.fact('Glasvezel in het buitengebied', 'Status').textContent()).toBe(
      'In uitvoering',
    );
    for (const chrome of [
      page.getByRole('banner'),
      tools.printButton,
      tools.csvButton,
      page.getByRole('button', { name: /^Volg/ }),
      page.getByLabel('Toegangscode'),
      page.getByLabel('Budgetjaar'),
      tools.activity,
    ])
      expect(await chrome.isVisible()).toBe(false);

    const dir = join(repoRoot, 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'print-beesd.png'), fullPage: true });
  });
});
