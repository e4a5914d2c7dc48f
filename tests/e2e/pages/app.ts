/**
 * Page models for the PWA, in the words a user sees: role and label locators only, waits on
 * what the screen shows (never on time).
 */
import type { Page } from 'playwright-core';

export const shown = { timeout: 20_000 } as const;

/** A kern link's name starts with the kern's name (a badge may follow). */
const startsWith = (name: string) => new RegExp(`^${name}\\b`);

export class HomePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('heading', { level: 1 }).waitFor(shown);
  }

  async follow(kernName: string): Promise<void> {
    const button = this.page.getByRole('button', { name: `Volg ${kernName}` }).first();
    await button.click();
    await this.page
      .getByRole('region', { name: 'Jouw kernen' })
      .getByRole('link', { name: startsWith(kernName) })
      .waitFor(shown);
  }

  async openKern(kernName: string): Promise<KernPage> {
    await this.page
      .getByRole('link', { name: startsWith(kernName) })
      .first()
      .click();
    const kern = new KernPage(this.page);
    await kern.heading(kernName).waitFor(shown);
    return kern;
  }
}

export class KernPage {
  constructor(readonly page: Page) {}

  heading(kernName: string) {
    return this.page.getByRole('heading', { level: 1, name: kernName });
  }

  async open(slug: string, kernName: string): Promise<void> {
    await this.page.goto(`/kern/${slug}`);
    await this.heading(kernName).waitFor(shown);
  }

  point(title: string) {
    return this.page.getByRole('article', { name: title });
  }

  get syncLabel() {
    return this.page.locator('.sync-label');
  }

  async waitForSync(): Promise<void> {
    await this.page
      .getByRole('status')
      .filter({ hasText: /^Gesynchroniseerd$/ })
      .waitFor(shown);
  }

  async useAccessCode(token: string): Promise<void> {
    await this.page.getByLabel('Toegangscode').fill(token);
    await this.page.getByRole('button', { name: 'Code gebruiken' }).click();
    await this.page.getByText('je kunt deze kernagenda wijzigen', { exact: false }).waitFor(shown);
  }

  async addPoint(input: { title: string; theme: string; amount?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Punt toevoegen' }).click();
    const form = this.page.getByRole('form', { name: 'Nieuw punt' });
    await form.getByLabel('Titel').fill(input.title);
    await form.getByLabel('Thema').selectOption({ label: input.theme });
    if (input.amount) await form.getByLabel('Bedrag (€)').fill(input.amount);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await this.point(input.title).waitFor(shown);
  }

  get addButton() {
    return this.page.getByRole('button', { name: 'Punt toevoegen' });
  }

  get newPointForm() {
    return this.page.getByRole('form', { name: 'Nieuw punt' });
  }

  /** The kernagenda itself has loaded (from this device or from the server). */
  async waitForAgenda(): Promise<void> {
    await this.page
      .getByRole('heading', { level: 2, name: /^Punten op de kernagenda/ })
      .waitFor(shown);
  }

  /** Edits are kept on this device, but the server has not confirmed them. */
  async waitForSavedOnDevice(): Promise<void> {
    await this.page
      .getByRole('status')
      .filter({ hasText: /^Opgeslagen op dit apparaat$/ })
      .waitFor(shown);
  }

  /** Opens the edit form of a point; returns the form. */
  async editPoint(title: string) {
    await this.point(title)
      .getByRole('button', { name: /^Bewerken/ })
      .click();
    const form = this.page.getByRole('form', { name: `Punt bewerken: ${title}` });
    await form.waitFor(shown);
    return form;
  }

  /** A point's shown value of one fact (Status, Wie pakt het op, Thema, Bedrag...). */
  fact(title: string, name: string) {
    return this.point(title)
      .locator('dt', { hasText: name })
      .locator('xpath=following-sibling::dd[1]');
  }

  async openNewPointForm(): Promise<void> {
    await this.addButton.click();
    await this.newPointForm.waitFor(shown);
  }
}

/** The workbox-window prompt in the shell (src/ui/shell/UpdatePrompt.tsx). */
export class UpdatePrompt {
  constructor(readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: /^Nieuwe versie beschikbaar\./ });
  }

  get refreshButton() {
    return this.region.getByRole('button', { name: 'Vernieuwen' });
  }

  async waitForOffer(): Promise<void> {
    await this.refreshButton.waitFor(shown);
  }

  /** Clicks "Vernieuwen" and waits for the reload the new service worker causes. */
  async refresh(): Promise<void> {
    const reloaded = this.page.waitForEvent('load', shown);
    await this.refreshButton.click();
    await reloaded;
  }
}
