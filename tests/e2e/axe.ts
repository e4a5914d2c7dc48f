/**
 * axe-core in the page under test: WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules, the level
 * Dutch government apps must meet (EN 301 549) and the one Kernplein builds to.
 * `describeViolations` prints each problem's rule, impact and elements, so a failure says
 * what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

/**
 * axe's source, evaluated through the DevTools protocol: the app's Content-Security-Policy
 * (rightly) refuses an injected `<script>` tag, and the tests keep that policy in force.
 */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (values) =>
      (window as unknown as { axe: { run: typeof import('axe-core').run } }).axe.run(document, {
        runOnly: { type: 'tag', values },
      }),
    wcagTags,
  );
  return (results as AxeResults).violations;
}

export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n` +
        v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
}
