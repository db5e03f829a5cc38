import { DEMO, expect, expectNoSeriousA11yViolations, apiLogin, signedIn, test } from './fixtures.js';

test('the owner records where an informant’s consent is kept, and it stays with the transcript', async ({
  browser,
  baseURL,
  request,
}) => {
  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  await page.getByRole('link', { name: DEMO.project }).click();
  await page.getByRole('button', { name: 'Edit Informant 3' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('group', { name: 'Consent' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the edit dialog with consent');
  await dialog.getByLabel('Consent reference').fill('Samtykkeskjema 3, arkivert hos veileder');
  await dialog.getByLabel('Consent date').fill('2026-03-14');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // Stored: the api answers it, and the dialog shows it when opened again.
  const token = await apiLogin(request, DEMO.student);
  const documents = (await (
    await request.get(`/api/projects/${await projectId(request, token)}/documents`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json()) as {
    id: string;
    title: string;
  }[];
  const informant3 = documents.find((d) => d.title === 'Informant 3')!;
  const consent = await (
    await request.get(`/api/documents/${informant3.id}/consent`, { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  expect(consent).toEqual({ reference: 'Samtykkeskjema 3, arkivert hos veileder', consentDate: '2026-03-14' });
  await page.getByRole('button', { name: 'Edit Informant 3' }).click();
  await expect(page.getByRole('dialog').getByLabel('Consent reference')).toHaveValue(
    'Samtykkeskjema 3, arkivert hos veileder',
  );
  await context.close();
});

async function projectId(request: import('@playwright/test').APIRequestContext, token: string): Promise<string> {
  const projects = (await (
    await request.get('/api/projects', { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as { id: string; name: string }[];
  return projects.find((p) => p.name === DEMO.project)!.id;
}
