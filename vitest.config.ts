import { defineConfig } from 'vitest/config';
import { appVersion } from './scripts/appVersion';

// Three tiers, run one after the other by `npm test`. Integration and e2e tests start real
// server processes (and Chromium): few at a time, on a 2-core machine, the server built first.
const buildServer = 'tests/helpers/buildServer.ts';
export default defineConfig({
  test: {
    projects: [
      {
        // What the build defines, for code that renders the footer.
        define: { __KERNPLEIN_VERSION__: JSON.stringify(appVersion()) },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: [buildServer],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: [buildServer],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
