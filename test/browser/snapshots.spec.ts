import type { APIRequestContext } from '@playwright/test';
import { DEMO, editText, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * A thesis deadline as a new user meets it: a deadline a few seconds ahead
 * on the project's timeline, work going on past it, the deadline's snapshot
 * opened read-only with its coding stripes, compared with now, restored.
 */

const TEXT =
  'Intervjuer: Hvordan merket dere pandemien?\nInformant 1: Vi mistet kontakten med mange brukere i starten, men så ble det bedre.';
const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const SHOTS = process.env['TOLK_SCREENSHOTS'];

async function post<T>(request: APIRequestContext, token: string, path: string, data: object): Promise<T> {
  const answer = await request.post(path, { headers: bearer(token), data });
  expect(answer.status(), `POST ${path}`).toBeLessThan(300);
  return (await answer.json()) as T;
}

test('a deadline takes a snapshot; it opens read-only, compares with now and restores', async ({ page, request }) => {
  const login = await request.post('/api/auth/login', { data: DEMO.student });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const project = await post<{ id: string }>(request, token, '/api/projects', { name: `Frister ${Date.now()}` });
  const document = await post<{ id: string }>(request, token, `/api/projects/${project.id}/documents`, {
    title: 'Informant 1',
    text: TEXT,
  });
  const code = await post<{ id: string }>(request, token, `/api/projects/${project.id}/codes`, {
    name: 'Reaksjoner',
    color: '#b5462f',
  });
  const other = await post<{ id: string }>(request, token, `/api/projects/${project.id}/codes`, {
    name: 'Relasjoner',
    color: '#2f6fb5',
  });
  const at = TEXT.indexOf('Vi mistet kontakten');
  await post(request, token, `/api/documents/${document.id}/codings`, {
    codeId: code.id,
    start: at,
    end: at + 'Vi mistet kontakten'.length,
  });

  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.student.email);
  await page.getByLabel('Password').fill(DEMO.student.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await page.goto(`/projects/${project.id}?tab=timeline`);
  await expect(page.getByRole('heading', { name: 'Deadlines' })).toBeVisible();

  // A deadline entered on Oslo's clock shows on Oslo's clock (the browser runs in UTC).
  await page.getByRole('textbox', { name: 'Deadline' }).fill('Innlevering');
  await page.getByLabel('Due', { exact: true }).fill('2031-05-15T12:00');
  await page.getByRole('button', { name: 'Add deadline' }).click();
  await expect(page.locator('.deadline').filter({ hasText: 'Innlevering' })).toContainText('15 May 2031, 12:00');
  // Every member sees the next deadline in the project's header.
  await expect(page.getByText('Next deadline: Innlevering, 15 May 2031, 12:00')).toBeVisible();
  const listed = (await (
    await request.get(`/api/projects/${project.id}/deadlines`, { headers: bearer(token) })
  ).json()) as { dueAt: string }[];
  expect(listed.map((d) => d.dueAt)).toEqual(['2031-05-15T10:00:00.000Z']);

  // One due in a few seconds: its snapshot appears on the timeline by itself (socket.io).
  await post(request, token, `/api/projects/${project.id}/deadlines`, {
    name: 'Utkast til veileder',
    dueAt: new Date(Date.now() + 3_000).toISOString(),
  });
  const snapshotLink = page.locator('.timeline').getByRole('link', { name: 'Utkast til veileder' });
  await expect(snapshotLink).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Deadline “Utkast til veileder”: the project was frozen in a snapshot.')).toBeVisible();
  await expect(page.locator('.event').filter({ hasText: 'Utkast til veileder' })).toContainText('taken automatically');

  // Work past the deadline: the coding recoded, a new one.
  const codings = (await (
    await request.get(`/api/documents/${document.id}/codings`, { headers: bearer(token) })
  ).json()) as { id: string }[];
  await request.patch(`/api/codings/${codings[0]!.id}`, {
    headers: bearer(token),
    data: { codeId: other.id, version: 1 },
  });
  await post(request, token, `/api/documents/${document.id}/codings`, { codeId: other.id, start: 0, end: 10 });
  // And the transcript corrected in the editor.
  await page.goto(`/documents/${document.id}`);
  const live = page.getByRole('textbox', { name: 'Transcript text' });
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
  await editText(page);
  await live.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Det hjalp å ringe.');
  await expect(live).toContainText('Det hjalp å ringe.');
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
  await page.goto(`/projects/${project.id}?tab=timeline`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/timeline.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the timeline');

  // The snapshot: the text read-only, one stripe in the colour the code had then.
  await snapshotLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utkast til veileder' })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Transcript text as in the snapshot' });
  await expect(editor).toContainText('Vi mistet kontakten');
  await expect(editor).toHaveAttribute('aria-readonly', 'true');
  await expect(page.locator('.tolk-stripe')).toHaveCount(1);
  await expect(page.locator('.legend')).toContainText('Reaksjoner');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/snapshot.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, 'the snapshot view');

  // Compared with now: the recoding and the new coding, side by side.
  await page.getByRole('link', { name: 'Compare with now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  const card = page.locator('.doc').filter({ hasText: 'Informant 1' });
  await expect(card).toContainText('Recoded Reaksjoner → Relasjoner');
  await expect(card).toContainText('Coded Relasjoner:');
  await expect(card.locator('ins')).toHaveText(' Det hjalp å ringe.');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });

  // Restore it (owner): the work in between becomes history, the state before a snapshot of its own.
  await page.getByRole('link', { name: 'Back to the timeline' }).click();
  await page
    .locator('.event')
    .filter({ hasText: 'Utkast til veileder' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await page
    .getByRole('alertdialog', { name: 'Restore “Utkast til veileder”?' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(page.getByText('Restored “Utkast til veileder”')).toBeVisible();
  await expect(page.locator('.event').filter({ hasText: 'Before restoring' })).toContainText('before a restore');
  const now = (await (
    await request.get(`/api/documents/${document.id}/codings`, { headers: bearer(token) })
  ).json()) as { codeId: string }[];
  expect(now.map((c) => c.codeId)).toEqual([code.id]);
  const history = (await (
    await request.get(`/api/codings/${codings[0]!.id}/history`, { headers: bearer(token) })
  ).json()) as { action: string }[];
  expect(history.map((h) => h.action)).toEqual(['created', 'recoded', 'restored']);
  const restored = (await (await request.get(`/api/documents/${document.id}`, { headers: bearer(token) })).json()) as {
    text: string;
  };
  expect(restored.text).toBe(TEXT);
});
