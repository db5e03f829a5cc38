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
      await form.getByLabel('Description (the definition)').fill('Video og telefon i stedet for møter.');
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

test('on the Codebook tab the owner nests a code by dragging it, merges two after confirming, and does both from the keyboard too', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const token = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await freshProject(request, token, `Ordne ${Date.now()}`);
  const pandemi = await createCode(request, token, projectId, 'Pandemi');
  const relasjoner = await createCode(request, token, projectId, 'Relasjoner');
  const tillit = await createCode(request, token, projectId, 'Tillit');
  const start = TEXT.indexOf('Vi mistet kontakten');
  const coded = await request.post(`/api/documents/${documentId}/codings`, {
    headers: bearer(token),
    data: { codeId: pandemi.id, start, end: start + 'Vi mistet kontakten'.length },
  });
  expect(coded.status()).toBe(201);
  const codes = async () =>
    (await (await request.get(`/api/projects/${projectId}/codes?retired=true`, { headers: bearer(token) })).json()) as {
      id: string;
      name: string;
      parentId: string | null;
      retired?: boolean;
      mergedIntoId?: string;
    }[];
  const row = (page: Page, id: string) => page.locator(`[data-test="codebook-code"][data-code-id="${id}"]`);
  /** Drag a code's row by the pointer and let go over a target that shows once the drag has begun. */
  const drag = async (page: Page, id: string, target: (page: Page) => Locator) => {
    const box = (await row(page, id).locator('.name').boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 30, box.y + box.height / 2 + 8, { steps: 4 });
    const drop = target(page);
    await expect(drop).toBeVisible();
    const at = (await drop.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2, { steps: 6 });
    await page.mouse.up();
  };

  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  try {
    await page.goto(`/projects/${projectId}?tab=codebook`);
    const tree = page.getByRole('list', { name: 'Codes' });
    await expect(tree.getByRole('listitem')).toHaveCount(3);

    await test.step('dragging «Tillit» onto «Relasjoner» nests it there', async () => {
      await drag(page, tillit.id, (p) => row(p, relasjoner.id).locator('[data-test="drop-nest"]'));
      await expect(row(page, tillit.id)).toHaveAttribute('style', /--depth: 1/);
      await expect.poll(async () => (await codes()).find((c) => c.id === tillit.id)?.parentId).toBe(relasjoner.id);
      // A code cannot go under itself or its own sub-codes: no such target while «Relasjoner» is dragged.
      const box = (await row(page, relasjoner.id).locator('.name').boundingBox())!;
      await page.mouse.move(box.x + 10, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 30, box.y + box.height / 2 + 8, { steps: 4 });
      await expect(row(page, pandemi.id).locator('[data-test="drop-nest"]')).toBeVisible();
      await expect(row(page, tillit.id).locator('[data-test="drop-nest"]')).toHaveCount(0);
      // Let go over no target (the page's heading): nothing moves.
      const away = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
      await page.mouse.move(away.x + 5, away.y + 5, { steps: 4 });
      await page.mouse.up();
      await expect(page.locator('[data-test="drop-top"]')).toHaveCount(0);
      expect((await codes()).find((c) => c.id === relasjoner.id)?.parentId).toBeNull();
    });

    await test.step('dragging «Pandemi» onto «Relasjoner» to merge asks first; cancelled, nothing changes', async () => {
      await drag(page, pandemi.id, (p) => row(p, relasjoner.id).locator('[data-test="drop-merge"]'));
      const ask = page.getByRole('alertdialog', { name: 'Merge “Pandemi” into “Relasjoner”?' });
      await expect(ask).toContainText('The one coding of “Pandemi” moves to “Relasjoner”.');
      await page.screenshot({ path: testInfo.outputPath('codebook-merge-ask.png') });
      await ask.getByRole('button', { name: 'Cancel' }).click();
      await expect(ask).toBeHidden();
      expect((await codes()).find((c) => c.id === pandemi.id)?.retired).toBeFalsy();
      await expect(tree.getByRole('listitem')).toHaveCount(3);
    });

    await test.step('confirmed, the codes are merged: the coding moves, «Pandemi» leaves the tree, the history says so', async () => {
      await drag(page, pandemi.id, (p) => row(p, relasjoner.id).locator('[data-test="drop-merge"]'));
      const ask = page.getByRole('alertdialog', { name: 'Merge “Pandemi” into “Relasjoner”?' });
      await ask.getByRole('button', { name: 'Merge' }).click();
      await expect(tree.getByRole('listitem')).toHaveCount(2);
      await expect(row(page, relasjoner.id)).toContainText('1 coding');
      const merged = (await codes()).find((c) => c.id === pandemi.id);
      expect(merged?.retired).toBe(true);
      expect(merged?.mergedIntoId).toBe(relasjoner.id);
      await expect(page.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText('Pandemi');
    });

    await test.step('from the keyboard: «Tillit» back to the top level, then merged into «Relasjoner»', async () => {
      await row(page, tillit.id).getByRole('button', { name: 'Move or merge “Tillit”' }).focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('group', { name: 'Move or merge “Tillit”' });
      await panel.getByLabel('Place under').focus();
      await panel.getByLabel('Place under').selectOption({ label: '(top level)' });
      await panel.getByRole('button', { name: 'Move' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await codes()).find((c) => c.id === tillit.id)?.parentId).toBeNull();
      await expect(row(page, tillit.id)).toHaveAttribute('style', /--depth: 0/);

      await row(page, tillit.id).getByRole('button', { name: 'Move or merge “Tillit”' }).focus();
      await page.keyboard.press('Enter');
      await panel.getByLabel('Merge into').selectOption({ label: 'Relasjoner' });
      await panel.getByRole('button', { name: 'Merge…' }).focus();
      await page.keyboard.press('Enter');
      const ask = page.getByRole('alertdialog', { name: 'Merge “Tillit” into “Relasjoner”?' });
      await expect(ask).toContainText('“Tillit” has no codings.');
      await ask.getByRole('button', { name: 'Merge' }).click();
      await expect(tree.getByRole('listitem')).toHaveCount(1);
      expect((await codes()).find((c) => c.id === tillit.id)?.mergedIntoId).toBe(relasjoner.id);
    });

    await test.step('the page exports the codebook as a REFI-QDA .qdc and offers the import', async () => {
      const download = page.waitForEvent('download');
      await page.locator('[data-test="export-qdc"]').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.qdc$/);
      const xml = await (await file.createReadStream()).toArray();
      const text = Buffer.concat(xml as Buffer[]).toString('utf8');
      expect(text).toContain('<CodeBook');
      expect(text).toContain('name="Relasjoner"');
      expect(text).not.toContain('name="Pandemi"');
      await page.locator('[data-test="import-qdc"]').click();
      await expect(page.getByRole('dialog', { name: 'Import a codebook' })).toBeVisible();
      await page.keyboard.press('Escape');
    });
  } finally {
    await context.close();
  }
});
