import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { apiLogin, DEMO, expect, joinByInvitation, selectPhrase, signedIn, test } from './fixtures.js';

/*
 * The codebook as a workbench: codes keep the key they were given, whatever
 * is added or renamed around them, and that key codes the selection.
 */

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const TEXT = [
  'Intervjuer: Hvordan var det å jobbe under pandemien?\n',
  'Informant 2: Vi mistet kontakten med mange av brukerne, og det tok lang tid å bygge den opp igjen.\n',
  'Intervjuer: Hva hjalp?\n',
  'Informant 2: Faste avtaler hver uke, og at vi var ærlige om hva vi ikke visste.',
].join('');

async function freshProject(request: APIRequestContext, token: string, name: string) {
  const project = await request.post('/api/projects', { headers: bearer(token), data: { name } });
  expect(project.status()).toBe(201);
  const projectId = ((await project.json()) as { id: string }).id;
  const document = await request.post(`/api/projects/${projectId}/documents`, {
    headers: bearer(token),
    data: { title: 'Informant 2', text: TEXT },
  });
  expect(document.status()).toBe(201);
  return { projectId, documentId: ((await document.json()) as { id: string }).id };
}

async function createCode(request: APIRequestContext, token: string, projectId: string, name: string) {
  const created = await request.post(`/api/projects/${projectId}/codes`, { headers: bearer(token), data: { name } });
  expect(created.status(), `create code ${name}`).toBe(201);
  return (await created.json()) as { id: string; shortcut: string | null };
}

const codeRow = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Codebook' }).getByRole('listitem').filter({ hasText: name });
const keyOf = (page: Page, name: string): Locator => codeRow(page, name).locator('kbd');

