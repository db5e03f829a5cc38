import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { apiLogin, DEMO, expect, expectNoSeriousA11yViolations, selectPhrase, signedIn, test } from './fixtures.js';

/*
 * The project memo is a live document: the student and the supervisor type
 * into it at the same moment, each in their own browser, and both end with
 * both texts, neither losing a word.
 */

async function openProjectMemos(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: DEMO.project }).first().click();
  await page.getByRole('tab', { name: 'Memos' }).click();
  const editor = page.getByRole('textbox', { name: `Project memo of “${DEMO.project}”` });
  await expect(editor).toBeVisible();
  await expect(page.locator('[data-test="project-memo"]')).toContainText('Saved as you write.');
  return editor;
}

test('student and supervisor write the project memo at the same time and keep every word', async ({
  browser,
  baseURL,
}) => {
  const student = await signedIn(browser, baseURL, DEMO.student);
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  try {
    const studentMemo = await openProjectMemos(student.page);
    const supervisorMemo = await openProjectMemos(supervisor.page);

    const studentWords = 'Studenten: temaene ensomhet og mestring går igjen hos alle fire.';
    const supervisorWords = 'Veilederen: husk å skille mellom sosionomer og vernepleiere.';
    await studentMemo.click();
    await supervisorMemo.click();
    // Both type at once, keystroke by keystroke.
    await Promise.all([
      student.page.keyboard.type(studentWords, { delay: 15 }),
      supervisor.page.keyboard.type(supervisorWords, { delay: 15 }),
    ]);
    for (const memo of [studentMemo, supervisorMemo]) {
      await expect(memo).toContainText(studentWords);
      await expect(memo).toContainText(supervisorWords);
    }
    // Each sees that the other is writing here.
    await expect(student.page.locator('[data-test="project-memo"]')).toContainText('Viktor Veileder');

    // Stored: after a reload the memo holds both texts.
    await student.page.reload();
    await student.page.getByRole('tab', { name: 'Memos' }).click();
    const reloaded = student.page.getByRole('textbox', { name: `Project memo of “${DEMO.project}”` });
    await expect(reloaded).toContainText(studentWords);
    await expect(reloaded).toContainText(supervisorWords);
    await expectNoSeriousA11yViolations(student.page, 'the memos tab');

    // Who wrote what: the memo's text in runs, each named by its writer.
    await student.page.getByRole('button', { name: 'Who wrote what' }).click();
    const history = student.page.locator('[data-test="memo-history"]');
    await expect(history.locator('li').filter({ hasText: 'Sara Student' })).toContainText('temaene ensomhet');
    await expect(history.locator('li').filter({ hasText: 'Viktor Veileder' })).toContainText('husk å skille');
    await expect(student.page.getByRole('button', { name: 'Hide who wrote what' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expectNoSeriousA11yViolations(student.page, 'the memos tab with who wrote what');

    // All memos as one Word file, named in the user's language, holding both texts.
    const [download] = await Promise.all([
      student.page.waitForEvent('download'),
      student.page.getByRole('button', { name: 'Download all memos (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-memos-\d{4}-\d\d-\d\d\.docx$/u);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Project memo');
    expect(xml).toContain('temaene ensomhet og mestring');
    expect(xml).toContain('husk å skille mellom sosionomer');
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});

test('a memo on a passage: made from the selected words, written live, listed with the project\u2019s memos', async ({
  browser,
  baseURL,
  request,
}) => {
  const token = await apiLogin(request, DEMO.student);
  const headers = { Authorization: `Bearer ${token}` };
  const projects = (await (await request.get('/api/projects', { headers })).json()) as { id: string; name: string }[];
  const project = projects.find((p) => p.name === DEMO.project)!;
  const documents = (await (await request.get(`/api/projects/${project.id}/documents`, { headers })).json()) as {
    id: string;
    title: string;
  }[];
  const document = documents.find((d) => d.title === 'Informant 3')!;
  const { text } = (await (await request.get(`/api/documents/${document.id}`, { headers })).json()) as { text: string };
  // Four words of the informant's first answer.
  const answer = text.split('\n').find((line) => line.startsWith('Informant'))!;
  const phrase = answer
    .slice(answer.indexOf(':') + 2)
    .split(' ')
    .slice(0, 4)
    .join(' ');
  const words = 'Viktig for kapittel 4: mestring.';

  const student = await signedIn(browser, baseURL, DEMO.student);
  try {
    const page = student.page;
    await page.goto(`/documents/${document.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Informant 3' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
    await selectPhrase(page, phrase);
    await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: 'Memo' }).click();
    const dialog = page.getByRole('dialog', { name: `Memo on the passage \u201c${phrase}\u201d` });
    await expect(dialog).toBeVisible();
    const editor = dialog.getByRole('textbox', { name: `Memo on the passage \u201c${phrase}\u201d` });
    await expect(dialog).toContainText('Saved as you write.');
    await editor.click();
    await page.keyboard.type(words);
    await expect(editor).toContainText(words);
    await expectNoSeriousA11yViolations(page, 'the memo dialog on a passage');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    // The Memos tab lists it as a passage's memo, and it holds the words.
    await page.goto('/projects');
    await page.getByRole('link', { name: DEMO.project }).first().click();
    await page.getByRole('tab', { name: 'Memos' }).click();
    const item = page.locator('.memo-list li').filter({ hasText: phrase });
    await expect(item).toContainText('Passage');
    await item.getByRole('button', { name: `Open the memo on \u201c${phrase}\u201d` }).click();
    await expect(page.getByRole('textbox', { name: `Memo on the passage \u201c${phrase}\u201d` })).toContainText(words);
  } finally {
    await student.context.close();
  }
});
