/**
 * Accessibility of the built app in real Chromium: no axe-core violations of WCAG 2.0–2.2
 * A/AA on each screen and state a resident or commissie member meets (home, a kern read-only,
 * the point form open and refused, the statement); the point form used with the keyboard
 * alone; and, on a phone-sized screen, targets of at least 24×24 px and a visible focus.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { makeToken } from '../helpers/server';
import { e2eSession } from './session';
import { axeViolations, describeViolations } from './axe';
import { focusWithoutIndicator, smallTargets, tabTo, waitForFocus } from './keyboard';
import { HomePage, KernPage, shown } from './pages/app';

const e2e = e2eSession();

const phone = () => e2e.phone();

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) console.log(`axe on ${screen}:\n${describeViolations(violations)}`);
  expect(describeViolations(violations), screen).toBe('');
}

async function commissieOnBeesd(page: Page): Promise<KernPage> {
  const token = await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Anna de Vries');
  const kern = new KernPage(page);
  await kern.open('beesd', 'Beesd');
  await kern.waitForAgenda();
  await kern.useAccessCode(token);
  return kern;
}

describe('axe-core finds no WCAG 2.2 AA violations', () => {
  it('on the home page', async () => {
    const page = await phone();
    await new HomePage(page).open();
    await page.getByRole('button', { name: 'Volg Beesd' }).waitFor(shown);
    await expectNoViolations(page, '/');
  });

  it('on a kern page, read-only', async () => {
    const page = await phone();
    const kern = new KernPage(page);
    await kern.open('beesd', 'Beesd');
    await kern.waitForAgenda();
    await page.getByLabel('Toegangscode').waitFor(shown);
    await expectNoViolations(page, '/kern/beesd read-only');
  });

  it('on a kern page as commissie: the form open, refused, and a saved point', async () => {
    const page = await phone();
    const kern = await commissieOnBeesd(page);
    await kern.openNewPointForm();
    await expectNoViolations(page, '/kern/beesd with the new point form');

    await kern.newPointForm.getByRole('button', { name: 'Opslaan' }).click();
    await kern.newPointForm.getByRole('alert').getByText('Vul een titel in.').waitFor(shown);
    await expectNoViolations(page, '/kern/beesd with validation errors');

    await kern.newPointForm.getByLabel('Titel').fill('Bankje bij de kerk');
    await kern.newPointForm.getByLabel('Thema').selectOption({ label: 'Openbare ruimte en groen' });
    await kern.newPointForm.getByRole('button', { name: 'Opslaan' }).click();
    await kern.point('Bankje bij de kerk').waitFor(shown);
    await expectNoViolations(page, '/kern/beesd with a point');
  });

  it('on the accessibility statement', async () => {
    const page = await phone();
    await page.goto('/toegankelijkheid');
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheid' }).waitFor(shown);
    await expectNoViolations(page, '/toegankelijkheid');
  });
});

describe('keyboard only', () => {
  it('adds a point with the keyboard, is led to the errors, and Escape returns focus', async () => {
    const page = await phone();
    const kern = new KernPage(page);
    const token = await makeToken(e2e.server.dataDir, 'commissie', 'beesd', 'Bram Jansen');
    await kern.open('beesd', 'Beesd');
    await kern.waitForAgenda();
    const keyboard = page.keyboard;

    // The code is pasted and sent with Enter.
    await tabTo(page.getByLabel('Toegangscode'), 'Toegangscode');
    await keyboard.insertText(token);
    await keyboard.press('Enter');
    // The form makes way for who you are now, and focus goes there (nothing is lost).
    await waitForFocus(
      page.getByText('je kunt deze kernagenda wijzigen', { exact: false }),
      'Je bent ingelogd als',
    );

    // Open the form: focus goes to its first field.
    await tabTo(kern.addButton, 'Punt toevoegen');
    await keyboard.press('Enter');
    const form = kern.newPointForm;
    const title = form.getByLabel('Titel');
    const theme = form.getByLabel('Thema');
    await waitForFocus(title, 'Titel');

    // Sending it empty leads back to the first error, which the field itself carries.
    await tabTo(form.getByRole('button', { name: 'Opslaan' }), 'Opslaan');
    await keyboard.press('Space');
    const summary = form.getByRole('alert');
    await summary.getByText('Vul een titel in.').waitFor(shown);
    await summary.getByText('Kies een thema.').waitFor(shown);
    await waitForFocus(title, 'Titel after the refused submit');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await description(title)).toContain('Vul een titel in.');
    expect(await description(theme)).toContain('Kies een thema.');

    // Fill in a title and a theme (type-ahead in the select), then save with Enter.
    await keyboard.type('Speeltuin aan de Molenstraat');
    await tabTo(theme, 'Thema');
    await keyboard.type('Sport');
    expect(await theme.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(
      'Sport, cultuur en recreatie',
    );
    await tabTo(form.getByRole('button', { name: 'Opslaan' }), 'Opslaan');
    await keyboard.press('Enter');
    await kern.point('Speeltuin aan de Molenstraat').waitFor(shown);
    await page.getByRole('status').filter({ hasText: 'Punt toegevoegd.' }).waitFor(shown);
    await waitForFocus(kern.addButton, 'Punt toevoegen after saving');

    // Escape closes a form and gives focus back to the button that opened it.
    await keyboard.press('Enter');
    await waitForFocus(title, 'Titel');
    await keyboard.type('Toch niet');
    await keyboard.press('Escape');
    await form.waitFor({ state: 'detached', ...shown });
    await waitForFocus(kern.addButton, 'Punt toevoegen after Escape');
    expect(await page.getByRole('article', { name: 'Toch niet' }).count()).toBe(0);
  });
});

/** The texts an element's aria-describedby points to. */
function description(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`)
      .join(' '),
  );
}

describe('on a 390×844 phone screen', () => {
  const screens: [string, (page: Page) => Promise<void>][] = [
    [
      '/',
      async (page) => {
        await new HomePage(page).open();
        await page.getByRole('button', { name: 'Volg Beesd' }).waitFor(shown);
      },
    ],
    [
      '/kern/beesd read-only',
      async (page) => {
        const kern = new KernPage(page);
        await kern.open('beesd', 'Beesd');
        await kern.waitForAgenda();
      },
    ],
    [
      '/kern/beesd as commissie, form open',
      async (page) => {
        const kern = await commissieOnBeesd(page);
        await kern.addPoint({ title: 'Jeu-de-boulesbaan', theme: 'Sport, cultuur en recreatie' });
        await kern.openNewPointForm();
      },
    ],
  ];

  for (const [screen, open] of screens) {
    it(`every control on ${screen} is at least 24×24 px and shows its focus`, async () => {
      const page = await phone();
      expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
      await open(page);
      expect(await smallTargets(page), `small targets on ${screen}`).toEqual([]);
      const { stops, invisible } = await focusWithoutIndicator(page);
      expect(stops).toBeGreaterThan(3);
      expect(invisible, `focus not visible on ${screen}`).toEqual([]);
    });
  }

  it('the skip link is large enough and visible once it has focus', async () => {
    const page = await phone();
    await new HomePage(page).open();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    await waitForFocus(skip, 'Naar de inhoud');
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.width >= 24 && box.height >= 24, JSON.stringify(box)).toBe(
      true,
    );
  });
});
