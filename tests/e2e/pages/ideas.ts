/**
 * Page models for the ideas board (`/kern/<slug>/ideeen`) and its links on the kern page, in
 * the words a user sees: role and label locators only, waits on what the screen shows.
 */
import type { Page } from 'playwright-core';
import { shown } from './app';

export class IdeasBoard {
  constructor(readonly page: Page) {}

  heading(kernName: string) {
    return this.page.getByRole('heading', { level: 1, name: `Ideeën voor ${kernName}` });
  }

  async open(slug: string, kernName: string): Promise<void> {
    await this.page.goto(`/kern/${slug}/ideeen`);
    await this.heading(kernName).waitFor(shown);
  }

  /** The list has loaded (the committee's decisions are known). */
  async waitForIdeas(): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: /^Ideeën \(\d+\)$/ }).waitFor(shown);
    await this.page.getByText('Ideeën laden…').waitFor({ ...shown, state: 'detached' });
  }

  /** "Ideeën (3)": the heading above the list, with the number shown. */
  listHeading(count: number) {
    return this.page.getByRole('heading', { level: 2, name: `Ideeën (${count})`, exact: true });
  }

  /** The form "Meedoen als bewoner" (shown while this device does not take part). */
  get joinForm() {
    return this.page.getByRole('region', { name: 'Meedoen als bewoner' });
  }

  get nameField() {
    return this.joinForm.getByLabel('Je naam');
  }

  get kernField() {
    return this.joinForm.getByLabel('Je kern');
  }

  /** "Je doet mee als Anna, bewoner van Beesd. ..." */
  takingPartAs(name: string) {
    return this.page.getByText(new RegExp(`^Je doet mee als ${name}, `));
  }

  /** Joins as a resident through the form (name and, if given, another home kern). */
  async join(name: string, kernName?: string): Promise<void> {
    await this.nameField.fill(name);
    if (kernName) await this.kernField.selectOption({ label: kernName });
    await this.joinForm.getByRole('button', { name: 'Meedoen' }).click();
    await this.takingPartAs(name).waitFor(shown);
  }

  get stopButton() {
    return this.page.getByRole('button', { name: 'Stoppen op dit apparaat' });
  }

  /** The page's status line ("Je idee staat op het bord.", ...). */
  get status() {
    return this.page.getByRole('region', { name: /^Ideeën \(/ }).getByRole('status');
  }

  get addButton() {
    return this.page.getByRole('button', { name: 'Idee toevoegen' });
  }

  get newIdeaForm() {
    return this.page.getByRole('form', { name: 'Nieuw idee' });
  }

  /** Posts an idea through "Idee toevoegen" and waits until it is on the board. */
  async addIdea(input: { title: string; theme: string; text?: string; cost?: string }) {
    await this.addButton.click();
    const form = this.newIdeaForm;
    await form.getByLabel('Titel').fill(input.title);
    if (input.text) await form.getByLabel('Uitleg').fill(input.text);
    await form.getByLabel('Thema').selectOption({ label: input.theme });
    if (input.cost) await form.getByLabel('Geschatte kosten (€)').fill(input.cost);
    await form.getByRole('button', { name: 'Idee plaatsen' }).click();
    await this.idea(input.title).waitFor(shown);
    await form.waitFor({ ...shown, state: 'detached' });
  }

  idea(title: string) {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  /** The titles of the ideas shown, in order. */
  async titles(): Promise<string[]> {
    return this.page.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  }

  /** An idea's shown value of one fact (Thema, Geschatte kosten). */
  fact(title: string, name: string) {
    return this.idea(title)
      .locator('dt', { hasText: name })
      .locator('xpath=following-sibling::dd[1]');
  }

  supportButton(title: string) {
    return this.idea(title).getByRole('button', { name: /^Steun\b/ });
  }

  /** "1 persoon steunt dit idee.", "Jij steunt dit idee.", ... */
  supportLine(title: string, sentence: string) {
    return this.idea(title).getByText(sentence, { exact: true });
  }

  /** Chooses the order: "Meeste steun" or "Nieuwste". */
  async sortBy(choice: 'Meeste steun' | 'Nieuwste'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Sorteren op' })
      .getByRole('radio', { name: choice })
      .check();
  }

  /** Unfolds an idea's reactions; returns their section. */
  async openReactions(title: string) {
    const section = this.idea(title).getByRole('region', { name: /^Reacties/ });
    const list = section.getByRole('list').or(section.getByText('Nog geen reacties.'));
    if (!(await list.isVisible()))
      await section.getByRole('heading', { name: /^Reacties/ }).click();
    await list.first().waitFor(shown);
    return section;
  }

  async react(title: string, text: string): Promise<void> {
    const section = await this.openReactions(title);
    await section.getByLabel('Jouw reactie').fill(text);
    await section.getByRole('button', { name: 'Reageren' }).click();
    await section.getByRole('listitem').filter({ hasText: text }).waitFor(shown);
  }

  /** The form to edit one's own idea; returns it. */
  async edit(title: string) {
    await this.idea(title)
      .getByRole('button', { name: /^Bewerken\b/ })
      .click();
    const form = this.page.getByRole('form', { name: `Idee bewerken: ${title}` });
    await form.waitFor(shown);
    return form;
  }

  async withdraw(title: string): Promise<void> {
    await this.idea(title)
      .getByRole('button', { name: /^Intrekken\b/ })
      .click();
    await this.idea(title)
      .getByRole('group', { name: 'Intrekken bevestigen' })
      .getByRole('button', { name: 'Ja, intrekken' })
      .click();
    await this.idea(title).waitFor({ ...shown, state: 'detached' });
  }

  /** Committee: hides an idea with a reason. */
  async hide(title: string, reason: string): Promise<void> {
    await this.idea(title)
      .getByRole('button', { name: /^Verbergen\b/ })
      .click();
    const form = this.page.getByRole('form', { name: `Verbergen: ${title}` });
    await form.getByLabel('Waarom verberg je dit idee?').fill(reason);
    await form.getByRole('button', { name: 'Idee verbergen' }).click();
    await this.hiddenNote(title).waitFor(shown);
  }

  /** On a hidden idea (the committee sees it): "Verborgen door de commissie. ..." */
  hiddenNote(title: string) {
    return this.idea(title).getByText('Verborgen door de commissie.', { exact: true });
  }

  async restore(title: string): Promise<void> {
    await this.idea(title)
      .getByRole('button', { name: /^Terugzetten\b/ })
      .click();
    await this.hiddenNote(title).waitFor({ ...shown, state: 'detached' });
  }

  /** What residents see instead of hidden ideas ("1 idee verborgen door de commissie."). */
  get hiddenLine() {
    return this.page.getByText(/^\d+ (idee|ideeën) verborgen door de commissie\.$/);
  }

  /** Committee: "Opnemen in de kernagenda". */
  async take(title: string): Promise<void> {
    await this.idea(title)
      .getByRole('button', { name: /^Opnemen in de kernagenda\b/ })
      .click();
    await this.takenNote(title).waitFor(shown);
  }

  takenNote(title: string) {
    return this.idea(title).getByText('Opgenomen in de kernagenda', { exact: true });
  }
}

/** The ideas section of the kern page ("Ideeën van bewoners") and a point's link back. */
export class KernIdeas {
  constructor(readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: 'Ideeën van bewoners' });
  }

  /** "Naar het ideeënbord van Beesd (2 ideeën)". */
  boardLink(kernName: string) {
    return this.region.getByRole('link', {
      name: new RegExp(`^Naar het ideeënbord van ${kernName}`),
    });
  }

  get joinLink() {
    return this.region.getByRole('link', { name: 'Meedoen als bewoner' });
  }

  /** On a point made from an idea: "Uit een idee van bewoners." */
  fromIdea(pointTitle: string) {
    return this.page
      .getByRole('article', { name: pointTitle })
      .getByText('Uit een idee van bewoners.');
  }

  ideaLink(pointTitle: string) {
    return this.page
      .getByRole('article', { name: pointTitle })
      .getByRole('link', { name: /^Bekijk het idee\b/ });
  }

  /** Stores a code (a resident's, on another device) through the kern page's access form. */
  async useCode(token: string): Promise<void> {
    await this.page.getByLabel('Toegangscode').fill(token);
    await this.page.getByRole('button', { name: 'Code gebruiken' }).click();
    await this.page.getByText('De code is bewaard op dit apparaat.').waitFor(shown);
  }
}
