import type { Locator, Page } from '@playwright/test';
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
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});
