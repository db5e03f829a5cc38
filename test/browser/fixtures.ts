import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

/** The api's address is known only after global setup has picked a port. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env['TOLK_BASE_URL'];
    if (!url) throw new Error('TOLK_BASE_URL is not set: global setup did not run');
    await use(url);
  },
});

export { expect };

/** Demo logins; the api creates them on an empty database (fixed, not secret). */
export const DEMO = {
  student: { email: 'student@tolk.example', password: 'tolk-student-demo' },
  supervisor: { email: 'veileder@tolk.example', password: 'tolk-veileder-demo' },
  project: 'Brukermedvirkning i rusomsorgen',
  documents: ['Informant 1', 'Informant 2', 'Informant 3', 'Informant 4'],
} as const;

/** WCAG 2 A and AA checks; serious and critical findings fail the test. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `accessibility violations on ${where}`).toEqual([]);
}