test('shortcut keys stay with their codes when a code is added, and a key codes the selection', async ({
  browser,
  baseURL,
  request,
}) => {
  const token = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await freshProject(request, token, `Taster ${Date.now()}`);
  expect((await createCode(request, token, projectId, 'Pandemi')).shortcut).toBe('1');
  expect((await createCode(request, token, projectId, 'Relasjoner')).shortcut).toBe('2');

  const student = await signedIn(browser, baseURL, DEMO.student);
  const page = student.page;
  try {
    await page.goto(`/documents/${documentId}`);
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
    await expect(keyOf(page, 'Pandemi')).toHaveText('1');
    await expect(keyOf(page, 'Relasjoner')).toHaveText('2');

    await test.step('a code named to sort first takes the next free key; the others keep theirs', async () => {
      await page.getByRole('button', { name: 'New code' }).click();
      const dialog = page.getByRole('dialog', { name: 'New code' });
      await dialog.getByLabel('Name').fill('Arbeid');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog).toBeHidden();
      // The codebook lists it first (by name), but its key is 3.
      await expect(page.getByRole('list', { name: 'Codebook' }).getByRole('listitem').first()).toContainText('Arbeid');
      await expect(keyOf(page, 'Arbeid')).toHaveText('3');
      await expect(keyOf(page, 'Pandemi')).toHaveText('1');
      await expect(keyOf(page, 'Relasjoner')).toHaveText('2');
    });

    await test.step('in code mode, key 2 codes the selection with “Relasjoner”', async () => {
      await selectPhrase(page, 'Vi mistet kontakten med mange av brukerne');
      await page.keyboard.press('2');
      await expect(codeRow(page, 'Relasjoner')).toContainText('1 in this document');
      await expect(codeRow(page, 'Arbeid')).toContainText('0 in this document');
      await expect(page.locator('.tolk-stripe')).toHaveCount(1);
    });

    await test.step('the code dialog gives “Arbeid” the key 0; 0 then applies it', async () => {
      await codeRow(page, 'Arbeid').getByRole('button', { name: 'Actions for Arbeid' }).click();
      await page.getByRole('menuitem', { name: /Rename or recolour/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit “Arbeid”' });
      const key = dialog.getByLabel('Shortcut key');
      await expect(key).toHaveValue('3');
      // Keys of other codes are named and cannot be chosen.
      await expect(key.locator('option[value="1"]')).toHaveText(/Pandemi/);
      await expect(key.locator('option[value="1"]')).toBeDisabled();
      await key.selectOption('0');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await expect(keyOf(page, 'Arbeid')).toHaveText('0');
      await selectPhrase(page, 'Faste avtaler hver uke');
      await page.keyboard.press('0');
      await expect(codeRow(page, 'Arbeid')).toContainText('1 in this document');
      await expect(page.locator('.tolk-stripe')).toHaveCount(2);
    });

    await test.step('after a reload the keys are the same', async () => {
      await page.reload();
      await expect(keyOf(page, 'Arbeid')).toHaveText('0');
      await expect(keyOf(page, 'Pandemi')).toHaveText('1');
      await expect(keyOf(page, 'Relasjoner')).toHaveText('2');
    });
  } finally {
    await student.context.close();
  }
});

test('the supervisor proposes a new code on the Codebook tab, the owner accepts it, and both see the code', async ({
  browser,
  baseURL,
  request,
}) => {
  const token = await apiLogin(request, DEMO.student);
  const { projectId } = await freshProject(request, token, `Forslag ${Date.now()}`);
  await createCode(request, token, projectId, 'Pandemi');
  await joinByInvitation(request, token, projectId, DEMO.supervisor, 'supervisor');

  const student = await signedIn(browser, baseURL, DEMO.student);
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  const codebookTab = (page: Page) => page.getByRole('tab', { name: 'Codebook' });
  const codesOf = (page: Page) => page.getByRole('list', { name: 'Codes' }).getByRole('listitem');
  try {
    for (const { page } of [student, supervisor]) {
      await page.goto(`/projects/${projectId}?tab=codebook`);
      await expect(codebookTab(page)).toHaveAttribute('aria-selected', 'true');
      await expect(codesOf(page)).toHaveCount(1);
      await expect(codesOf(page).first()).toContainText('Pandemi');
    }

    await test.step('the supervisor proposes «Digitalisering» with a definition and a note', async () => {
      const page = supervisor.page;
      // A supervisor may not change the codebook, only propose.
      await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
      await page.getByRole('button', { name: 'Propose a change' }).click();
      const form = page.getByRole('form', { name: 'Propose a change' });
      await form.getByLabel('Change').selectOption('create');
      await form.getByLabel('Name').fill('Digitalisering');
      await form.getByLabel('Definition: when to use the code').fill('Video og telefon i stedet for møter.');
      await form.getByLabel('Why (for the owner)').fill('Går igjen hos alle informantene.');
      await form.getByRole('button', { name: 'Send proposal' }).click();
      await expect(page.getByRole('list', { name: 'Open proposals' })).toContainText('New code “Digitalisering”');
    });

    await test.step('the owner sees it arrive and accepts it with one click', async () => {
      const open = student.page.getByRole('list', { name: 'Open proposals' });
      await expect(open).toContainText('New code “Digitalisering”');
      await expect(open).toContainText('Proposed by Viktor Veileder');
      await expect(open).toContainText('Går igjen hos alle informantene.');
      await open.getByRole('button', { name: 'Accept' }).click();
      await expect(codesOf(student.page).filter({ hasText: 'Digitalisering' })).toContainText(
        'Video og telefon i stedet for møter.',
      );
      await expect(student.page.getByRole('list', { name: 'Decided proposals' })).toContainText(
        'Accepted by Sara Student',
      );
    });

    await test.step('the supervisor’s view has the new code without a reload, and the history names both', async () => {
      const page = supervisor.page;
      const code = codesOf(page).filter({ hasText: 'Digitalisering' });
      await expect(code).toBeVisible();
      await expect(code.locator('kbd')).toHaveText('2');
      await expect(page.getByRole('list', { name: 'Open proposals' })).toContainText('No open proposals.');
      const history = page.getByRole('list', { name: 'History' });
      await expect(history.getByRole('listitem').first()).toContainText('Sara Student created “Digitalisering”');
      await expect(history.getByRole('listitem').first()).toContainText('(proposed by Viktor Veileder)');
    });
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});
