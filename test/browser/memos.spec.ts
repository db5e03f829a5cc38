import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { DEMO, expect, expectNoSeriousA11yViolations, signedIn, test } from './fixtures.js';

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
