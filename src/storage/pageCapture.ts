/**
 * The copy of a kern page, taken from the page as it is shown (storage/pageSnapshot.ts says
 * what the copy is for, how it is stored and shown): its first screen on this device as HTML,
 * without what is of the moment, and the rules of the app's stylesheet it uses.
 *
 * Apart from pageSnapshot.ts because only the kern page takes copies: this code comes with
 * the kern page's chunk, not with the first bundle that every page loads.
 */
import { buildOf, framed, storePageSnapshot } from './pageSnapshot';

/** The form fields' state into attributes, which is what a copy of the markup keeps. */
function keepFieldState(live: Element, copy: Element): void {
  const fields = 'input, select, textarea';
  const copies = copy.querySelectorAll(fields);
  live.querySelectorAll(fields).forEach((field, i) => {
    const twin = copies[i]!;
    if (field instanceof HTMLInputElement) {
      if (field.type === 'checkbox' || field.type === 'radio')
        twin.toggleAttribute('checked', field.checked);
      else twin.setAttribute('value', field.value);
    } else if (field instanceof HTMLSelectElement) {
      [...field.options].forEach((option, j) =>
        (twin as HTMLSelectElement).options[j]?.toggleAttribute('selected', option.selected),
      );
    } else if (field instanceof HTMLTextAreaElement) twin.textContent = field.value;
  });
}

/** Removes from `copy` what starts at or below `end` (viewport px) in its `live` twin. */
function cutBelow(live: Element, copy: Element, end: number): void {
  const copies = [...copy.children];
  [...live.children].forEach((child, i) => {
    if (child.getBoundingClientRect().top >= end) copies[i]!.remove();
    else cutBelow(child, copies[i]!, end);
  });
}

/**
 * The copy of the kern page in `root`, or null when it is not one to keep: no live agenda
 * (the saved screen or "laden" shows), or a form open or a question asked in it.
 *
 * Only the first screen: what starts below the bottom of the page's first screen on this
 * device, upright or turned, is left out (usually every point card on a phone: the budget
 * comes first). All that is shown before the app runs is parsed, styled and laid out first;
 * the app shows the rest about a second later.
 */
function capturePage(root: HTMLElement): string | null {
  const view = root.querySelector('.agenda-view');
  if (!view || view.hasAttribute('inert') || view.querySelector('form, [data-now="question"]'))
    return null;
  const copy = root.cloneNode(true) as HTMLElement;
  keepFieldState(root, copy);
  cutBelow(root, copy, Math.max(window.innerWidth, window.innerHeight) - window.scrollY);
  const copyView = copy.querySelector('.agenda-view');
  while (copyView?.nextSibling) copyView.nextSibling.remove(); // the sections below the agenda
  copy
    .querySelectorAll('[data-now]:not([data-now="words"], [data-now="offline"]), .print-only')
    .forEach((element) => element.remove());
  copy.querySelectorAll('[role="status"], [role="alert"], [aria-live]').forEach((region) => {
    if (!region.closest('[data-now="words"]')) region.replaceChildren(); // those are blanked
  });
  copy.querySelectorAll('[data-now="words"]').forEach(blankWords);
  copy
    .querySelectorAll('[data-now="offline"]')
    .forEach((element) => element.setAttribute('hidden', ''));
  // The forms on the first screen (the access code's) stay, as before anything was typed.
  copy.querySelectorAll('form input').forEach((input) => input.removeAttribute('value'));
  copy.querySelectorAll('form textarea').forEach((text) => text.replaceChildren());
  copy.querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
  copy.querySelectorAll('[style]').forEach((element) => element.removeAttribute('style'));
  return copy.innerHTML;
}

/**
 * Pseudo-elements (`::before`, `::placeholder`, `::-webkit-details-marker`...) and the states
 * of a moment (hover, focus...). A selector with them is kept when it matches without them:
 * the copy is inert, but its elements' `::before` or a field's placeholder are part of what
 * it shows. (`querySelector` matches no pseudo-element.)
 */
const ofTheMoment = new RegExp(
  [
    String.raw`::[\w-]+(?:\([^)]*\))?`, // every pseudo-element, with its argument
    String.raw`:(?:before|after|first-line|first-letter)\b`, // the older one-colon ones
    String.raw`:(?:hover|focus-visible|focus-within|focus|active|visited|target)\b`,
  ].join('|'),
  'g',
);

