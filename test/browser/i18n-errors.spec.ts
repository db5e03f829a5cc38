import { resolve } from 'node:path';
import { DEMO, apiLogin, expect, test } from './fixtures.js';

/*
 * The interface in Norwegian, and three refusals from the server: a code name
 * that already exists, a deadline in the past and an upload it cannot read.
 * Each time the reader gets the reason in Norwegian; the server's English
 * sentence (which it still sends for people reading the JSON) never shows.
 */

test('with the interface in Norwegian, the server’s refusals are shown in Norwegian, never in English', async ({
  page,
  request,
}, testInfo) => {
  const fixture = (path: string): string => resolve(testInfo.config.rootDir, '../fixtures', path);
  const token = await apiLogin(request, DEMO.student);
  const headers = { authorization: `Bearer ${token}` };
  const projects = (await (await request.get('/api/projects', { headers })).json()) as { id: string; name: string }[];
  const project = projects.find((p) => p.name === DEMO.project)!;
  const documents = (await (await request.get(`/api/projects/${project.id}/documents`, { headers })).json()) as {
    id: string;
    title: string;
  }[];
  const document = documents.find((d) => d.title === DEMO.documents[0])!;

  await test.step('choose Norsk on the login page; the choice survives a reload', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/login');
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
    await expect(page.getByRole('button', { name: 'Logg inn' })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await page.getByLabel('E-post').fill(DEMO.student.email);
    await page.getByLabel('Passord').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/projects$/);
  });

  await test.step('a new code named like an existing one', async () => {
    await page.goto(`/documents/${document.id}`);
    await page.getByRole('button', { name: 'Ny kode' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny kode' });
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Digitalisering');
    await dialog.getByRole('button', { name: 'Opprett' }).click();
    const message = page.locator('mat-snack-bar-container');
    await expect(message).toContainText('Kunne ikke lage koden. Det finnes allerede en kode med dette navnet her.');
    await expect(message).not.toContainText('already exists');
    await page.screenshot({ path: testInfo.outputPath('nb-duplicate-code.png') });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await message.getByRole('button', { name: 'Lukk' }).click();
    await expect(message).toBeHidden();
  });

  await test.step('a deadline in the past', async () => {
    await page.goto(`/projects/${project.id}`);
    await page.getByRole('tab', { name: 'Tidslinje' }).click();
    await page.getByRole('textbox', { name: 'Frist', exact: true }).fill('For sent');
    await page.getByLabel('Tidspunkt').fill('2020-01-15T12:00');
    await page.getByRole('button', { name: 'Legg til frist' }).click();
    const message = page.locator('mat-snack-bar-container');
    await expect(message).toContainText('Kunne ikke legge til fristen.');
    // The reason (deadline_in_past) in Norwegian.
    await expect(message).toContainText('Fristen må ligge fram i tid.');
    await expect(message).not.toContainText('dueAt');
    await expect(message).not.toContainText('future');
    await page.screenshot({ path: testInfo.outputPath('nb-past-deadline.png') });
  });

  await test.step('an upload the server refuses', async () => {
    await page.getByRole('tab', { name: 'Dokumenter' }).click();
    await page.getByRole('button', { name: 'Legg til dokument' }).click();
    const dialog = page.getByRole('dialog', { name: 'Legg til eller importer dokumenter' });
    await dialog
      .getByRole('radio', { name: 'Last opp fil' })
      .or(dialog.getByRole('button', { name: 'Last opp fil' }))
      .click();
    await dialog.locator('input[type="file"]').setInputFiles([fixture('not-ok/uten-header.vtt')]);
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect(dialog.getByRole('heading', { name: 'Importsammendrag' })).toBeVisible();
    const item = dialog.getByRole('listitem').filter({ hasText: 'uten-header.vtt' });
    await expect(item).toContainText('Ikke importert');
    await expect(item).toContainText('Serveren godtok ikke dokumentet:');
    // The reason (unreadable_subtitles) in Norwegian.
    await expect(item.locator('.server-message')).toHaveText('Denne undertekstfilen har ingen tekster som kan leses.');
    await expect(item).not.toContainText('WEBVTT');
    await expect(item).not.toContainText('first line');
    await page.screenshot({ path: testInfo.outputPath('nb-refused-upload.png') });
  });
});
