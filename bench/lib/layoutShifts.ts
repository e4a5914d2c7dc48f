/**
 * The layout shifts of a page load, with the elements that moved (Lighthouse 12.2.3's
 * `layout-shifts` audit fails with this Chromium: its TraceElements gatherer errors), read
 * with a `layout-shift` PerformanceObserver in Chromium at Lighthouse's mobile viewport
 * and 4x CPU slowdown.
 */
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './build';

export interface Shift {
  at: number;
  value: number;
  sources: string[];
}

export async function layoutShifts(url: string): Promise<Shift[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    const context = await browser.newContext({
      viewport: { width: 412, height: 823 },
      deviceScaleFactor: 1.75,
      isMobile: true,
      hasTouch: true,
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      const w = window as unknown as { __shifts: Shift[] };
      w.__shifts = [];
      const describe = (node: Node | null) => {
        if (!(node instanceof Element)) return String(node?.nodeName ?? 'null');
        const cls =
          node.className && typeof node.className === 'string'
            ? `.${node.className.split(' ').join('.')}`
            : '';
        return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${cls} "${(node.textContent ?? '').trim().slice(0, 40)}"`;
      };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          startTime: number;
          value: number;
          hadRecentInput: boolean;
          sources: { node: Node | null }[];
        }[])
          if (!entry.hadRecentInput)
            w.__shifts.push({
              at: entry.startTime,
              value: entry.value,
              sources: entry.sources.map((s) => describe(s.node)),
            });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    return await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  } finally {
    await browser.close();
  }
}
