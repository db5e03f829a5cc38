import { DEMO, apiLogin, expect, expectNoSeriousA11yViolations, signedIn, test } from './fixtures.js';

/*
 * An informant withdraws consent after a deadline snapshot: the owner erases
 * the transcript for good, naming why, and the snapshot shows a tombstone in
 * its place while its other transcript still opens.
 */

const SECRET = 'Fjellrevsommeren';

test('the owner erases a transcript on withdrawn consent; the snapshot shows a tombstone', async ({
  browser,
  baseURL,
  request,
}) => {
  const token = await apiLogin(request, DEMO.student);
  const headers = { Authorization: `Bearer ${token}` };
  const post = async <T>(path: string, data: object): Promise<T> => {
    const answer = await request.post(path, { headers, data });
    expect(answer.status(), `POST ${path}`).toBeLessThan(300);
    return (await answer.json()) as T;
  };
  const project = await post<{ id: string }>('/api/projects', { name: `Samtykke ${Date.now()}` });
  const erased = await post<{ id: string }>(`/api/projects/${project.id}/documents`, {
    title: 'Informant 7',
    text: `Informant 7: ${SECRET} var den beste tida.`,
  });
  await post(`/api/projects/${project.id}/documents`, {
    title: 'Informant 8',
    text: 'Informant 8: Vi hadde det travelt på avdelingen.',
  });
  const snapshot = await post<{ id: string }>(`/api/projects/${project.id}/snapshots`, { name: 'Innlevering' });

  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('button', { name: 'Erase “Informant 7” for good (consent withdrawn)' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading', { name: 'Erase “Informant 7” for good?' })).toBeVisible();
  await expect(dialog).toContainText('its copy in every snapshot');
  await expectNoSeriousA11yViolations(page, 'the erase dialog');
  const reason = dialog.getByLabel('Reason (shown in the snapshots)');
  await expect(reason).toHaveValue('consent withdrawn');
  // A reason is required.
  await reason.fill('');
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(dialog.getByText('Say why it is erased.')).toBeVisible();
  await reason.fill('samtykke trukket');
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('“Informant 7” was erased everywhere.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Informant 7' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Informant 8' })).toBeVisible();

  // The snapshot: a tombstone instead of the transcript; the other one opens with its text.
  await page.goto(`/projects/${project.id}/snapshots/${snapshot.id}`);
  const tombstone = page.locator('[data-test="erased-document"]');
  await expect(tombstone).toHaveText(/Removed .+ by .+: samtykke trukket/);
  await expect(page.getByRole('button', { name: 'Informant 7' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Informant 8' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.transcript')).toContainText('Vi hadde det travelt');
  await expect(page.locator('body')).not.toContainText(SECRET);
  await expectNoSeriousA11yViolations(page, 'a snapshot with an erased transcript');

  // Nothing of it through the api either.
  expect((await request.get(`/api/snapshots/${snapshot.id}/documents/${erased.id}`, { headers })).status()).toBe(404);
  await context.close();
});
