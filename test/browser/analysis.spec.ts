import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * The analysis page of the demo project: the charts draw, the Norwegian
 * search finds "digitaliseringen" for "digitalisering", its hit links to the
 * passage, and "code all hits" shows in the frequencies until it is undone.
 */
test('the demo student reads the charts, searches the transcripts and codes all hits', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.student.email);
  await page.getByLabel('Password').fill(DEMO.student.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: DEMO.project }).click();

  await test.step('the project page leads to the analysis, whose charts draw', async () => {
    await page.getByRole('link', { name: 'Analysis' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analysis' })).toBeVisible();
    await expect(page).toHaveTitle(`Analysis · ${DEMO.project} – Tolk`);
    const chart = page.getByRole('img', { name: 'Code frequencies' });
    await expect(chart).toBeVisible();
    // ECharts draws on a canvas of the chart's size.
    await expect(chart.locator('canvas')).toHaveCount(1);
    expect((await chart.locator('canvas').boundingBox())!.height).toBeGreaterThan(100);
    await expect(page.getByRole('img', { name: 'Codes by attribute or transcript' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the analysis charts');
  });

  await test.step('search finds a word form (Norwegian stemming) and links to it', async () => {
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search for' }).fill('digitalisering');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(/\d+ hits? in \d+ transcripts?/);
    const mark = page.locator('mark').first();
    await expect(mark).toHaveText(/^digitaliseringen$/i);
    await expectNoSeriousA11yViolations(page, 'the search results');
  });

  await test.step('code all hits, see them counted, undo', async () => {
    const hits = Number((await page.getByRole('status').textContent())!.match(/(\d+) hits/)![1]);
    // Material's floating label covers the select's middle: open it the way a keyboard user does.
    await page.getByRole('combobox', { name: 'Code every hit with' }).focus();
    await page.keyboard.press('Enter');
    const option = page.getByRole('option').first();
    const codeName = (await option.textContent())!.trim();
    await option.click();
    await page.getByRole('button', { name: `Code all ${hits} hits` }).click();
    const snack = page.locator('mat-snack-bar-container');
    await expect(snack).toContainText(`${hits} passages coded with ${codeName}`);

    await page.getByRole('tab', { name: 'Coded segments' }).click();
    await expect(
      page
        .locator('.result__quote mark, .result__quote a')
        .filter({ hasText: /digitaliseringen/i })
        .first(),
    ).toBeVisible();

    await snack.getByRole('button', { name: 'Undo' }).click();
    // The first message may still be leaving while this one comes.
    await expect(page.locator('mat-snack-bar-container').filter({ hasText: 'taken back' })).toContainText(
      `${hits} codings taken back`,
    );
  });

  await test.step('a hit opens the transcript at its place', async () => {
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search for' }).fill('digitalisering');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.result__quote a').first().click();
    await expect(page).toHaveURL(/\/documents\/[0-9a-f-]+\?at=\d+-\d+$/);
    await expect(page.getByRole('textbox', { name: /transcript/i })).toContainText(/digitaliseringen/i);
  });
});
