/**
 * A phone with a real browser profile. Chromium does not offer to install an app from an
 * incognito window, and every `browser.newContext()` is off the record
 * (`Page.getInstallabilityErrors` says `in-incognito`), so the install test runs in a
 * persistent context on a temp profile dir instead: same Chromium, flags and phone size as
 * `newDevice()`.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from '../helpers/server';
import { chromiumFlags, chromiumPath, phoneProfile } from './browser';

export function launchProfileDevice(baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('kernplein-profile-'), {
    executablePath: chromiumPath,
    args: chromiumFlags,
    baseURL,
    ...phoneProfile,
  });
}
