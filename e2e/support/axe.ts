// axe-core in a journey's page: injects the library (from node_modules, no network) and runs it on
// what the page shows. Journeys assert that no violation of serious or critical impact remains.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS targets of the offending nodes (the first few). */
  targets: string[];
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page; answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Contrast is measured on what settles: a dialog still fading in has its text at partial opacity.
  // Finite animations (enter/leave transitions) are awaited, at most 2 s; endless ones (spinners) are not.
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ])`);
  // Evaluated through the DevTools protocol: the apps' CSP (no inline scripts) does not apply to it.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  // As a string: the e2e project has no DOM types.
  const result = await page.evaluate<AxeViolation[]>(`
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })))
  `);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
