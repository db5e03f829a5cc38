import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * In Norwegian, on the demo project: the quote report's dialog offers its
 * formats and options and downloads a report that quotes the passage both
 * people coded once, with both names and its lines; the «Ord» tab shows the
 * word table and cloud, narrows to a code, and «Kod alle forekomster» asks
 * first, naming the count, then codes them as one batch that «Angre» takes back.
 */
const SHARED = 'Jeg tror egentlig at brukermedvirkning forutsetter at folk har noe å velge mellom.';

async function choose(page: Page, field: string, option: string): Promise<void> {
  // Material's floating label covers the select's middle: open it the way a keyboard user does.
  await page.getByRole('combobox', { name: field }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the quote report and word frequencies in Norwegian', async ({ page }, testInfo) => {
  await test.step('sign in in Norwegian and open the analysis', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/login');
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
    await page.getByLabel('E-post').fill(DEMO.student.email);
    await page.getByLabel('Passord').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.getByRole('link', { name: DEMO.project }).click();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analyse' })).toBeVisible();
  });

  await test.step('the report dialog offers formats and options; Markdown quotes the shared passage once', async () => {
    await page.getByRole('button', { name: 'Eksporter' }).click();
    await page.getByRole('menuitem', { name: 'Sitatrapport …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sitatrapport' });
    await expect(dialog).toBeVisible();
    for (const format of ['Word (.docx)', 'OpenDocument (.odt)', 'Markdown (.md)'])
      await expect(dialog.getByRole('radio', { name: format })).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Temaer' })).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Rekkefølge på temaene' })).toContainText('Som i kodeboken');
    await expect(dialog.getByRole('combobox', { name: 'Kodet av' })).toContainText('Alle, slått sammen');
    await expect(dialog.getByRole('combobox', { name: 'Versjon' })).toContainText('Nå');
    await expect(dialog.getByRole('checkbox', { name: 'Ta med definisjonen av hver kode' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Ta med notatet til hver kode' })).not.toBeChecked();
    await expectNoSeriousA11yViolations(page, 'the report dialog');
    await page.screenshot({ path: testInfo.outputPath('report-dialog-1280.png') });

    await dialog.getByRole('radio', { name: 'Markdown (.md)' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Last ned' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-sitater-\d{4}-\d\d-\d\d\.md$/u);
    const md = await readFile(await download.path(), 'utf8');
    expect(md).toContain(`# ${DEMO.project}`);
    expect(md).toContain('**Innhold**');
    const quotes = md.split('\n').filter((line) => line.includes(SHARED));
    expect(quotes).toHaveLength(1);
    const citation = md.split('\n')[md.split('\n').indexOf(quotes[0]) + 2];
    expect(citation).toMatch(/^> — Informant 2, linje \d+.*kodet av Sara Student og Viktor Veileder$/u);
    await expect(dialog).toBeHidden();
  });

  await test.step('Word: the same dialog downloads a DOCX', async () => {
    await page.getByRole('button', { name: 'Eksporter' }).click();
    await page.getByRole('menuitem', { name: 'Sitatrapport …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sitatrapport' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Last ned' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/u);
    const docx = await readFile(await download.path());
    expect(docx.subarray(0, 2).toString('ascii')).toBe('PK');
  });

  await test.step('«Ord»: the table and the cloud, narrowed to a code', async () => {
    await page.getByRole('tab', { name: 'Ord' }).click();
    const table = page.getByTestId('words-table');
    await expect(table.getByRole('columnheader', { name: 'Forekomster', exact: true })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Former' })).toBeVisible();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    const cloud = page.getByTestId('word-cloud');
    await expect(cloud).toBeVisible();
    expect(await cloud.locator('text').count()).toBeGreaterThan(10);
    await expect(page.getByText('Telt over hele transkripsjonene')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the word frequencies');
    await page.screenshot({ path: testInfo.outputPath('words-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({ path: testInfo.outputPath('words-800.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    const all = Number(await rows.first().locator('td').first().textContent());
    await choose(page, 'Tekst', 'Brukermedvirkning');
    await expect(page.getByText('Telt bare over kodet tekst')).toBeVisible();
    await expect(rows.first()).toBeVisible();
    expect(Number(await rows.first().locator('td').first().textContent())).toBeLessThan(all);
    await expect(rows.filter({ has: page.getByRole('rowheader', { name: 'brukermedvirkning' }) })).toHaveCount(1);
  });

  await test.step('«Kod alle forekomster» names the count first, codes them, and «Angre» takes them back', async () => {
    const row = page
      .getByTestId('words-table')
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'brukermedvirkning' }) });
    await row.getByRole('button', { name: 'Kod alle forekomster av «brukermedvirkning»' }).click();
    await choose(page, 'Kod alle treff med', 'Brukermedvirkning');
    await page.getByRole('button', { name: 'Kod alle forekomster', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText(/av «brukermedvirkning» i \d+ transkripsjon(er)? med «Brukermedvirkning»/u);
    const count = Number(/alle (\d+) forekomstene/u.exec((await confirm.textContent())!)![1]);
    expect(count).toBeGreaterThan(1);
    await page.screenshot({ path: testInfo.outputPath('code-all-confirm-1280.png') });
    await confirm.getByRole('button', { name: `Kod ${count} forekomster` }).click();
    const snack = page.locator('mat-snack-bar-container');
    await expect(snack).toContainText(/utdrag kodet med Brukermedvirkning/u);
    const coded = Number(/(\d+) utdrag kodet/u.exec((await snack.textContent())!)![1]);
    expect(coded).toBeGreaterThan(0);
    expect(coded).toBeLessThanOrEqual(count);
    await snack.getByRole('button', { name: 'Angre' }).click();
    await expect(page.locator('mat-snack-bar-container').filter({ hasText: 'tatt tilbake' })).toContainText(
      `${coded} kodinger tatt tilbake`,
    );
  });
});
