/**
 * Debian's Chromium driven by playwright-core for the end-to-end tests. One browser per test
 * file; one browser context per person/device (NOTES.md: pages of one context share a
 * BroadcastChannel and would sync without the relay).
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every Chromium of the tests and benches runs with (NOTES.md). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone as residents and committee members use it in the dorpshuis. */
export const phoneProfile = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'nl-NL',
  timezoneId: 'Europe/Amsterdam',
  serviceWorkers: 'allow' as const,
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** A phone-sized device (one browser context per person or device). */
export function newDevice(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, ...phoneProfile });
}
