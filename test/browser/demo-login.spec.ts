import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

test('the demo student logs in, opens the demo project and works in bokmål', async ({ page }) => {
  await test.step('the login page, in English for an English browser', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page).toHaveTitle('Log in – Tolk');
    await expectNoSeriousA11yViolations(page, 'the login page');
  });

  await test.step('log in as the demo student', async () => {
    await page.getByLabel('Email').fill(DEMO.student.email);
    await page.getByLabel('Password').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  });

  const projectLink = page.getByRole('link', { name: DEMO.project });
  await test.step('the project list shows the demo project', async () => {
    await expect(projectLink).toBeVisible();
    await expect(page).toHaveTitle('Projects – Tolk');
    await expectNoSeriousA11yViolations(page, 'the project list');
  });

  await test.step('the project page lists the four transcripts', async () => {
    await projectLink.click();
    await expect(page.getByRole('heading', { level: 1, name: DEMO.project })).toBeVisible();
    await expect(page).toHaveTitle(`${DEMO.project} – Tolk`);
    const table = page.getByRole('table', { name: 'Documents' });
    for (const title of DEMO.documents) {
      await expect(table.getByRole('link', { name: title, exact: true })).toBeVisible();
    }
    await expect(table.getByRole('link', { name: /^Informant \d+$/ })).toHaveCount(4);
    // The attribute that the demo's analysis cross-tabulates.
    await expect(table.getByText(/sosionom|vernepleier/).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the project page');
  });

  const language = page.getByRole('radiogroup', { name: /^(Language|Språk)$/ });
  await test.step('switch to bokmål', async () => {
    await language.getByRole('radio', { name: 'Norsk' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('tab', { name: 'Dokumenter' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Medlemmer' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Alle prosjekter' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Tittel' })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'Språk' })).toBeVisible();
    await expect(page.getByText('Documents', { exact: true })).toHaveCount(0);
  });

  await test.step('after a reload the session and the language are still there', async () => {
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1, name: DEMO.project })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Dokumenter' })).toBeVisible();
    await expect(language.getByRole('radio', { name: 'Norsk' })).toBeChecked();
    await expect(
      page.getByRole('table', { name: 'Dokumenter' }).getByRole('link', { name: /^Informant \d+$/ }),
    ).toHaveCount(4);
    await expectNoSeriousA11yViolations(page, 'the project page in bokmål');
  });

  await test.step('the project list and the login page are in bokmål too', async () => {
    await page.getByRole('link', { name: 'Alle prosjekter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Prosjekter' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Opprett prosjekt' })).toBeVisible();
    await expect(page).toHaveTitle('Prosjekter – Tolk');
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
    await expect(page.getByLabel('E-post')).toBeVisible();
    await expect(page.getByLabel('Passord')).toBeVisible();
  });
});
