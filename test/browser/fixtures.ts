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
  // Playwright reads the fixtures a function needs from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
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

/**
 * Makes `who` a member of the project the way people join: the owner invites the address (202) and
 * `who` accepts the invitation (docs/api.md, invitations).
 */
export async function joinByInvitation(
  request: APIRequestContext,
  ownerToken: string,
  projectId: string,
  who: Credentials,
  role: 'supervisor' | 'coder' | 'viewer' | 'owner',
): Promise<void> {
  const invited = await request.post(`/api/projects/${projectId}/invitations`, {
    headers: { Authorization: `Bearer ${ownerToken}` },
    data: { email: who.email, role },
  });
  expect(invited.status()).toBe(202);
  // Only the credentials: the login body takes nothing else (`who` may carry a name).
  const token = await apiLogin(request, { email: who.email, password: who.password });
  const headers = { Authorization: `Bearer ${token}` };
  const pending = (await (await request.get('/api/invitations', { headers })).json()) as {
    id: string;
    projectId: string;
  }[];
  const invitation = pending.find((i) => i.projectId === projectId);
  expect(invitation, `an invitation to ${projectId} for ${who.email}`).toBeDefined();
  expect((await request.post(`/api/invitations/${invitation?.id}/accept`, { headers })).status()).toBe(200);
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

/**
 * Switch an open transcript from reading and coding (the default) to editing
 * its text, and wait until the page says so.
 */
export async function editText(page: Page, names = { mode: 'Mode', edit: 'Edit text' }): Promise<void> {
  await page.getByRole('radiogroup', { name: names.mode }).getByRole('radio', { name: names.edit }).click();
  await expect(page.locator('[data-test="editing-note"]')).toBeVisible();
}

/**
 * Select a phrase with the mouse, as a person would: press before its first
 * character and release after its last.
 */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  const ends = await page.evaluate((wanted) => {
    const root = document.querySelector('.cm-content');
    if (!root) return null;
    // Marks (speaker labels, others' selections) split the text into many
    // nodes; widgets (others' carets with their names) are not text at all.
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('[contenteditable="false"]:not(.cm-content)')) nodes.push(node as Text);
    }
    const text = nodes.map((n) => n.data).join('');
    const at = text.indexOf(wanted);
    if (at === -1) return null;
    const locate = (offset: number, end: boolean): [Text, number] => {
      let passed = 0;
      for (const node of nodes) {
        if (offset < passed + node.data.length || (end && offset === passed + node.data.length))
          return [node, offset - passed];
        passed += node.data.length;
      }
      throw new Error('offset outside the text');
    };
    const range = document.createRange();
    range.setStart(...locate(at, false));
    range.setEnd(...locate(at + wanted.length, true));
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    const first = rects[0];
    const last = rects[rects.length - 1];
    return { x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2 };
  }, phrase);
  expect(ends, `"${phrase}" is in the transcript`).not.toBeNull();
  await page.mouse.move(ends!.x0, ends!.y0);
  await page.mouse.down();
  await page.mouse.move((ends!.x0 + ends!.x1) / 2, (ends!.y0 + ends!.y1) / 2, { steps: 3 });
  await page.mouse.move(ends!.x1, ends!.y1, { steps: 3 });
  await page.mouse.up();
}
