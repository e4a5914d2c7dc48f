/**
 * Page models for the inspiratieplein (`/plein`, `/plein/<id>`), the search page (`/zoeken`)
 * and the plein's parts on a kern page, in the words a user sees: role and label locators
 * only, waits on what the screen shows (never on time).
 */
import type { Page } from 'playwright-core';
import { shown } from './app';

export class Plein {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Inspiratieplein' });
  }

  async open(): Promise<void> {
    await this.page.goto('/plein');
    await this.heading().waitFor(shown);
  }

  /** Through the header's main menu (no page load). */
  async openFromMenu(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Inspiratieplein' })
      .click();
    await this.heading().waitFor(shown);
  }

  /** A project in the list, by its title. */
  project(title: string) {
    return this.page.getByRole('article', { name: title });
  }

  /** The titles of the projects listed, in the order shown. */
  async titles(): Promise<string[]> {
    return this.page
      .getByRole('region', { name: /^Projecten/ })
      .getByRole('heading', { level: 3 })
      .allInnerTexts();
  }

  get searchField() {
    return this.page.getByRole('searchbox', { name: 'Zoek in de projecten' });
  }

  async choose(filter: 'Thema' | 'Kern' | 'Sorteren', label: string): Promise<void> {
    await this.page.getByLabel(filter, { exact: true }).selectOption({ label });
  }

  /** "2 projecten gevonden." after a filter or search. */
  get resultCount() {
    return this.page.getByRole('main').getByRole('status').first();
  }

  /** Adds a project through "Project toevoegen"; ends on the new project's page. */
  async addProject(input: {
    title: string;
    theme: string;
    status: 'Gepland' | 'Gerealiseerd';
    cost?: string;
  }): Promise<ProjectView> {
    await this.page.getByRole('button', { name: 'Project toevoegen' }).click();
    const form = this.page.getByRole('form', { name: 'Nieuw project' });
    await form.getByLabel('Titel').fill(input.title);
    await form.getByLabel('Thema').selectOption({ label: input.theme });
    await form.getByRole('radio', { name: input.status }).check();
    if (input.cost) await form.getByLabel('Kosten (€)').fill(input.cost);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const view = new ProjectView(this.page);
    await view.heading(input.title).waitFor(shown);
    return view;
  }

  async openProject(title: string): Promise<ProjectView> {
    await this.project(title).getByRole('link', { name: title }).click();
    const view = new ProjectView(this.page);
    await view.heading(title).waitFor(shown);
    return view;
  }
}

export class ProjectView {
  constructor(readonly page: Page) {}

  heading(title: string) {
    return this.page.getByRole('heading', { level: 1, name: title });
  }

  /** "Overgenomen door Heukelum." */
  get takenUp() {
    return this.page.getByText(/^Overgenomen door .+\.$/);
  }

  /** A fact of "Kosten en betaling" ("Kosten", "Uit het kernagendabudget", ...). */
  fact(name: string) {
    return this.page
      .getByRole('region', { name: 'Kosten en betaling' })
      .locator('dt', { hasText: name })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** The checklist of "Wat was er nodig?". */
  get needs() {
    return this.page.getByRole('region', { name: 'Wat was er nodig?' }).getByRole('listitem');
  }

  get takeOverButton() {
    return this.page.getByRole('button', { name: /^Dit willen wij ook/ });
  }

  /** Presses "Dit willen wij ook"; returns the confirmation. */
  async takeOver() {
    await this.takeOverButton.click();
    const done = this.page.getByRole('status').filter({ hasText: /^Overgenomen\./ });
    await done.waitFor(shown);
    return done;
  }

  get editButton() {
    return this.page.getByRole('button', { name: /^Bewerken/ });
  }

  async edit(title: string) {
    await this.editButton.click();
    const form = this.page.getByRole('form', { name: `Project bewerken: ${title}` });
    await form.waitFor(shown);
    return form;
  }
}

export class SearchView {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Zoeken' });
  }

  async open(q = ''): Promise<void> {
    await this.page.goto(q ? `/zoeken?q=${encodeURIComponent(q)}` : '/zoeken');
    await this.heading().waitFor(shown);
  }

  get field() {
    return this.page.getByRole('searchbox', { name: 'Zoek naar' });
  }

  async search(text: string): Promise<void> {
    await this.field.fill(text);
  }

  /** "2 resultaten voor "speeltuin"." or "Niets gevonden voor ...". */
  get resultCount() {
    return this.page.getByRole('main').getByRole('status');
  }

  get results() {
    return this.page.getByRole('list', { name: 'Resultaten' }).getByRole('listitem');
  }

  /** A result by its title (the link) and the line that says what it is. */
  result(title: string, kind: RegExp | string) {
    return this.results
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) })
      .filter({
        hasText: kind,
      });
  }
}

/** The plein's parts on a kern page: the point cards' notes and "Op het inspiratieplein". */
export class KernOnPlein {
  constructor(readonly page: Page) {}

  private point(title: string) {
    return this.page.getByRole('article', { name: title });
  }

  shareButton(title: string) {
    return this.point(title).getByRole('button', { name: /^Delen op het inspiratieplein/ });
  }

  /** "Gedeeld op het inspiratieplein." with its link "Bekijk het project". */
  sharedNote(title: string) {
    return this.point(title).getByText('Gedeeld op het inspiratieplein.');
  }

  projectLink(title: string) {
    return this.point(title).getByRole('link', { name: /^Bekijk het project/ });
  }

  /** "Overgenomen door Heukelum." on a point's card. */
  takenUp(title: string) {
    return this.point(title).getByText(/^Overgenomen door .+\.$/);
  }

  /** "Naar het voorbeeld van Beesd" on a point taken over. */
  exampleLink(title: string, kern: string) {
    return this.point(title).getByRole('link', { name: `Naar het voorbeeld van ${kern}` });
  }

  /** The section "Op het inspiratieplein". */
  get section() {
    return this.page.getByRole('region', { name: 'Op het inspiratieplein' });
  }
}
