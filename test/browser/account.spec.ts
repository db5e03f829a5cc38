import { readFile } from 'node:fs/promises';
import { DEMO, expect, expectNoSeriousA11yViolations, signedIn, test } from './fixtures.js';

test('a member downloads their data, and erases their account unless they alone own a project', async ({
  browser,
  baseURL,
  request,
}) => {
  await test.step('the student downloads everything Tolk keeps about her', async () => {
    const { context, page } = await signedIn(browser, baseURL, DEMO.student);
    await page.getByRole('link', { name: 'Sara Student' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the account page');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as { user?: { email?: string } };
    expect(JSON.stringify(data)).toContain(DEMO.student.email);

    // She alone owns the demo project: the erasure is refused, and says why.
    await page.getByRole('button', { name: 'Erase my account' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Erase my account' }).click();
    await expect(page.getByRole('alert')).toContainText(DEMO.project);
    await expect(page).toHaveURL(/\/account$/);
    await context.close();
  });

  await test.step('a new member erases their account and can no longer sign in', async () => {
    const who = { email: `leaving-${Date.now()}@test.example`, password: 'correct horse battery', name: 'Lea Leaving' };
    expect((await request.post('/api/auth/register', { data: who })).status()).toBe(201);
    const { context, page } = await signedIn(browser, baseURL, who);
    await page.goto('/account');
    await page.getByRole('button', { name: 'Erase my account' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Erase my account' }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(
      (await request.post('/api/auth/login', { data: { email: who.email, password: who.password } })).status(),
    ).toBe(401);
    await context.close();
  });
});
