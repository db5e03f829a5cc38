import { apiLogin, DEMO, expect, expectNoSeriousA11yViolations, joinByInvitation, signedIn, test } from './fixtures.js';

/*
 * The owner pseudonymises a transcript while the supervisor has it open, and
 * reads in the audit log who opened it. On a project of its own, so the demo
 * transcripts the other tests read stay as they are.
 */

const TEXT = 'Intervjuer: Hvor jobbet du?\nOla Nordmann: Jeg jobbet på Kiwi Storo, sammen med Åse.';

test('the owner pseudonymises a transcript the supervisor has open, and reads who opened it', async ({
  browser,
  baseURL,
  request,
}) => {
  const token = await apiLogin(request, DEMO.student);
  const headers = { Authorization: `Bearer ${token}` };
  const project = (await (
    await request.post('/api/projects', { headers, data: { name: 'Pseudonymisering' } })
  ).json()) as { id: string };
  await joinByInvitation(request, token, project.id, DEMO.supervisor, 'supervisor');
  const document = (await (
    await request.post(`/api/projects/${project.id}/documents`, { headers, data: { title: 'Informant 7', text: TEXT } })
  ).json()) as { id: string };

  const { page: supervisor } = await signedIn(browser, baseURL, DEMO.supervisor);
  await supervisor.goto(`/documents/${document.id}`);
  const transcript = supervisor.getByRole('textbox', { name: 'Transcript text' });
  await expect(transcript).toContainText('Ola Nordmann');
  await expect(supervisor.getByRole('status')).toContainText('Connected');

  const { page: owner } = await signedIn(browser, baseURL, DEMO.student);
  await owner.goto(`/projects/${project.id}`);
  await owner.getByRole('tab', { name: 'Settings' }).click();

  await test.step('the owner writes the key list, saves and applies it', async () => {
    await owner
      .getByLabel('Key list', { exact: true })
      .fill('Ola Nordmann = Informant 7\nKiwi Storo = [arbeidsplass]\nbroken line');
    await owner.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect(owner.getByRole('alert')).toContainText('3');
    await owner
      .getByLabel('Key list', { exact: true })
      .fill('Ola Nordmann = Informant 7\nKiwi Storo = [arbeidsplass]\nÅse = Informant 8');
    await owner.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect(owner.locator('mat-snack-bar-container')).toContainText('The key list is saved.');
    await owner.getByRole('button', { name: 'Apply to all transcripts' }).click();
    await owner.getByRole('alertdialog').getByRole('button', { name: 'Apply to all transcripts' }).click();
    await expect(owner.locator('mat-snack-bar-container').last()).toContainText('3 names replaced in 1 transcript.');
  });

  await test.step('the supervisor sees the pseudonyms at once, in the open transcript', async () => {
    await expect(transcript).toContainText('Informant 7: Jeg jobbet på [arbeidsplass], sammen med Informant 8.');
    await expect(transcript).not.toContainText('Ola Nordmann');
  });

  await test.step('the audit log says who opened the transcript, and the key list can be destroyed', async () => {
    await owner.reload();
    await owner.getByRole('tab', { name: 'Settings' }).click();
    const log = owner.getByRole('table', { name: 'Audit log' });
    await expect(
      log.getByRole('row').filter({ hasText: 'Viktor Veileder' }).filter({ hasText: 'Opened a transcript' }),
    ).toContainText('Informant 7');
    await expect(log.getByRole('row').filter({ hasText: 'Applied the pseudonyms to the transcripts' })).toContainText(
      'Sara Student',
    );
    await expectNoSeriousA11yViolations(owner, 'the project settings with pseudonyms and the audit log');
    await owner.getByRole('button', { name: 'Destroy the key list' }).click();
    await owner.getByRole('alertdialog').getByRole('button', { name: 'Destroy the key list' }).click();
    await expect(owner.getByLabel('Key list', { exact: true })).toHaveValue('');
  });

  await test.step('a retention date within 30 days reminds every member in the project header', async () => {
    const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await owner.getByLabel('Erase the project on').fill(soon);
    await owner.getByRole('region', { name: 'Retention' }).getByRole('button', { name: 'Save' }).click();
    await expect(owner.locator('mat-snack-bar-container').last()).toContainText(
      `The project will be erased on ${soon}.`,
    );
    await supervisor.goto(`/projects/${project.id}`);
    await expect(supervisor.getByRole('status').filter({ hasText: 'will be erased' })).toContainText(
      `${soon} (in 10 days)`,
    );
  });
});
