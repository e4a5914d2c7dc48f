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

  /** The search box above the list of kernen. */
  get searchBox() {
    return this.page.getByRole('searchbox', { name: 'Zoek een kern' });
  }

  async search(query: string): Promise<void> {
    await this.searchBox.fill(query);
  }

  /** What the search says about its result ("3 kernen gevonden.", "Geen kern gevonden ..."). */
  get searchResult() {
    return this.page.getByRole('main').getByRole('status');
  }

  /** A list of kernen by its heading: "Jouw kernen", "Alle kernen" or "Andere kernen". */
  kernList(name: 'Jouw kernen' | 'Alle kernen' | 'Andere kernen') {
    return this.page.getByRole('list', { name, exact: true });
  }

  /** The kernen a list shows, in the order shown, by name (without the pilot badge). */
  async kernenIn(name: 'Jouw kernen' | 'Alle kernen' | 'Andere kernen'): Promise<string[]> {
    const links = await this.kernList(name).getByRole('link').allInnerTexts();
    return links.map((text) => text.split('\n')[0]!.trim());
  }

  /** The kernen of a list that carry the badge "Doet mee aan de proef", in the order shown. */
  async pilotsIn(name: 'Jouw kernen' | 'Alle kernen' | 'Andere kernen'): Promise<string[]> {
    const links = await this.kernList(name)
      .getByRole('link')
      .filter({ hasText: 'Doet mee aan de proef' })
      .allInnerTexts();
    return links.map((text) => text.split('\n')[0]!.trim());
  }
}

/**
 * Parts of a kern page's first screen (selectors), for whether the service worker's copy of
 * the page stands where the app's page will (tests/e2e/page-snapshot.test.ts, bench/local.ts).
 */
export const firstScreenParts = [
  '.kern-head h1',
  'section.kern-berichten',
  'section.notice',
  '.access-form input',
  '.access-form button',
  '.year-choice select',
  '.toolbar fieldset',
];

export class KernPage {
  constructor(readonly page: Page) {}

  /**
   * The app, not the service worker's copy of the page shown before it runs (which holds the
   * same words until the app takes over; storage/pageSnapshot.ts).
   */
  private get app() {
    return this.page.locator('#root');
  }

  heading(kernName: string) {
    return this.app.getByRole('heading', { level: 1, name: kernName });
  }

  async open(slug: string, kernName: string): Promise<void> {
    await this.page.goto(`/kern/${slug}`);
    await this.heading(kernName).waitFor(shown);
  }

  point(title: string) {
    return this.app.getByRole('article', { name: title });
  }

  get syncLabel() {
    return this.app.locator('.sync-label');
  }

  async waitForSync(): Promise<void> {
    await this.page
      .getByRole('status')
      .filter({ hasText: /^Gesynchroniseerd$/ })
      .waitFor(shown);
  }

  async useAccessCode(token: string): Promise<void> {
    await this.app.getByLabel('Toegangscode').fill(token);
    await this.app.getByRole('button', { name: 'Code gebruiken' }).click();
    await this.app.getByText('je kunt deze kernagenda wijzigen', { exact: false }).waitFor(shown);
  }

  /** What the access panel says when this device may edit ("Je bent ingelogd als ..."). */
  get signedInAs() {
    return this.app.getByText(/^Je bent ingelogd als .*: je kunt deze kernagenda wijzigen\.$/);
  }

  /** Leaves the committee on this device: "Vergeet deze code op dit apparaat". */
  async forgetCode(): Promise<void> {
    await this.app.getByRole('button', { name: 'Vergeet deze code op dit apparaat' }).click();
    await this.app.getByText(/^Je kunt deze kernagenda lezen\./).waitFor(shown);
  }

  async addPoint(input: { title: string; theme: string; amount?: string }): Promise<void> {
    await this.app.getByRole('button', { name: 'Punt toevoegen' }).click();
    const form = this.app.getByRole('form', { name: 'Nieuw punt' });
    await form.getByLabel('Titel').fill(input.title);
    await form.getByLabel('Thema').selectOption({ label: input.theme });
    if (input.amount) await form.getByLabel('Bedrag (€)').fill(input.amount);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await this.point(input.title).waitFor(shown);
  }

