import { readFileSync } from 'node:fs';

/**
 * The version the app shows in its footer: KERNPLEIN_VERSION (a release name or commit, set by
 * the deploy) or package.json's. The build defines it as `__KERNPLEIN_VERSION__`, and so do
 * the tests, for code that renders the footer.
 */
export function appVersion(): string {
  return (
    process.env.KERNPLEIN_VERSION ||
    (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
  );
}
