import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { apiLogin, DEMO, expect, selectPhrase, signedIn, test } from './fixtures.js';

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
