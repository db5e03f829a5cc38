import { resolve } from 'node:path';
import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * Importing transcripts: the demo student imports a WebVTT file through the
 * import dialog's file chooser, with an attribute, sees what the server made
 * of it (title, length, speakers with their turns) and finds it in the list;
 * then a broken file together with a good one: the summary shows why the
 * server refused the one (its reason, translated) and the import of the other.
 */

test('the student imports a WebVTT transcript and sees the summary, then a broken file and its error', async ({
  page,
}, testInfo) => {
  // The config's testDir is test/browser; the files live in test/fixtures.
  const fixture = (path: string): string => resolve(testInfo.config.rootDir, '../fixtures', path);
  // Unique, so a rerun against a kept server finds this run's document.
  const title = `Intervju ${Date.now().toString(36)}`;

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

  const dialog = page.getByRole('dialog', { name: 'Add or import documents' });
  const dropZone = dialog.getByRole('button', { name: /Drop files here or choose files/ });

  await test.step('the import dialog shows the drop zone and the accepted formats', async () => {
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(dialog).toBeVisible();
    // Pasting text is still the first way in.
    await expect(dialog.getByLabel('Transcript')).toBeVisible();
    await dialog
      .getByRole('radio', { name: 'Upload a file' })
      .or(dialog.getByRole('button', { name: 'Upload a file' }))
      .click();
    await expect(dropZone).toBeVisible();
    await expect(dropZone).toHaveAccessibleDescription(/\.txt, \.docx, \.vtt, \.srt/);
    await expectNoSeriousA11yViolations(page, 'the import dialog');
  });

  await test.step('choose intervju.vtt with the file chooser, add an attribute and import', async () => {
    const chooser = page.waitForEvent('filechooser');
    await dropZone.click();
    await (await chooser).setFiles(fixture('ok/intervju.vtt'));
    await expect(dialog.getByRole('status')).toHaveText('1 file chosen: intervju.vtt');
    const files = dialog.getByRole('list', { name: 'Files to import' });
    await expect(files.getByRole('listitem')).toHaveCount(1);
    await expect(files).toContainText('intervju.vtt');

    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('button', { name: 'Add attribute' }).click();
    await dialog.getByRole('textbox', { name: 'Attribute' }).fill('utdanning');
    await dialog.getByRole('textbox', { name: 'Value' }).fill('sosionom');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  });

  await test.step('the summary shows the title, the length and the speakers with their turns', async () => {
    await expect(dialog.getByRole('heading', { name: 'Import summary' })).toBeVisible();
    await expect(dialog).toContainText('1 imported, 0 not imported.');
    const item = dialog.getByRole('listitem').filter({ hasText: 'intervju.vtt' });
    await expect(item).toContainText('Imported');
    await expect(item.getByRole('link', { name: title })).toBeVisible();
    await expect(item).toContainText(/\d[\d,]* characters/);
    await expect(item).toContainText('Intervjuer — 3 turns, Informant 2 — 2 turns');
    await expectNoSeriousA11yViolations(page, 'the import summary');
    await page.screenshot({ path: testInfo.outputPath('import-summary.png') });
  });

  await test.step('the new document is in the list, with its attribute', async () => {
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('table', { name: 'Documents' }).getByRole('row').filter({ hasText: title });
    await expect(row.getByRole('link', { name: title, exact: true })).toBeVisible();
    await expect(row).toContainText('sosionom');
  });

  await test.step('a WebVTT file without its header is refused with its reason, translated; the other file still imports', async () => {
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(dialog).toBeVisible();
    await dialog
      .getByRole('radio', { name: 'Upload a file' })
      .or(dialog.getByRole('button', { name: 'Upload a file' }))
      .click();
    await dialog
      .locator('input[type="file"]')
      .setInputFiles([fixture('not-ok/uten-header.vtt'), fixture('ok/intervju.srt')]);
    await expect(dialog.getByRole('status')).toHaveText('2 files chosen: uten-header.vtt, intervju.srt');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await expect(dialog.getByRole('heading', { name: 'Import summary' })).toBeVisible();
    await expect(dialog).toContainText('1 imported, 1 not imported.');
    const item = dialog.getByRole('listitem').filter({ hasText: 'uten-header.vtt' });
    await expect(item).toContainText('Not imported');
    await expect(item).toContainText('The server did not accept the document:');
    // The server's reason in the reader's language, never its English sentence.
    await expect(item.locator('.server-message')).toHaveText(
      /This subtitle file has no readable cues\.|The server could not accept what was sent\./,
    );
    await expect(item).not.toContainText('WEBVTT');
    await expectNoSeriousA11yViolations(page, 'the import summary with an error');
    await expect(dialog.getByRole('listitem').filter({ hasText: 'intervju.srt' })).toContainText('Imported');
    await page.screenshot({ path: testInfo.outputPath('import-error.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: /uten-header/ })).toHaveCount(
      0,
    );
  });

  await test.step('a title in the summary closes the dialog and opens the transcript', async () => {
    const another = `${title} b`;
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(dialog).toBeVisible();
    await dialog
      .getByRole('radio', { name: 'Upload a file' })
      .or(dialog.getByRole('button', { name: 'Upload a file' }))
      .click();
    await dialog.locator('input[type="file"]').setInputFiles(fixture('ok/intervju.vtt'));
    await dialog.getByRole('textbox', { name: 'Title' }).fill(another);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('heading', { name: 'Import summary' })).toBeVisible();
    await dialog.getByRole('link', { name: another }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/documents\//);
    await expect(page.getByRole('heading', { level: 1, name: another })).toBeVisible();
    // Focus went to the new page, not to a button of the page behind the closed dialog.
    await expect(page.locator('#main')).toBeFocused();
  });
});

test('keyboard only: import a file, land on the summary, open the transcript from its title', async ({
  page,
}, testInfo) => {
  const fixture = (path: string): string => resolve(testInfo.config.rootDir, '../fixtures', path);
  const title = `Tastatur ${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await page.getByLabel('Email').focus();
  await page.keyboard.type(DEMO.student.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(DEMO.student.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByRole('link', { name: DEMO.project }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: DEMO.project })).toBeVisible();

  const dialog = page.getByRole('dialog', { name: 'Add or import documents' });
  await page.getByRole('button', { name: 'Add document' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  // The dialog opens with the cursor in its first field.
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await page.keyboard.type(title);
  const upload = dialog
    .getByRole('radio', { name: 'Upload a file' })
    .or(dialog.getByRole('button', { name: 'Upload a file' }));
  await upload.focus();
  await page.keyboard.press('Space');
  // Choosing the file is the operating system's dialog; the rest is keys.
  await dialog.locator('input[type="file"]').setInputFiles(fixture('ok/intervju.vtt'));
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
  await dialog.getByRole('button', { name: 'Import', exact: true }).focus();
  await page.keyboard.press('Enter');

  // The Import button is gone with the form: focus is on the summary, not on the page's body.
  const heading = dialog.getByRole('heading', { name: 'Import summary' });
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('link', { name: title })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('#main')).toBeFocused();
});
