/**
 * The world of one end-to-end test file: the real server serving a private copy of the
 * build, one Chromium, and a phone-sized browser context per person or device, all closed
 * and removed after the file. Call `e2eSession()` at the top level of the test file.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cleanup, startServer, type ServerHandle } from '../helpers/server';
import { launchChromium, newDevice } from './browser';
import { copyBuild } from './build';

export interface E2eSession {
  readonly server: ServerHandle;
  /** A new device (browser context) on `url` (default: the session's server). */
  device(url?: string): Promise<BrowserContext>;
  /** A page on a new device. */
  phone(url?: string): Promise<Page>;
}

export function e2eSession(): E2eSession {
  let browser: Browser | undefined;
  let server: ServerHandle | undefined;
  const devices: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({ args: ['--static', copyBuild()] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(devices.map((device) => device.close()));
    await browser?.close();
    await cleanup();
  });

  const session: E2eSession = {
    get server() {
      if (!server) throw new Error('e2eSession: the server starts in beforeAll');
      return server;
    },
    async device(url) {
      if (!browser) throw new Error('e2eSession: the browser starts in beforeAll');
      const device = await newDevice(browser, url ?? session.server.url);
      devices.push(device);
      return device;
    },
    async phone(url) {
      return (await session.device(url)).newPage();
    },
  };
  return session;
}