  get addButton() {
    return this.app.getByRole('button', { name: 'Punt toevoegen' });
  }

  get newPointForm() {
    return this.app.getByRole('form', { name: 'Nieuw punt' });
  }

  /**
   * The kernagenda itself has loaded (from this device or from the server): the live one in the
   * app, not the saved one that stands in, inert, while the document loads, nor the service
   * worker's copy of the page (`#snapshot`, outside the app's root) before the app runs.
   */
  async waitForAgenda(): Promise<void> {
    await this.app
      .getByRole('heading', { level: 2, name: /^Punten op de kernagenda/ })
      .waitFor(shown);
    await this.app.locator('.agenda-view:not([aria-busy])').waitFor(shown);
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
    const form = this.app.getByRole('form', { name: `Punt bewerken: ${title}` });
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

  /** Adds a point with more than a title and theme (status, who, and a budget request). */
  async addPointWith(input: {
    title: string;
    theme: string;
    status?: string;
    owner?: string;
    amount?: string;
    kind?: 'Nieuw initiatief' | 'Bestaande activiteit';
    /** The year the request names ("Jaar"). */
    year?: number;
  }): Promise<void> {
    await this.openNewPointForm();
    const form = this.newPointForm;
    await form.getByLabel('Titel').fill(input.title);
    await form.getByLabel('Thema').selectOption({ label: input.theme });
    if (input.status) await form.getByLabel('Status').selectOption({ label: input.status });
    if (input.owner) await form.getByLabel('Wie pakt het op').selectOption({ label: input.owner });
    if (input.amount) await form.getByLabel('Bedrag (€)').fill(input.amount);
    if (input.kind) await form.getByRole('radio', { name: input.kind }).check();
    if (input.year) await form.getByLabel('Jaar', { exact: true }).selectOption(String(input.year));
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await this.point(input.title).waitFor(shown);
    await form.waitFor({ ...shown, state: 'detached' });
  }

  /** Clicks "Verwijderen" on a point; returns the inline question that asks to confirm. */
  async askToDelete(title: string) {
    await this.point(title)
      .getByRole('button', { name: /^Verwijderen/ })
      .click();
    const question = this.point(title).getByRole('group', { name: 'Verwijderen bevestigen' });
    await question.waitFor(shown);
    return question;
  }

  /** Deletes a point through its "Verwijderen" button and the confirmation. */
  async deletePoint(title: string): Promise<void> {
    const question = await this.askToDelete(title);
    await question.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await this.point(title).waitFor({ ...shown, state: 'detached' });
  }

  /** The heading above the points, with their count: "Punten op de kernagenda (3)". */
  pointsHeading(count: number) {
    return this.app.getByRole('heading', {
      level: 2,
      name: `Punten op de kernagenda (${count})`,
      exact: true,
    });
  }

  /** The notice the kernagenda gives after an edit ("Punt verwijderd.", ...). */
  get doneMessage() {
    return this.app.getByRole('region', { name: /^Punten op de kernagenda/ }).getByRole('status');
  }

  /** Chooses how the points are grouped ("Groeperen op": Thema or Status). */
  async groupBy(choice: 'Thema' | 'Status'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Groeperen op' })
      .getByRole('radio', { name: choice, exact: true })
      .check();
  }

  /** One group of points by its heading, e.g. group('Idee (2)'). */
  group(heading: string) {
    return this.page
      .getByRole('region', { name: /^Punten op de kernagenda/ })
      .getByRole('region', { name: heading, exact: true });
  }

  /** The group headings shown, in order, with their counts ("Idee (2)"). */
  async groupHeadings(): Promise<string[]> {
    const texts = await this.page
      .getByRole('region', { name: /^Punten op de kernagenda/ })
      .getByRole('heading', { level: 3 })
      .allTextContents();
    return texts.map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** The budget year the page shows (the "Budgetjaar" choice). */
  async budgetYear(): Promise<number> {
    return Number(await this.app.getByLabel('Budgetjaar').inputValue());
  }

  /** Shows the kernagenda of another year (the "Budgetjaar" choice). */
  async chooseYear(year: number): Promise<void> {
    await this.app.getByLabel('Budgetjaar').selectOption(String(year));
    await this.budget.getByRole('heading', { name: new RegExp(` ${year}$`) }).waitFor(shown);
  }

  /** The badge of a point that came over from an earlier year ("Uit 2026 meegenomen"). */
  carriedBadge(title: string) {
    return this.point(title).getByText(/^Uit .+ meegenomen$/);
  }

  /** The note of a request that counts for a later year ("Telt mee voor 2028: ..."). */
  lateRequestNote(title: string) {
    return this.point(title).getByText(/^Telt mee voor \d{4}: /);
  }

  /** The year's budget summary ("Kernagendabudget 2027"), with its warnings. */
  get budget() {
    return this.app.getByRole('region', { name: /budget \d{4}$/i });
  }

  /** Sets the shown year's budget through "Budget voor <jaar> instellen". */
  async setYearBudget(amount: string): Promise<void> {
    const year = await this.budgetYear();
    await this.app.getByRole('button', { name: `Budget voor ${year} instellen` }).click();
    const form = this.app.getByRole('form', { name: `Budget voor ${year} instellen` });
    await form.getByLabel(`Budget voor ${year} (€)`).fill(amount);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await this.doneMessage.getByText(`Budget voor ${year} opgeslagen.`).waitFor(shown);
  }

  /** The sync state in the header ("Gesynchroniseerd", "Offline", ...). */
  get syncStatus() {
    return this.app.getByRole('banner').getByRole('status');
  }

  /** The header's "laatst gesynchroniseerd om 14:05". */
  get lastSync() {
    return this.app.getByRole('banner').getByText(/^laatst gesynchroniseerd om /);
  }

  /** "Nu hier: Anna, Bram en 1 bezoeker": who else has this kernagenda open. */
  get presenceLine() {
    return this.app.getByText(/^Nu hier: /);
  }

  /** The note on a point that someone else is editing it ("Anna bewerkt dit punt"). */
  editingNote(title: string) {
    return this.point(title).getByText(/ (bewerkt|bewerken) dit punt$/);
  }

  get undoButton() {
    return this.app.getByRole('button', { name: 'Ongedaan maken', exact: true });
  }

  get redoButton() {
    return this.app.getByRole('button', { name: 'Opnieuw', exact: true });
  }

  /** Changes a point's amount through its edit form and saves. */
  async setAmount(title: string, amount: string): Promise<void> {
    const form = await this.editPoint(title);
    await form.getByLabel('Bedrag (€)').fill(amount);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.waitFor({ ...shown, state: 'detached' });
  }

  /** Changes a point's status ("In uitvoering", ...) through its edit form and saves. */
  async setStatus(title: string, status: string): Promise<void> {
    const form = await this.editPoint(title);
    await form.getByLabel('Status').selectOption({ label: status });
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.waitFor({ ...shown, state: 'detached' });
  }

  /** Opens a point's edit form; returns it and its description field (saved as you type). */
  async editDescription(title: string) {
    const form = await this.editPoint(title);
    const field = form.getByLabel('Beschrijving', { exact: true });
    await field.waitFor(shown);
    return { form, field };
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

/** The page an invite link opens (`/join/<code>`): a name, then "Meedoen". */
export class JoinPage {
  constructor(readonly page: Page) {}

  /** Opens the link the invite CLI printed. */
  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByRole('heading', { level: 1 }).waitFor(shown);
  }

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  get nameField() {
    return this.page.getByLabel('Je naam');
  }

  get joinButton() {
    return this.page.getByRole('button', { name: 'Meedoen' });
  }

  /** The error the page shows for the whole invite (expired, used, unknown...). */
  get problem() {
    return this.page.getByRole('alert');
  }

  /** The error under the name field. */
  get nameError() {
    return this.page.locator('.field-error');
  }

  /** Types a name and joins; returns the kern page it lands on. */
  async join(name: string, kernName: string): Promise<KernPage> {
    await this.nameField.fill(name);
    await this.joinButton.click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/kern/'));
    const kern = new KernPage(this.page);
    await kern.heading(kernName).waitFor(shown);
    return kern;
  }
}

/**
 * What the kern page offers around the kernagenda: "Bewaren en delen" (print, CSV), the
 * conflict notes ("Tegelijk gewijzigd") and the history ("Wat is er veranderd").
 */
export class KernTools {
  constructor(readonly page: Page) {}

  get printButton() {
    return this.page.getByRole('button', { name: 'Afdrukken', exact: true });
  }

  get csvButton() {
    return this.page.getByRole('button', { name: 'Download als CSV', exact: true });
  }

  /** Clicks "Download als CSV"; returns the file's suggested name and its bytes. */
  async downloadCsv(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', shown),
      this.csvButton.click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** The history section; its heading counts what is new ("(2 nieuw sinds je laatste bezoek)"). */
  get activity() {
    return this.page.getByRole('region', { name: /^Wat is er veranderd/ });
  }

  /** Unfolds "Wat is er veranderd" (it starts folded). */
  async openActivity(): Promise<void> {
    await this.activity.getByRole('heading', { name: /^Wat is er veranderd/ }).click();
    await this.activity.getByRole('list').waitFor(shown);
  }

  /** One history entry by (part of) its sentence. */
  activityEntry(sentence: string | RegExp) {
    return this.activity.getByRole('listitem').filter({ hasText: sentence });
  }

  /** "Terugzetten" for a deleted point, in the history. */
  restoreButton(title: string) {
    return this.activity.getByRole('button', { name: `Terugzetten: ${title}` });
  }

  /** The notes about edits made at the same time on two devices. */
  get conflicts() {
    return this.page.locator('#root').getByRole('region', { name: 'Tegelijk gewijzigd' });
  }

  /** Budget rules that the merge of edits from several devices broke. */
  get mergeWarnings() {
    return this.page.getByRole('region', { name: 'Budget na het samenvoegen' });
  }
}

/**
 * "Versies van de kernagenda" on the kern page: marking a version (committee), the list,
 * one version read-only, and the comparison of two versions (or a version and "nu").
 */
export class VersionsSection {
  constructor(readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: /^Versies van de kernagenda/ });
  }

  /** Unfolds the section (it starts folded). */
  async open(): Promise<void> {
    await this.region
      .getByRole('heading', { level: 2, name: /^Versies van de kernagenda/ })
      .click();
    await this.list
      .or(this.region.getByText('Er is nog geen versie van deze kernagenda vastgelegd.'))
      .waitFor(shown);
  }

  get nameField() {
    return this.region.getByLabel('Naam van de versie');
  }

  get markButton() {
    return this.region.getByRole('button', { name: 'Versie vastleggen' });
  }

  /** What the section says after marking ("De versie ‘…’ is vastgelegd."). */
  get doneMessage() {
    return this.region.getByRole('status');
  }

  /** Marks a version under `name` and waits until it is in the list. */
  async mark(name: string): Promise<void> {
    await this.nameField.fill(name);
    await this.markButton.click();
    await this.entry(name).waitFor(shown);
  }

  get list() {
    return this.region.getByRole('list', { name: 'Vastgelegde versies' });
  }

  /** One version in the list, by its name. */
  entry(name: string) {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  /** Opens a version read-only; returns its section. */
  async view(name: string) {
    await this.entry(name)
      .getByRole('button', { name: /^Bekijken/ })
      .click();
    const version = this.region.getByRole('region', { name, exact: true });
    await version.waitFor(shown);
    return version;
  }

  /** A point of an opened version: its shown value of one fact (Thema, Status, Bedrag). */
  versionFact(version: ReturnType<Page['locator']>, title: string, fact: string) {
    return version
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 4, name: title, exact: true }) })
      .locator('dt', { hasText: fact })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** Compares a version with the kernagenda as it is now; returns the comparison. */
  async compareWithNow(name: string) {
    await this.entry(name)
      .getByRole('button', { name: /^Vergelijken met nu/ })
      .click();
    const comparison = this.region.getByRole('region', { name: 'Versies vergelijken' });
    await comparison.waitFor(shown);
    return comparison;
  }
}
