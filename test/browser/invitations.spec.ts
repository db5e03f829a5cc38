import type { Browser, BrowserContext, Page } from '@playwright/test';
import { apiLogin, type Credentials, DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * Membership by invitation, in Norwegian: the student (owner of a new
 * project) invites the supervisor by e-mail from the members tab. Nothing
 * says whether the address has an account, and the supervisor is not a
 * member yet. When the supervisor signs in, the header counts the
 * invitation, the inbox offers «Godta»/«Avslå» and the project list shows it
 * too; accepting opens the project.
 */

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function signedInNorwegian(
  browser: Browser,
  baseURL: string | undefined,
  who: Credentials,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-post').fill(who.email);
  await page.getByLabel('Passord').fill(who.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  return { context, page };
}

test('the owner invites the supervisor by e-mail; the supervisor finds it in the inbox, accepts and opens the project', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  const name = `Invitasjon ${Date.now()}`;
  const studentToken = await apiLogin(request, DEMO.student);
  const project = (await (
    await request.post('/api/projects', { headers: bearer(studentToken), data: { name } })
  ).json()) as { id: string };
  const supervisorToken = await apiLogin(request, DEMO.supervisor);
  // Whatever other tests left unread: this one counts from zero.
  expect(
    (await request.post('/api/notifications/read', { headers: bearer(supervisorToken), data: { all: true } })).status(),
  ).toBe(204);

  await test.step('the owner invites the address from the members tab', async () => {
    const { context, page } = await signedInNorwegian(browser, baseURL, DEMO.student);
    try {
      await page.goto(`/projects/${project.id}`);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await page.getByRole('tab', { name: 'Medlemmer' }).click();
      await expect(page.getByRole('heading', { name: 'Inviter et medlem' })).toBeVisible();
      const form = page.locator('form.add-member');
      await form.getByLabel('E-post').fill(DEMO.supervisor.email);
      await form.getByRole('combobox', { name: 'Rolle' }).click();
      await page.getByRole('option', { name: 'Veileder' }).click();
      await form.getByRole('button', { name: 'Inviter', exact: true }).click();
      await expect(page.locator('mat-snack-bar-container')).toContainText(
        `${DEMO.supervisor.email} er invitert. Personen blir medlem ved å godta.`,
      );
      // Not a member until they accept: the list still holds the owner alone.
      await expect(page.locator('table tbody tr')).toHaveCount(1);
    } finally {
      await context.close();
    }
    expect(
      (await request.get(`/api/projects/${project.id}`, { headers: bearer(supervisorToken) })).status(),
      'the supervisor is no member before accepting',
    ).toBe(404);
  });

  const { context, page } = await signedInNorwegian(browser, baseURL, DEMO.supervisor);
  try {
    await test.step('the project list shows the invitation with its role', async () => {
      const invitation = page.locator('[data-test="invitation"]').filter({ hasText: name });
      await expect(invitation).toContainText(`Sara Student inviterte deg til ${name} som Veileder`);
      await expect(invitation.getByRole('button', { name: `Godta invitasjonen til ${name}` })).toBeVisible();
    });

    await test.step('the header counts it, and the inbox offers Godta and Avslå', async () => {
      const inbox = page.getByRole('link', { name: 'Varsler, 1 nye' });
      await expect(inbox).toBeVisible();
      await inbox.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Varsler' })).toBeVisible();
      const item = page.locator('[data-test="notification"]').filter({ hasText: name });
      await expect(item).toContainText('Sara Student inviterte deg til et prosjekt');
      await expect(item).toContainText('som Veileder');
      await expect(item.getByRole('button', { name: `Avslå invitasjonen til ${name}` })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'the inbox with an invitation');
      await item.getByRole('button', { name: `Godta invitasjonen til ${name}` }).click();
    });

    await test.step('accepting opens the project, as a supervisor', async () => {
      await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.locator('mat-snack-bar-container')).toContainText(`Du er nå med i ${name}.`);
      const joined = (await (
        await request.get(`/api/projects/${project.id}`, { headers: bearer(supervisorToken) })
      ).json()) as { role: string };
      expect(joined.role).toBe('supervisor');
      // Answered: nothing waits any more, neither in the list nor in the count.
      expect(
        (await (await request.get('/api/invitations', { headers: bearer(supervisorToken) })).json()) as unknown[],
      ).toEqual([]);
      await expect(page.getByRole('link', { name: 'Varsler', exact: true })).toBeVisible();
    });
  } finally {
    await context.close();
  }
});
