/**
 * Keyboard-only use and what a keyboard user sees: moving focus with Tab / Shift+Tab until
 * it reaches an element (failing with where focus went instead), waiting for focus to land,
 * and the two WCAG 2.2 checks measured in the page: target size (2.5.8) and a visible
 * focus indicator (2.4.7).
 */
import type { Locator, Page } from 'playwright-core';
import { until } from '../helpers/until';

export const isFocused = (target: Locator) =>
  target.evaluate((element) => element === document.activeElement);

/** A short description of the focused element, for failure messages. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}"`;
  });
}

export async function waitForFocus(target: Locator, what: string): Promise<void> {
  const page = target.page();
  await until(() => isFocused(target), { timeout: 5_000, message: `focus on ${what}` }).catch(
    async (error: Error) => {
      throw new Error(`${error.message}; focus is on ${await focusedElement(page)}`);
    },
  );
}

/** Presses Tab (or Shift+Tab) until `target` has focus; at most `max` presses. */
export async function tabTo(
  target: Locator,
  what: string,
  { backwards = false, max = 60 } = {},
): Promise<void> {
  const page = target.page();
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await isFocused(target)) return;
    passed.push(await focusedElement(page));
  }
  throw new Error(`${what} never got focus after ${max} presses; passed ${passed.join(', ')}`);
}

const controls =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

export interface SmallTarget {
  element: string;
  width: number;
  height: number;
}

/**
 * Visible controls smaller than 24×24 CSS px (WCAG 2.2 2.5.8). A control inside a label
 * counts with its label (clicking either works); links inside a sentence are exempt
 * (the "inline" exception); controls above the page (a skip link before it is focused)
 * are not visible.
 */
export function smallTargets(page: Page): Promise<SmallTarget[]> {
  return page.evaluate((selector) => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const isInlineLink = (el: Element) => {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement;
      const own = (el.textContent ?? '').trim();
      return !!block && (block.textContent ?? '').trim().length > own.length;
    };
    const small: { element: string; width: number; height: number }[] = [];
    for (const el of document.querySelectorAll(selector)) {
      const style = getComputedStyle(el);
      let rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
      if (rect.bottom + window.scrollY <= 0 || rect.right + window.scrollX <= 0) continue;
      if (isInlineLink(el)) continue;
      const label = el instanceof HTMLInputElement ? el.closest('label') : null;
      if (label) rect = label.getBoundingClientRect();
      if (rect.width < 24 - 0.01 || rect.height < 24 - 0.01)
        small.push({
          element: describe(label ?? el),
          width: Math.round(rect.width * 10) / 10,
          height: Math.round(rect.height * 10) / 10,
        });
    }
    return small;
  }, controls);
}

/**
 * Tabs through the whole page from the top and returns every control whose focus looks the
 * same as without focus (no outline and no box-shadow change), and the number of tab stops.
 */
export async function focusWithoutIndicator(
  page: Page,
): Promise<{ stops: number; invisible: string[] }> {
  await page.evaluate((selector) => {
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
    };
    const unfocused = new Map<Element, string>();
    for (const el of document.querySelectorAll(selector)) unfocused.set(el, look(el));
    (window as unknown as { __unfocused: Map<Element, string> }).__unfocused = unfocused;
    (document.activeElement as HTMLElement | null)?.blur();
  }, controls);
  const invisible: string[] = [];
  let first: string | null = null;
  let stops = 0;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const now = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
      const before = (window as unknown as { __unfocused: Map<Element, string> }).__unfocused.get(
        el,
      );
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
      const shadow = s.boxShadow !== 'none';
      const id = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 30)}" @${Math.round(el.getBoundingClientRect().top + window.scrollY)}`;
      return { id, visible: (outline || shadow) && now !== before };
    });
    if (!step || step.id === first) break;
    first ??= step.id;
    stops++;
    if (!step.visible) invisible.push(step.id);
  }
  return { stops, invisible };
}
