import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { DEMO, expect, expectNoSeriousA11yViolations, joinByInvitation, selectPhrase, test } from './fixtures.js';

/*
 * Coding together: the student codes a passage of "Informant 1" while the
 * supervisor has the same transcript open, each in their own browser context
 * (own cookies, own socket), against the real api. What one does must reach
 * the other within a second or two, without a reload.
 */

interface Credentials {
  email: string;
  password: string;
}

const NAMES = { student: 'Sara Student', supervisor: 'Viktor Veileder' } as const;
/** Realtime budget: an event from the other person must show within this. */
const LIVE = { timeout: 2_000 };
/** The demo codebook is empty; these are made through the api first. */
const CODES = ['Brukermedvirkning', 'Digitalisering'] as const;
const PASSAGE = 'De satt hjemme i sin egen sofa, med sin egen kaffekopp, og da var det liksom de som var vertskap.';
const OVERLAPPING =
  'noen av klientene faktisk fikk mer styring over samtalen når vi møttes på video. De satt hjemme i sin egen sofa';

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function apiLogin(request: APIRequestContext, who: Credentials): Promise<string> {
  const answer = await request.post('/api/auth/login', { data: who });
  expect(answer.status(), `login of ${who.email}`).toBe(200);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function demoIds(request: APIRequestContext, token: string): Promise<{ projectId: string; documentId: string }> {
  const projects = (await (await request.get('/api/projects', { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const project = projects.find((p) => p.name === DEMO.project);
  expect(project, 'the demo project').toBeDefined();
  const documents = (await (
    await request.get(`/api/projects/${project!.id}/documents`, { headers: bearer(token) })
  ).json()) as {
    id: string;
    title: string;
  }[];
  const document = documents.find((d) => d.title === DEMO.documents[0]);
  expect(document, 'the first demo transcript').toBeDefined();
  return { projectId: project!.id, documentId: document!.id };
}

/** Makes the codes unless they are there already (a rerun against a kept server). */
async function ensureCodes(request: APIRequestContext, token: string, projectId: string): Promise<void> {
  const codes = (await (await request.get(`/api/projects/${projectId}/codes`, { headers: bearer(token) })).json()) as {
    name: string;
  }[];
  for (const name of CODES) {
    if (codes.some((c) => c.name === name)) continue;
    const created = await request.post(`/api/projects/${projectId}/codes`, { headers: bearer(token), data: { name } });
    expect(created.status(), `create code ${name}`).toBe(201);
  }
}

async function signedIn(
  browser: Browser,
  baseURL: string | undefined,
  who: Credentials,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  return { context, page };
}

function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Transcript text' });
}

async function openLive(page: Page, documentId: string): Promise<void> {
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('heading', { level: 1, name: DEMO.documents[0] })).toBeVisible();
  await expect(editor(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
}

const stripes = (page: Page): Locator => page.locator('.tolk-stripe');
const codeRow = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Codebook' }).getByRole('listitem').filter({ hasText: name });

test('the student codes a passage and the supervisor sees it and comments, live', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const ownerToken = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await demoIds(request, ownerToken);
  await ensureCodes(request, ownerToken, projectId);

  const student = await signedIn(browser, baseURL, DEMO.student);
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  try {
    await test.step('both open the transcript; the codebook is in the side panel', async () => {
      await openLive(student.page, documentId);
      await openLive(supervisor.page, documentId);
      for (const { page } of [student, supervisor]) {
        for (const name of CODES) await expect(codeRow(page, name)).toBeVisible();
      }
      await expect(stripes(supervisor.page)).toHaveCount(0);
    });

    await test.step('the student selects a passage and applies a code from the picker', async () => {
      await selectPhrase(student.page, PASSAGE);
      await student.page.getByRole('group', { name: 'Selected passage' }).getByRole('button', { name: 'Code' }).click();
      const picker = student.page.getByRole('dialog', { name: 'Apply a code' });
      await expect(picker).toBeVisible();
      await student.page.screenshot({ path: testInfo.outputPath('code-picker.png') });
      await expectNoSeriousA11yViolations(student.page, 'the code picker');
      await picker.getByRole('combobox').fill('digi');
      // The match first (Enter takes it), then the offer to create a new code by that name.
      await expect(picker.getByRole('option')).toHaveText([/Digitalisering/, /Create “digi”/]);
      await expect(picker.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
      await student.page.keyboard.press('Enter');
      await expect(picker).toBeHidden();
      await expect(stripes(student.page)).toHaveCount(1);
      await expect(codeRow(student.page, 'Digitalisering')).toContainText('1 in this document');
    });

    await test.step('the supervisor sees the stripe appear without a reload', async () => {
      await expect(stripes(supervisor.page)).toHaveCount(1, LIVE);
      await expect(codeRow(supervisor.page, 'Digitalisering')).toContainText('1 in this document', LIVE);
    });

    await test.step('in Code mode (the default) a digit applies a code: overlapping codings get lanes side by side', async () => {
      await expect(
        student.page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Read and code' }),
      ).toBeChecked();
      await expect(editor(student.page)).toHaveAttribute('aria-readonly', 'true');
      await selectPhrase(student.page, OVERLAPPING);
      await student.page.keyboard.press('1');
      await expect(stripes(student.page)).toHaveCount(2);
      await expect(stripes(supervisor.page)).toHaveCount(2, LIVE);
      const lefts = await stripes(supervisor.page).evaluateAll((all) =>
        all.map((el) => el.getBoundingClientRect().left),
      );
      expect(new Set(lefts.map(Math.round)).size, 'two lanes').toBe(2);
      // Typing in Code mode must not change the text.
      await student.page.keyboard.type('x');
      await expect(editor(student.page)).toContainText(OVERLAPPING);
      await student.page.evaluate(() => window.scrollTo(0, 0));
      await student.page.screenshot({ path: testInfo.outputPath('coded-overlapping.png') });
    });

    await test.step('a stripe opens its coding: code, coder, words, and the history', async () => {
      await stripes(supervisor.page).first().click();
      const card = supervisor.page.getByRole('dialog', { name: 'Brukermedvirkning' });
      await expect(card).toBeVisible();
      await expect(card).toContainText(`Coded by ${NAMES.student}`);
      await card.getByRole('button', { name: 'History' }).click();
      await expect(card.getByRole('listitem')).toHaveCount(1);
      await expect(card.getByRole('listitem')).toContainText('Coded');
      await expect(card.getByRole('listitem')).toContainText(NAMES.student);
      await supervisor.page.screenshot({ path: testInfo.outputPath('coding-history.png') });
      await expectNoSeriousA11yViolations(supervisor.page, 'the coding card with its history');
      await supervisor.page.keyboard.press('Escape');
      await expect(card).toBeHidden();
    });

    await test.step('the supervisor comments on the coded passage; the student sees it live, with the mention', async () => {
      await student.page.getByRole('tab', { name: /Comments/ }).click();
      await expect(student.page.getByText('No open comments.')).toBeVisible();

      await selectPhrase(supervisor.page, PASSAGE);
      await supervisor.page
        .getByRole('group', { name: 'Selected passage' })
        .getByRole('button', { name: 'Comment' })
        .click();
      const box = supervisor.page.getByRole('textbox', { name: 'New comment' });
      await expect(box).toBeFocused();
      await expect(supervisor.page.getByText('On the passage')).toBeVisible();
      await box.pressSequentially('Godt sitat til kapittel 5. @Sa');
      await expect(
        supervisor.page.getByRole('listbox', { name: 'Members' }).getByRole('option', { name: NAMES.student }),
      ).toBeVisible();
      await box.press('Enter');
      await box.pressSequentially('hva tenker du?');
      await expect(box).toHaveValue(`Godt sitat til kapittel 5. @${NAMES.student} hva tenker du?`);
      await supervisor.page.getByRole('button', { name: 'Comment', exact: true }).last().click();

      const thread = student.page.getByRole('list', { name: 'Open comments' }).getByRole('listitem').first();
      await expect(thread).toContainText('Godt sitat til kapittel 5.', LIVE);
      await expect(thread).toContainText(PASSAGE);
      await expect(student.page.getByText(`${NAMES.supervisor} mentioned you in a comment.`)).toBeVisible(LIVE);
    });

    await test.step('the student replies and resolves; the supervisor sees both', async () => {
      const thread = student.page.getByRole('list', { name: 'Open comments' }).getByRole('listitem').first();
      await thread.getByRole('button', { name: 'Show the passage in the text' }).click();
      await expect(student.page.locator('.tolk-highlight')).toContainText('kaffekopp');
      await thread.getByRole('button', { name: 'Reply' }).click();
      await student.page.getByRole('textbox', { name: 'Reply' }).fill('Enig, den tar jeg med.');
      await thread.getByRole('button', { name: 'Reply' }).click();
      await expect(thread).toContainText('Enig, den tar jeg med.');
      await student.page.screenshot({ path: testInfo.outputPath('comment-thread.png') });
      await expectNoSeriousA11yViolations(student.page, 'the document page with a comment thread');

      await supervisor.page.getByRole('tab', { name: /Comments/ }).click();
      const seen = supervisor.page.getByRole('list', { name: 'Open comments' }).getByRole('listitem').first();
      await expect(seen).toContainText('Enig, den tar jeg med.', LIVE);
      await thread.getByRole('button', { name: 'Resolve' }).click();
      await expect(supervisor.page.getByText('No open comments.')).toBeVisible(LIVE);
      await expect(supervisor.page.getByRole('button', { name: 'Resolved: 1' })).toBeVisible();
    });

    await test.step('the codes panel: counts, filter, and the codings list', async () => {
      const page = student.page;
      await page.getByRole('tab', { name: 'Codes' }).click();
      await codeRow(page, 'Digitalisering')
        .getByRole('button', { name: /^Digitalisering/ })
        .click();
      await expect(page.getByText('Only “Digitalisering” is shown')).toBeVisible();
      await expect(stripes(page)).toHaveCount(1);
      await page.getByRole('button', { name: /Codings of this code here: 1/ }).click();
      await page.screenshot({ path: testInfo.outputPath('codes-panel.png') });
      await page.getByRole('button', { name: 'Show all' }).click();
      await expect(stripes(page)).toHaveCount(2);
    });
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});

test('a viewer sees the codings but cannot apply codes', async ({ browser, baseURL, request }) => {
  const ownerToken = await apiLogin(request, DEMO.student);
  const { projectId, documentId } = await demoIds(request, ownerToken);
  await ensureCodes(request, ownerToken, projectId);
  const viewer = {
    email: `coding-viewer-${Date.now()}@tolk.example`,
    password: 'Kv8#rLm2-Wq9pTz', // strong enough for the password policy (zxcvbn score 3+)
    name: 'Vera Viewer',
  };
  expect((await request.post('/api/auth/register', { data: viewer })).status()).toBe(201);
  await joinByInvitation(request, ownerToken, projectId, viewer, 'viewer');

  const reader = await signedIn(browser, baseURL, viewer);
  try {
    await openLive(reader.page, documentId);
    await expect(codeRow(reader.page, CODES[0])).toBeVisible();
    await expect(reader.page.getByRole('button', { name: 'New code' })).toHaveCount(0);
    await selectPhrase(reader.page, PASSAGE);
    await expect(reader.page.getByRole('group', { name: 'Selected passage' })).toHaveCount(0);
    await reader.page.keyboard.press('c');
    await reader.page.keyboard.press('1');
    await expect(reader.page.getByRole('dialog', { name: 'Apply a code' })).toHaveCount(0);
    await reader.page.getByRole('tab', { name: /Comments/ }).click();
    await expect(reader.page.getByRole('textbox', { name: 'New comment' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(reader.page, 'the document page for a viewer');
  } finally {
    await reader.context.close();
  }
});
