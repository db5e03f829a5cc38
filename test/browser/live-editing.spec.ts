import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { DEMO, editText, expect, expectNoSeriousA11yViolations, joinByInvitation, test } from './fixtures.js';

/*
 * Live transcripts: two people in one document at once, each in their own
 * browser context (own cookies, own socket), against the real api.
 */

interface Credentials {
  email: string;
  password: string;
}

const NAMES = { student: 'Sara Student', supervisor: 'Viktor Veileder' } as const;

async function apiLogin(request: APIRequestContext, who: Credentials): Promise<string> {
  const answer = await request.post('/api/auth/login', { data: who });
  expect(answer.status(), `login of ${who.email}`).toBe(200);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

/** The demo project's id and the id of its first transcript, through the api. */
async function demoIds(request: APIRequestContext, token: string): Promise<{ projectId: string; documentId: string }> {
  const projects = (await (await request.get('/api/projects', { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const project = projects.find((p) => p.name === DEMO.project);
  expect(project, 'the demo project').toBeDefined();
  const documents = (await (
    await request.get(`/api/projects/${project!.id}/documents`, { headers: bearer(token) })
  ).json()) as { id: string; title: string }[];
  const document = documents.find((d) => d.title === DEMO.documents[0]);
  expect(document, 'the first demo transcript').toBeDefined();
  return { projectId: project!.id, documentId: document!.id };
}

async function signedIn(
  browser: Browser,
  baseURL: string | undefined,
  who: Credentials,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  return { context, page };
}

/** The live editor; it replaces the static text once the server's state has arrived. */
function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Transcript text' });
}

/**
 * Put the caret at the start of the transcript. Clicking the first line, not
 * the middle of the editor: CodeMirror renders only the lines on screen, and
 * a click in the middle would scroll the opening out of the DOM.
 */
async function caretToStart(page: Page): Promise<void> {
  await page.locator('.cm-line').first().click();
  await page.keyboard.press('Control+Home');
}

/** Another person's caret label, as y-codemirror.next draws it. */
function cursorLabel(page: Page, name: string): Locator {
  return page.locator('.cm-ySelectionInfo', { hasText: name });
}

async function openLive(page: Page, documentId: string): Promise<void> {
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('heading', { level: 1, name: DEMO.documents[0] })).toBeVisible();
  await expect(editor(page)).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Connected');
  await expect(page.getByRole('status')).toContainText('Saved');
}

test('student and supervisor edit one transcript at once and see each other', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const ownerToken = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await demoIds(request, ownerToken);

  await test.step('the owner lets supervisors edit the text', async () => {
    const answer = await request.patch(`/api/projects/${projectId}`, {
      headers: bearer(ownerToken),
      data: { settings: { supervisorCanEditText: true } },
    });
    expect(answer.status()).toBe(200);
  });

  const student = await signedIn(browser, baseURL, DEMO.student);
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  const studentLine = 'Sara legger til en setning her.';
  const supervisorLine = 'Viktor skriver en kommentar.';

  try {
    await test.step('the supervisor sees on the project page who has a transcript open', async () => {
      await supervisor.page.goto(`/projects/${projectId}`);
      const table = supervisor.page.getByRole('table', { name: 'Documents' });
      await expect(table.getByRole('link', { name: DEMO.documents[0], exact: true })).toBeVisible();
      await openLive(student.page, documentId);
      await editText(student.page);
      const row = table
        .getByRole('row')
        .filter({ has: supervisor.page.getByRole('link', { name: DEMO.documents[0], exact: true }) });
      await expect(row.getByRole('list', { name: 'Open now' })).toContainText(NAMES.student);
      await supervisor.page.screenshot({ path: testInfo.outputPath('project-presence.png') });
      await expectNoSeriousA11yViolations(supervisor.page, 'the project page with presence');
    });

    await test.step('both are in the document, each sees the other in the presence list', async () => {
      await openLive(supervisor.page, documentId);
      await editText(supervisor.page);
      await expect(student.page.getByRole('list', { name: 'In this document' })).toContainText(NAMES.supervisor);
      await expect(supervisor.page.getByRole('list', { name: 'In this document' })).toContainText(NAMES.student);
      await expect(student.page.getByText('Read only', { exact: true })).toHaveCount(0);
      await expect(supervisor.page.getByText('Read only', { exact: true })).toHaveCount(0);
    });

    await test.step('each types a sentence at a different place, at the same time', async () => {
      await Promise.all([
        (async () => {
          // At the very start of the transcript.
          await caretToStart(student.page);
          await student.page.keyboard.type(`${studentLine} `, { delay: 15 });
        })(),
        (async () => {
          // At the end of the third line (End goes to the end of the wrapped row).
          await supervisor.page.locator('.cm-line').nth(2).click();
          await supervisor.page.keyboard.press('End');
          await supervisor.page.keyboard.type(` ${supervisorLine}`, { delay: 15 });
        })(),
      ]);
    });

    await test.step("each sees the other's text and named cursor", async () => {
      for (const { page } of [student, supervisor]) {
        await expect(editor(page)).toContainText(studentLine);
        await expect(editor(page)).toContainText(supervisorLine);
      }
      await expect(cursorLabel(student.page, NAMES.supervisor)).toBeVisible();
      await expect(cursorLabel(supervisor.page, NAMES.student)).toBeVisible();
      await expect(cursorLabel(student.page, NAMES.student)).toHaveCount(0);
      await student.page.screenshot({ path: testInfo.outputPath('two-users-student.png') });
      await supervisor.page.screenshot({ path: testInfo.outputPath('two-users-supervisor.png') });
    });

    await test.step('the text is stored: a reload and the REST api both have it', async () => {
      const answer = await request.get(`/api/documents/${documentId}`, { headers: bearer(ownerToken) });
      const { text } = (await answer.json()) as { text: string };
      expect(text.startsWith(studentLine)).toBe(true);
      expect(text).toContain(supervisorLine);
      await supervisor.page.reload();
      await expect(editor(supervisor.page)).toContainText(studentLine);
    });

    await test.step('undo takes back only one’s own typing', async () => {
      await caretToStart(student.page);
      await student.page.keyboard.type('Angre meg. ');
      await expect(editor(supervisor.page)).toContainText('Angre meg.');
      await student.page.keyboard.press('Control+z');
      await expect(editor(student.page)).not.toContainText('Angre meg.');
      await expect(editor(supervisor.page)).not.toContainText('Angre meg.');
      await expect(editor(student.page)).toContainText(supervisorLine);
    });

    await test.step('offline edits are kept and sent when the connection returns', async () => {
      await student.context.setOffline(true);
      await expect(student.page.getByRole('status')).toContainText(
        'Offline — your edits are kept and will be sent when the connection returns',
      );
      await expect(student.page.getByRole('status')).not.toContainText('Saved');
      await caretToStart(student.page);
      await student.page.keyboard.type('Skrevet uten nett. ');
      await student.page.screenshot({ path: testInfo.outputPath('offline.png') });
      await expect(editor(supervisor.page)).not.toContainText('Skrevet uten nett.');
      await student.context.setOffline(false);
      await expect(student.page.getByRole('status')).toContainText('Saved');
      await expect(editor(supervisor.page)).toContainText('Skrevet uten nett.');
    });

    await test.step('the live page is accessible', async () => {
      await expectNoSeriousA11yViolations(supervisor.page, 'the live document page');
    });
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});

test('a viewer sees the transcript read-only, with the others’ cursors live', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const ownerToken = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await demoIds(request, ownerToken);
  const viewer = {
    email: `viewer-${Date.now()}@tolk.example`,
    password: 'Kv8#rLm2-Wq9pTz', // strong enough for the password policy (zxcvbn score 3+)
    name: 'Vera Viewer',
  };

  await test.step('the owner adds a new account as viewer', async () => {
    const registered = await request.post('/api/auth/register', { data: viewer });
    expect(registered.status()).toBe(201);
    await joinByInvitation(request, ownerToken, projectId, viewer, 'viewer');
  });

  const reader = await signedIn(browser, baseURL, viewer);
  const student = await signedIn(browser, baseURL, DEMO.student);
  try {
    await test.step('the viewer is told the text is read-only, and cannot change it', async () => {
      await openLive(reader.page, documentId);
      await expect(reader.page.getByText('Read only', { exact: true })).toBeVisible();
      const text = editor(reader.page);
      await expect(text).toHaveAttribute('contenteditable', 'false');
      await expect(text).toHaveAttribute('aria-readonly', 'true');
      await reader.page.locator('.cm-line').first().click();
      await reader.page.keyboard.type('Dette skal ikke komme med.');
      await expect(text).not.toContainText('Dette skal ikke komme med.');
    });

    await test.step('the viewer still sees where the student is typing', async () => {
      await openLive(student.page, documentId);
      await editText(student.page);
      await caretToStart(student.page);
      await student.page.keyboard.type('Leseren ser dette. ');
      await expect(editor(reader.page)).toContainText('Leseren ser dette.');
      await expect(cursorLabel(reader.page, NAMES.student)).toBeVisible();
      await expect(reader.page.getByRole('list', { name: 'In this document' })).toContainText(NAMES.student);
      // Space scrolled the read-only page down; look at it from the top.
      await reader.page.evaluate(() => window.scrollTo(0, 0));
      await reader.page.screenshot({ path: testInfo.outputPath('read-only-viewer.png') });
      await expectNoSeriousA11yViolations(reader.page, 'the read-only document page');
    });

    await test.step('in bokmål the page says the same', async () => {
      await reader.page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
      await expect(reader.page.getByText('Skrivebeskyttet', { exact: true })).toBeVisible();
      await expect(reader.page.getByRole('textbox', { name: 'Transkripsjonstekst' })).toBeVisible();
      await expect(reader.page.getByRole('status')).toContainText('Tilkoblet');
      await expect(reader.page.getByRole('list', { name: 'I dette dokumentet' })).toContainText(NAMES.student);
    });
  } finally {
    await reader.context.close();
    await student.context.close();
  }
});
