/**
 * Page models for working together across kernen, in the words a user sees (role and label
 * locators, waits on what the screen shows): "Samen met andere kernen" and the joint lines of
 * the budget on a kern page, a joint project's page (`/samen/<id>`), and the gemeente's
 * overview of all kernen (`/gemeente/overzicht`) with its CSV.
 */
import type { Locator, Page } from 'playwright-core';
import { shown } from './app';

/** The joint projects on a kern page, and the kern's shares in its budget summary. */
export class KernJoint {
  constructor(readonly page: Page) {}

  get section() {
    return this.page.getByRole('region', { name: 'Samen met andere kernen' });
  }

  get startButton() {
    return this.section.getByRole('button', { name: 'Samen met andere kernen iets oppakken' });
  }

  get startForm() {
    return this.section.getByRole('form', { name: 'Nieuw samenproject' });
  }

  /** Starts a joint project; ends on its page. */
  async start(title: string, description: string): Promise<SamenScreen> {
    await this.startButton.click();
    await this.startForm.getByLabel('Titel').fill(title);
    await this.startForm.getByLabel('Wat willen jullie samen doen?').fill(description);
    await this.startForm.getByRole('button', { name: 'Starten' }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/samen/'), shown);
    const screen = new SamenScreen(this.page);
    await screen.heading(title).waitFor(shown);
    return screen;
  }

  /** A joint project listed on the kern page, by its title (a link to its page). */
  project(title: string) {
    return this.section.getByRole('link', { name: title, exact: true });
  }

  /** The text under a listed project ("Samen met Heukelum. Bijdrage van Beesd in 2027: € 1.200."). */
  projectLine(title: string) {
    return this.section
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) })
      .locator('p');
  }

  /** The budget summary's list of contributions to joint projects. */
  get budgetLines() {
    return this.page.getByRole('list', { name: 'Bijdragen aan samenprojecten' });
  }
}

/** The page of one joint project. */
export class SamenScreen {
  constructor(readonly page: Page) {}

  heading(title: string) {
    return this.page.getByRole('heading', { level: 1, name: title });
  }

  async open(path: string, title: string): Promise<void> {
    await this.page.goto(path);
    await this.heading(title).waitFor(shown);
  }

  /** "Je doet mee namens de commissie van Beesd: ...". */
  memberOf(kernName: string) {
    return this.page.getByText(`Je doet mee namens de commissie van ${kernName}`, {
      exact: false,
    });
  }

  get participants() {
    return this.page.getByRole('region', { name: /^Wie doen mee/ });
  }

  async invite(kernName: string): Promise<void> {
    await this.participants.getByLabel('Kern uitnodigen').selectOption({ label: kernName });
    await this.participants.getByRole('button', { name: 'Uitnodigen' }).click();
    await this.participants
      .getByRole('status')
      .getByText(`${kernName} is uitgenodigd.`, { exact: false })
      .waitFor(shown);
  }

  /** The link to send the invited kern's committee. */
  async shareLink(): Promise<string> {
    return this.participants.getByLabel('Link naar dit samenproject').inputValue();
  }

  joinButton(kernName: string) {
    return this.page.getByRole('button', { name: `Meedoen namens ${kernName}` });
  }

  async join(kernName: string): Promise<void> {
    await this.joinButton(kernName).click();
    await this.memberOf(kernName).waitFor(shown);
  }

  get contributions() {
    return this.page.getByRole('region', { name: /^Bijdragen uit het / });
  }

  /** Sets this kern's contribution for the year shown. */
  async setContribution(kernName: string, amount: string): Promise<void> {
    const field = this.contributions.getByLabel(new RegExp(`^Bijdrage van ${kernName} in \\d{4}`));
    await field.fill(amount);
    await this.contributions.getByRole('button', { name: 'Bijdrage opslaan' }).click();
  }

  /** The amount a kern's row of the contributions table shows ("€ 1.200", "Nog niets"). */
  contribution(kernName: string): Locator {
    return this.contributions
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: kernName, exact: true }) })
      .getByRole('cell');
  }

  get tasks() {
    return this.page.getByRole('region', { name: /^Wie doet wat/ });
  }

  async addTask(input: { title: string; kern: string; person?: string }): Promise<void> {
    await this.tasks.getByRole('button', { name: 'Taak toevoegen' }).click();
    const form = this.tasks.getByRole('form', { name: 'Nieuwe taak' });
    await form.getByLabel('Wat moet er gebeuren?').fill(input.title);
    await form.getByLabel('Welke kern doet het?').selectOption({ label: input.kern });
    if (input.person) await form.getByLabel(/^Wie doet het\?/).fill(input.person);
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await this.task(input.title).waitFor(shown);
  }

  task(title: string) {
    return this.tasks.getByRole('article', { name: title });
  }

  taskStatus(title: string) {
    return this.task(title).getByLabel(`Status van ${title}`);
  }

  get order() {
    return this.page.getByRole('region', { name: 'Samen inkopen' });
  }

  async addOrderLine(item: string, price: string): Promise<void> {
    await this.order.getByRole('button', { name: 'Regel toevoegen' }).click();
    const form = this.order.getByRole('form', { name: 'Nieuwe regel op de bestellijst' });
    await form.getByLabel('Wat kopen jullie?').fill(item);
    await form.getByLabel('Prijs per stuk (€)').fill(price);
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await this.orderLine(item).waitFor(shown);
  }

  orderLine(item: string) {
    return this.order.getByRole('article', { name: item });
  }

  /** Sets how many of a line this kern orders. */
  async setQuantity(kernName: string, item: string, quantity: string): Promise<void> {
    const line = this.orderLine(item);
    await line
      .getByRole('textbox', { name: new RegExp(`^Aantal voor ${kernName} ?: ${item}$`) })
      .fill(quantity);
    await line.getByRole('button', { name: new RegExp(`^Opslaan ?: aantal ${item}$`) }).click();
  }

  /** A line's shown value for one kern or 'Totaal' ("2 stuks (€ 3.000)"). */
  lineFact(item: string, name: string) {
    return this.orderLine(item)
      .locator('dt', { hasText: new RegExp(`^${name}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  get totals() {
    return this.order.getByRole('region', { name: 'Totaal per kern' });
  }
}

/** The gemeente's overview of all kernen. */
export class OverviewScreen {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Overzicht van alle kernen' });
  }

  async open(): Promise<void> {
    await this.page.goto('/gemeente/overzicht');
    await this.heading.waitFor(shown);
  }

  get onlyForGemeente() {
    return this.page.getByRole('region', { name: 'Alleen voor de gemeente' });
  }

  get table() {
    return this.page.getByRole('table', { name: /^Alle kernen in \d{4}$/ });
  }

  async waitForAll(): Promise<void> {
    await this.page
      .getByRole('status')
      .filter({ hasText: 'Alle kernagenda’s zijn geladen.' })
      .waitFor(shown);
  }

  /** A row as { column header: cell text }, by the row's header ("Beesd", "Totaal"). */
  async row(name: string | RegExp): Promise<Record<string, string>> {
    const headers = (await this.table.locator('thead th').allInnerTexts()).map((h) =>
      h
        .replace(/\u00ad/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const row = this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
    const cells = [
      await row.getByRole('rowheader').innerText(),
      ...(await row.getByRole('cell').allInnerTexts()),
    ];
    return Object.fromEntries(headers.map((h, i) => [h, (cells[i] ?? '').trim()]));
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
}
