import type { APIRequestContext } from '@playwright/test';
import { apiLogin, DEMO, expect, expectNoSeriousA11yViolations, selectPhrase, signedIn, test } from './fixtures.js';

/*
 * Working together when not online together: the supervisor comments on a
 * passage of "Informant 4" and names the student, who is signed out. When
 * the student signs in later, the header counts the notification; the inbox
 * lists it; opening it shows the transcript with the thread open at its
 * passage, which is marked in the text. Replying keeps the keyboard focus in
 * the thread.
 */

const NAMES = { student: 'Sara Student', supervisor: 'Viktor Veileder' } as const;
const PASSAGE = 'Vi er helt avhengige av å samarbeide med NAV';
const TITLE = DEMO.documents[3];
const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function documentId(request: APIRequestContext, token: string, title: string): Promise<string> {
  const projects = (await (await request.get('/api/projects', { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const project = projects.find((p) => p.name === DEMO.project)!;
  const documents = (await (
    await request.get(`/api/projects/${project.id}/documents`, { headers: bearer(token) })
  ).json()) as { id: string; title: string }[];
  return documents.find((d) => d.title === title)!.id;
}

test('the supervisor’s mention reaches the student who signs in later, and opens the thread at its passage', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const studentToken = await apiLogin(request, DEMO.student);
  // Whatever other tests left unread: this one counts from zero.
  expect(
    (await request.post('/api/notifications/read', { headers: bearer(studentToken), data: { all: true } })).status(),
  ).toBe(204);
  const docId = await documentId(request, studentToken, TITLE);
  const text = (
    (await (await request.get(`/api/documents/${docId}`, { headers: bearer(studentToken) })).json()) as {
      text: string;
    }
  ).text;
  expect(text, 'the passage is in the demo transcript').toContain(PASSAGE);

  await test.step('the supervisor comments on a passage and names the student, who is signed out', async () => {
    const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
    const page = supervisor.page;
    await page.goto(`/documents/${docId}`);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
    await selectPhrase(page, PASSAGE);
    await page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: 'Comment' }).click();
    const box = page.getByRole('textbox', { name: 'New comment' });
    await expect(box).toBeFocused();
    await box.fill(`@${NAMES.student} dette er et fint sitat om samarbeid.`);
    await page.getByRole('button', { name: 'Comment', exact: true }).last().click();
    await expect(page.getByRole('list', { name: 'Open comments' })).toContainText('fint sitat');
    // The commented words are marked in the supervisor's text too.
    await expect(page.locator('.tolk-commented').filter({ hasText: 'avhengige' }).first()).toBeVisible();
    await supervisor.context.close();
  });

  const student = await signedIn(browser, baseURL, DEMO.student);
  const page = student.page;
  try {
    await test.step('signing in later, the student sees the count in the header and opens the inbox', async () => {
      const inbox = page.getByRole('link', { name: 'Notifications, 1 new' });
      await expect(inbox).toBeVisible();
      await expect(page.locator('[data-test="inbox-count"]')).toHaveText('1 new');
      await inbox.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
      const item = page.locator('[data-test="notification"]').first();
      await expect(item).toContainText(`${NAMES.supervisor} mentioned you in a comment`);
      await expect(item).toContainText(TITLE);
      await expectNoSeriousA11yViolations(page, 'the inbox');
      await page.screenshot({ path: testInfo.outputPath('inbox.png') });
      await item.getByRole('link').click();
    });

    await test.step('the transcript opens with the thread shown at its passage, marked in the text', async () => {
      await expect(page).toHaveURL(new RegExp(`/documents/${docId}\\?comment=`));
      await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
      const thread = page.locator('.thread--selected');
      await expect(thread).toContainText('fint sitat');
      await expect(thread).toContainText(PASSAGE);
      await expect(page.locator('.tolk-commented').filter({ hasText: 'avhengige' }).first()).toBeVisible();
      await expect(page.locator('.tolk-highlight')).toContainText('avhengige');
      // Opened means read.
      await expect(page.locator('[data-test="inbox-count"]')).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath('thread-at-passage.png') });
    });

    await test.step('clicking the marked words opens the thread', async () => {
      await page.getByRole('button', { name: 'Show the passage in the text' }).first().click();
      await expect(page.locator('.thread--selected')).toHaveCount(0);
      await page.locator('.tolk-commented').filter({ hasText: 'avhengige' }).first().click();
      await expect(page.locator('.thread--selected')).toContainText('fint sitat');
    });

    await test.step('replying with the keyboard alone keeps focus in the thread', async () => {
      const thread = page.locator('.thread--selected');
      const replyButton = thread.getByRole('button', { name: 'Reply' });
      await replyButton.focus();
      await page.keyboard.press('Enter');
      const box = page.getByRole('textbox', { name: 'Reply' });
      await expect(box).toBeFocused();
      await page.keyboard.type('Takk, den bruker jeg i kapittel 4.');
      await page.keyboard.press('Control+Enter');
      await expect(thread).toContainText('Takk, den bruker jeg i kapittel 4.');
      // Focus is back on the thread's «Reply», not on the page's body.
      await expect(thread.getByRole('button', { name: 'Reply' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(thread.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(thread.getByRole('button', { name: 'Reply' })).toBeFocused();
    });

    await test.step('the project lists the thread under Comments and counts it in the document list', async () => {
      await page.getByRole('link', { name: 'Back to project' }).click();
      const row = page.getByRole('table', { name: 'Documents' }).getByRole('row').filter({ hasText: TITLE });
      await expect(row.locator('[data-test="document-activity"]')).toContainText(/\d+ open comments?/);
      await page.getByRole('tab', { name: 'Comments' }).click();
      await page.locator('[data-test="mentions-me"]').click();
      const listed = page.locator('[data-test="project-thread"]').filter({ hasText: 'fint sitat' });
      await expect(listed).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'the project comments page');
      await listed.getByRole('link').click();
      await expect(page).toHaveURL(new RegExp(`/documents/${docId}\\?comment=`));
      await expect(page.locator('.thread--selected')).toContainText('fint sitat');
    });
  } finally {
    await student.context.close();
  }
});