/** Whether `selector` matches an element of `page` (kept when that cannot be told). */
function usedIn(page: Document, selector: string): boolean {
  try {
    return page.querySelector(selector.replace(ofTheMoment, '') || '*') !== null;
  } catch {
    return true; // e.g. `:not(:hover)`, left without its argument
  }
}

/** A rule of a stylesheet's text: its prelude and block (null for a statement), as written. */
interface RuleText {
  prelude: string;
  block: string | null;
  text: string;
}

/** The rules at the top level of `css` (strings and comments may hold braces). */
export function rulesOf(css: string): RuleText[] {
  const rules: RuleText[] = [];
  let start = 0;
  let depth = 0;
  let open = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      for (i++; i < css.length && css[i] !== c; i++) if (css[i] === '\\') i++;
    } else if (c === '/' && css[i + 1] === '*') {
      i = css.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}') {
      if (--depth === 0) {
        rules.push({
          prelude: css.slice(start, open).trim(),
          block: css.slice(open + 1, i),
          text: css.slice(start, i + 1),
        });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      rules.push({
        prelude: css.slice(start, i).trim(),
        block: null,
        text: css.slice(start, i + 1),
      });
      start = i + 1;
    }
  }
  return rules;
}

/**
 * The rules of `css` that `page` uses, as they are written (see `firstScreenRules`). Their
 * text, not the CSS object model's: that cannot always write a rule back as it was (a
 * shorthand with a `var()` in it and one of its parts set after it loses the shorthand).
 */
function rulesUsedIn(page: Document, css: string): string {
  let used = '';
  for (const { prelude, block, text } of rulesOf(css)) {
    if (block !== null && /^@media\s/i.test(prelude)) {
      if (/^@media\s+print$/i.test(prelude)) continue; // the copy is never printed
      const inner = rulesUsedIn(page, block);
      if (inner) used += `${prelude}{${inner}}`;
    } else if (block === null || prelude.startsWith('@') || usedIn(page, prelude)) used += text;
  }
  return used;
}

/** The text of the app's stylesheet, once fetched (it is named by its content). */
let stylesheetText: { href: string; css: Promise<string | null> } | null = null;

function textOf(href: string): Promise<string | null> {
  if (stylesheetText?.href === href) return stylesheetText.css;
  const css = fetch(href)
    .then((response) => (response.ok ? response.text() : null))
    .catch(() => null);
  stylesheetText = { href, css };
  // What could not be fetched is fetched again for the next copy.
  void css.then((text) => {
    if (text === null && stylesheetText?.css === css) stylesheetText = null;
  });
  return css;
}

/**
 * The rules of the app's stylesheet that the copy `html` uses, as CSS: each rule whose
 * selector matches the page's html or body element or an element of the copy, in a document
 * of its own built as the service worker's page will be, in the stylesheet's order and inside
 * its media queries (any width: a phone may be turned); other at-rules whole. Null when the
 * stylesheet cannot be read.
 */
export async function firstScreenRules(html: string): Promise<string | null> {
  const href = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.href;
  const css = href ? await textOf(href) : null;
  if (css === null) return null;
  const page = document.implementation.createHTMLDocument('');
  for (const { name, value } of document.documentElement.attributes)
    page.documentElement.setAttribute(name, value);
  page.body.innerHTML = framed(html);
  return rulesUsedIn(page, css);
}

/** Each word in `element` a no-break space: the same lines, none of what they said. */
function blankWords(element: Element): void {
  const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode())
    if (text.nodeValue?.trim()) text.nodeValue = '\u00a0';
}

/** Keeps the copy of the page now shown at `path` (when there is one to keep). */
export async function keepPageSnapshot(path: string): Promise<void> {
  const root = document.getElementById('root');
  const build = buildOf(document.head.innerHTML);
  if (!root || !build || !('caches' in window) || window.location.pathname !== path) return;
  const html = capturePage(root);
  if (html === null) return;
  const css = await firstScreenRules(html);
  await storePageSnapshot(path, { html, css }, { build, title: document.title });
}
