import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  test as base,
  type Page,
} from '@playwright/test';

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

export interface Credentials {
  email: string;
  password: string;
}

/** An access token for api calls a test makes on someone's behalf. */
export async function apiLogin(request: APIRequestContext, who: Credentials): Promise<string> {
  const answer = await request.post('/api/auth/login', { data: who });
  expect(answer.status(), `login of ${who.email}`).toBe(200);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

/** A browser context of its own (cookies, sockets) signed in through the login page. */
export async function signedIn(
  browser: Browser,
  baseURL: string | undefined,
  who: Credentials,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  return { context, page };
}
