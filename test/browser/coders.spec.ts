import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * «Kodet av» in Norwegian, on the demo project, where the student and the
 * supervisor both coded «Jeg tror egentlig at brukermedvirkning forutsetter
 * …» in Informant 2 with Brukermedvirkning: merged, the passage is listed
 * once with both names; side by side, each person gets a column; the
 * frequency chart downloads as a real PNG under the strict CSP; the
 * agreement page says «Person A/B» and exports its table.
 */
const SHARED = 'Jeg tror egentlig at brukermedvirkning forutsetter at folk har noe å velge mellom.';

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

async function choose(page: Page, field: string, option: string): Promise<void> {
  // Material's floating label covers the select's middle: open it the way a keyboard user does.
  await page.getByRole('combobox', { name: field }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('«Kodet av»: merged lists a shared passage once, side by side a column each, charts as PNG', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to connect/iu.test(message.text())) refused.push(message.text());
  });

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

  await test.step('the default (blind coding off) is everyone merged; «Koder» is gone as a label', async () => {
    await expect(page.getByRole('combobox', { name: 'Kodet av' })).toContainText('Alle, slått sammen');
    await expect(page.getByRole('combobox', { name: 'Koder', exact: true })).toHaveCount(0);
  });

  await test.step('merged: the passage both coded is listed once, naming both', async () => {
    await page.getByRole('tab', { name: 'Kodede utdrag' }).click();
    await page.getByRole('textbox', { name: 'Ord i utdraget' }).fill('forutsetter at folk');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const results = page.locator('.result').filter({ hasText: SHARED });
    await expect(results).toHaveCount(1);
    await expect(results).toContainText('Kodet av: Sara Student, Viktor Veileder');
    await expectNoSeriousA11yViolations(page, 'the merged segments');
  });

  await test.step('side by side: a column per person, each with the passage', async () => {
    await choose(page, 'Kodet av', 'Alle, side om side');
    const columns = page.locator('.side-by-side > div');
    await expect(columns).toHaveCount(2);
    await expect(columns.nth(0).getByRole('heading', { level: 3 })).toHaveText('Sara Student');
    await expect(columns.nth(1).getByRole('heading', { level: 3 })).toHaveText('Viktor Veileder');
    for (const i of [0, 1]) await expect(columns.nth(i).locator('.result').filter({ hasText: SHARED })).toHaveCount(1);
  });

  await test.step('charts side by side: a frequency column per person', async () => {
    await page.getByRole('tab', { name: 'Diagrammer' }).click();
    await page.getByText('Vis tallene').first().click();
    const table = page.locator('[data-testid="frequency-table"]');
    await expect(table.getByRole('columnheader', { name: 'Sara Student: Kodinger' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Viktor Veileder: Kodinger' })).toBeVisible();
  });

  await test.step('the frequency chart downloads as a PNG made in the page (no fetch, nothing refused)', async () => {
    const chart = page.locator('tolk-chart').first();
    await expect(chart.locator('canvas')).toHaveCount(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('code-frequencies.png');
    const png = await bytesOf(download);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Drawn at twice the pixel ratio: tens of kilobytes, not an empty image.
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(5_000_000);
    // The IHDR chunk's width: the chart's width at pixel ratio 2.
    const width = png.readUInt32BE(16);
    const box = (await chart.locator('canvas').boundingBox())!;
    expect(Math.abs(width - Math.round(box.width * 2))).toBeLessThanOrEqual(2);
    expect(refused).toEqual([]);
  });

  await test.step('export merged: the CSV lists the passage once, with both names, in Norwegian', async () => {
    await choose(page, 'Kodet av', 'Alle, slått sammen');
    await page.getByRole('button', { name: 'Eksporter' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Kodede utdrag (CSV)' }).click(),
    ]);
    const csv = (await bytesOf(download)).toString('utf8');
    expect(csv.startsWith('\uFEFFDokument;')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain(';Kodet av');
    const lines = csv.split('\r\n').filter((line) => line.includes(SHARED));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/;"?Sara Student, Viktor Veileder"?$/u);
  });
});

test('agreement in Norwegian: «Person A/B», only transcripts both coded, the table exported', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
  await page.getByLabel('E-post').fill(DEMO.student.email);
  await page.getByLabel('Passord').fill(DEMO.student.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('link', { name: DEMO.project }).click();
  await page.getByRole('link', { name: 'Samsvar' }).click();

  await expect(page.getByRole('combobox', { name: 'Person A' })).toContainText('Sara Student');
  await expect(page.getByRole('combobox', { name: 'Person B' })).toContainText('Viktor Veileder');
  await expect(page.getByRole('combobox', { name: 'Transkripsjoner som telles' })).toContainText(
    'Bare de begge har kodet',
  );
  await expect(page.locator('[data-test="used-documents"]')).toContainText('Informant 2');
  await expect(page.locator('[data-test="used-documents"]')).not.toContainText('Informant 1');
  await expect(page.locator('tr[data-code="pooled"] [data-test="prevalence-a"]')).toContainText('%');
  await expect(page.locator('[data-test="uncoded-note"]')).toBeVisible();

  await page.getByRole('button', { name: 'Eksporter tabellen' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Tabell (Excel)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-samsvar-\d{4}-\d\d-\d\d\.xlsx$/u);
  const xlsx = await bytesOf(download);
  // A zip (an Office file) of some size.
  expect([...xlsx.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  expect(xlsx.length).toBeGreaterThan(3_000);
});
