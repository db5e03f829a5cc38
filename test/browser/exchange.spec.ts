import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * REFI-QDA exchange as a new user meets it: the demo student exports the
 * demo project and its codebook from the project page, imports the NVivo
 * sample from the project list, reads the summary, opens the new project
 * and finds NVivo's codings in the transcript; then imports a codebook in
 * the codes panel.
 */

test('the student exports the demo project, imports the NVivo sample and a codebook', async ({ page }, testInfo) => {
  const fixture = (path: string): string => resolve(testInfo.config.rootDir, '../fixtures', path);

  await test.step('log in and open the demo project', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO.student.email);
    await page.getByLabel('Password').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.getByRole('link', { name: DEMO.project }).click();
    await expect(page.getByRole('heading', { level: 1, name: DEMO.project })).toBeVisible();
  });

  await test.step('export the project (.qdpx) and the codebook (.qdc)', async () => {
    const projectDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export project (.qdpx)' }).click();
    const qdpx = await projectDownload;
    expect(qdpx.suggestedFilename()).toBe(`${DEMO.project}.qdpx`);
    const bytes = await readFile(await qdpx.path());
    // A zip whose first entry is the project XML.
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(bytes.subarray(30, 30 + 'project.qde'.length).toString('latin1')).toBe('project.qde');

    const codebookDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export codebook (.qdc)' }).click();
    const qdc = await codebookDownload;
    expect(qdc.suggestedFilename()).toBe(`${DEMO.project}.qdc`);
    const xml = await readFile(await qdc.path(), 'utf8');
    expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Tolk');
    await expectNoSeriousA11yViolations(page, 'the project page with its export buttons');
  });

  const dialog = page.getByRole('dialog', { name: 'Import a REFI-QDA project' });

  await test.step('import the NVivo sample from the project list and read the summary', async () => {
    await page.getByRole('link', { name: 'All projects' }).click();
    await page.getByRole('button', { name: 'Import project' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose file' }).click();
    await (await chooser).setFiles(fixture('refi-qda/nvivo-win-12.6_oltas0517.qdpx'));
    await expect(dialog).toContainText('nvivo-win-12.6_oltas0517.qdpx');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await expect(dialog.getByRole('status')).toHaveText('Imported.', { timeout: 30_000 });
    const count = (label: string) => dialog.locator('dl div').filter({ hasText: label }).locator('dd');
    await expect(count('Documents')).toHaveText('2');
    await expect(count('Codes')).toHaveText('152');
    await expect(count('Codings')).toHaveText('303');
    await expect(dialog).toContainText('read as UTF-16 code units (as NVivo writes them)');
    await expectNoSeriousA11yViolations(page, 'the import summary');
    await page.screenshot({ path: testInfo.outputPath('refi-import-summary.png') });
  });

  await test.step('open the new project and see NVivo’s codings on their words', async () => {
    await dialog.getByRole('button', { name: 'Open project' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Untitled' })).toBeVisible();
    await page.getByRole('link', { name: 'videos_10_selected' }).click();
    const codings = page.getByRole('button', { name: /Codings in this document: 303/ });
    await expect(codings).toBeVisible({ timeout: 20_000 });
    // NVivo's first selection: UTF-16 units 3137–3284 of the file's text (BOM not counted, CRLF as two),
    // with emoji and line ends before it. Its quote, cut from the file here:
    const zip = await JSZip.loadAsync(await readFile(fixture('refi-qda/nvivo-win-12.6_oltas0517.qdpx')));
    const raw = (await zip.file('Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt')!.async('string')).replace(
      /^\uFEFF/u,
      '',
    );
    const quote = raw.slice(3137, 3284).replace(/\r\n/gu, '\n');
    expect(quote.length).toBeGreaterThan(40);
    await codings.click();
    const listed = page.locator('#tolk-codings-list .coding-quote').filter({ hasText: quote.slice(0, 40) });
    await expect(listed.first()).toHaveText(quote);
  });

  await test.step('import a codebook (.qdc) in the codes panel: its code joins the tree', async () => {
    const codebookDialog = page.getByRole('dialog', { name: 'Import a codebook' });
    await page.getByRole('button', { name: 'Import codebook' }).click();
    await codebookDialog.locator('input[type="file"]').setInputFiles({
      name: 'extra.qdc',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes><Code guid="0b5e4c1a-0000-4000-8000-000000000002" name="Ny kode fra fil" isCodable="true" color="#336699"/></Codes></CodeBook>',
      ),
    });
    await codebookDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(codebookDialog.getByRole('status')).toHaveText('Imported.');
    await expect(codebookDialog.locator('dl div').filter({ hasText: 'Codes' }).locator('dd')).toHaveText('1');
    await codebookDialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('list', { name: 'Codebook' }).getByText('Ny kode fra fil')).toBeVisible();
  });
});
