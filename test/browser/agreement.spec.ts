import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * Intercoder agreement in the demo project: the student and the supervisor
 * have coded "Informant 3" (set up here through the api, so the figures can
 * be counted by hand), the student opens the agreement view, reads kappa and
 * alpha, sees the places where they differ side by side and adopts the
 * supervisor's coding of one of them.
 */

const TRANSCRIPT = 'Informant 3';
const CODE = 'Relasjoner';
/** Both code this. */
const SHARED = 'Relasjonen er jo grunnmuren i arbeidet vårt.';
/** Only the student codes this. */
const STUDENT_ONLY = 'At du sitter i samme rom, at du skjenker kaffe';
/** Only the supervisor codes this. */
const SUPERVISOR_ONLY = 'Jeg husker en bruker som sa at hun følte seg som en smittefare og ikke som et menneske.';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function login(
  request: APIRequestContext,
  who: { email: string; password: string },
): Promise<{ token: string; id: string }> {
  const answer = await request.post('/api/auth/login', { data: who });
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { accessToken: string; user: { id: string } };
  return { token: body.accessToken, id: body.user.id };
}

async function getJson<T>(request: APIRequestContext, path: string, token: string): Promise<T> {
  const answer = await request.get(path, { headers: bearer(token) });
  expect(answer.status(), path).toBe(200);
  return (await answer.json()) as T;
}

/** Cohen's kappa of a 2×2 table, by hand, for the expected figures. */
function kappa(both: number, onlyA: number, onlyB: number, units: number): number {
  const agreed = (units - onlyA - onlyB) / units;
  const a = (both + onlyA) / units;
  const b = (both + onlyB) / units;
  const chance = a * b + (1 - a) * (1 - b);
  return (agreed - chance) / (1 - chance);
}
const three = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

async function chooseOnly(page: Page, field: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: field, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

test('the agreement view: kappa per code, disagreements side by side, adopting the other side', async ({
  page,
  request,
}, testInfo) => {
  const student = await login(request, DEMO.student);
  const supervisor = await login(request, DEMO.supervisor);
  const projects = await getJson<{ id: string; name: string }[]>(request, '/api/projects', student.token);
  const projectId = projects.find((p) => p.name === DEMO.project)!.id;
  const documents = await getJson<{ id: string; title: string; length: number }[]>(
    request,
    `/api/projects/${projectId}/documents`,
    student.token,
  );
  const transcript = documents.find((d) => d.title === TRANSCRIPT)!;
  const { text } = await getJson<{ text: string }>(request, `/api/documents/${transcript.id}`, student.token);
  const codes = await getJson<{ id: string; name: string }[]>(
    request,
    `/api/projects/${projectId}/codes`,
    student.token,
  );
  const codeId = codes.find((c) => c.name === CODE)!.id;

  // A clean slate on this transcript (a rerun against a kept server), then the two codings each.
  for (const coding of await getJson<{ id: string; createdBy: string }[]>(
    request,
    `/api/documents/${transcript.id}/codings`,
    student.token,
  )) {
    const by = coding.createdBy === student.id ? student : supervisor;
    expect((await request.delete(`/api/codings/${coding.id}`, { headers: bearer(by.token) })).status()).toBe(204);
  }
  const code = async (who: { token: string }, passage: string) => {
    const start = text.indexOf(passage);
    expect(start, passage).toBeGreaterThanOrEqual(0);
    const answer = await request.post(`/api/documents/${transcript.id}/codings`, {
      headers: bearer(who.token),
      data: { codeId, start, end: start + passage.length },
    });
    expect(answer.status()).toBe(201);
  };
  await code(student, SHARED);
  await code(student, STUDENT_ONLY);
  await code(supervisor, SHARED);
  await code(supervisor, SUPERVISOR_ONLY);
  const units = text.length;
  const before = kappa(SHARED.length, STUDENT_ONLY.length, SUPERVISOR_ONLY.length, units);

  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.student.email);
  await page.getByLabel('Password').fill(DEMO.student.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByRole('link', { name: DEMO.project }).click();
  await page.getByRole('link', { name: 'Agreement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Intercoder agreement' })).toBeVisible();

  await test.step('the demo’s own codings give figures at once for all transcripts', async () => {
    await expect(page.getByRole('combobox', { name: 'Person A' })).toContainText('Sara Student');
    await expect(page.getByRole('combobox', { name: 'Person B' })).toContainText('Viktor Veileder');
    const pooled = page.locator('[data-test="agreement-table"] tr[data-code="pooled"]');
    await expect(pooled.locator('[data-test="kappa"]')).toContainText(/\d\.\d{3}/);
    // The side-by-side view opens a transcript where the selected code is used (the demo coded Informant 2).
    const shown = page.locator('[data-test="side-by-side"]');
    await expect(shown.getByRole('combobox', { name: 'Transcript', exact: true })).toContainText('Informant 2');
    await expect(shown.locator('[data-test="disagreement-count"], [data-test="no-disagreements"]')).toBeVisible();
    await expect(shown.locator('[data-side="a"] .coded').first()).toBeVisible();
  });

  await test.step('one transcript: the figures counted by hand', async () => {
    await chooseOnly(page, 'Transcripts', TRANSCRIPT);
    const row = page.locator(`[data-test="agreement-table"] tr[data-code="${codeId}"]`);
    await expect(page.locator('[data-test="agreement-table"] tbody tr')).toHaveCount(2);
    await expect(row.locator('th')).toContainText(CODE);
    await expect(row.locator('[data-test="kappa"]')).toContainText(three(before));
    await expect(row).toContainText(units.toLocaleString('en-GB'));
    const agreed = (units - STUDENT_ONLY.length - SUPERVISOR_ONLY.length) / units;
    await expect(row.locator('[data-test="percent"]')).toContainText(
      `${(Math.round(agreed * 1000) / 10).toLocaleString('en-GB')}%`,
    );
    // One code used in the selection: pooled equals the code's row.
    await expect(page.locator('tr[data-code="pooled"] [data-test="kappa"]')).toContainText(three(before));
  });

  await test.step('side by side: each side’s codings highlighted, the two differences marked', async () => {
    const view = page.locator('[data-test="side-by-side"]');
    await expect(view.getByRole('heading', { level: 2 })).toContainText(CODE);
    await expect(view.locator('[data-test="disagreement-count"]')).toHaveText('2 places where they differ');
    const a = view.locator('[data-side="a"] .coded');
    const b = view.locator('[data-side="b"] .coded');
    await expect(a.filter({ hasText: SHARED })).toHaveCount(1);
    await expect(a.filter({ hasText: STUDENT_ONLY })).toHaveCount(1);
    await expect(a.filter({ hasText: SUPERVISOR_ONLY })).toHaveCount(0);
    await expect(b.filter({ hasText: SUPERVISOR_ONLY })).toHaveCount(1);
    await expect(view.locator('[data-side="a"] .differs')).toHaveText([STUDENT_ONLY, SUPERVISOR_ONLY]);
    await expect(view.locator('[data-side="b"] .differs.coded')).toHaveText([SUPERVISOR_ONLY]);
    const places = view.locator('[data-test="disagreements"] li');
    await expect(places).toHaveCount(2);
    await expect(places.nth(0)).toContainText('Only Sara Student coded this');
    // Each place is cited by transcript and line, numbered as the transcript's margin numbers them.
    const lineOf = (phrase: string) => text.slice(0, text.indexOf(phrase)).split('\n').length;
    await expect(places.nth(0).locator('[data-test="citation"]')).toHaveText(
      `${TRANSCRIPT}, line ${lineOf(STUDENT_ONLY)}`,
    );
    await expect(places.nth(1).locator('[data-test="citation"]')).toHaveText(
      `${TRANSCRIPT}, line ${lineOf(SUPERVISOR_ONLY)}`,
    );
    // The student cannot adopt her own coding, only the supervisor's.
    await expect(places.nth(0).getByRole('button', { name: /Adopt/ })).toHaveCount(0);
    // She may instead drop her own coding of it (not done here).
    await expect(places.nth(0).getByRole('button', { name: 'Remove my coding' })).toBeVisible();
    await expect(places.nth(1).getByRole('button', { name: 'Remove my coding' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('agreement.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page, 'the agreement view');
  });

  await test.step('adopting the supervisor’s coding settles that place and raises kappa', async () => {
    const view = page.locator('[data-test="side-by-side"]');
    await view.getByRole('button', { name: 'Adopt Viktor Veileder’s coding' }).click();
    await expect(page.getByText('Adopted: the coding is now also yours.')).toBeVisible();
    await expect(view.locator('[data-test="disagreement-count"]')).toHaveText('One place where they differ');
    await expect(view.locator('[data-side="a"] .coded').filter({ hasText: SUPERVISOR_ONLY })).toHaveCount(1);
    const after = kappa(SHARED.length + SUPERVISOR_ONLY.length, STUDENT_ONLY.length, 0, units);
    await expect(page.locator(`tr[data-code="${codeId}"] [data-test="kappa"]`)).toContainText(three(after));
    // The coding history says who settled it.
    const mine = await getJson<{ id: string; createdBy: string; quote: string }[]>(
      request,
      `/api/documents/${transcript.id}/codings`,
      student.token,
    );
    const adopted = mine.find((c) => c.createdBy === student.id && c.quote === SUPERVISOR_ONLY)!;
    const history = await getJson<{ action: string; actor: { name: string } }[]>(
      request,
      `/api/codings/${adopted.id}/history`,
      student.token,
    );
    expect(history).toEqual([
      expect.objectContaining({ action: 'created', actor: expect.objectContaining({ name: 'Sara Student' }) }),
    ]);
  });

  await test.step('removing her own coding settles the other way; Undo brings it back', async () => {
    const view = page.locator('[data-test="side-by-side"]');
    await view.getByRole('button', { name: 'Remove my coding' }).click();
    await expect(view.locator('[data-test="no-disagreements"]')).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(view.locator('[data-test="disagreement-count"]')).toHaveText('One place where they differ');
    const codings = await getJson<{ id: string; quote: string; createdBy: string }[]>(
      request,
      `/api/documents/${transcript.id}/codings`,
      student.token,
    );
    const hers = codings.find((c) => c.quote === STUDENT_ONLY && c.createdBy === student.id)!;
    const history = await getJson<{ action: string }[]>(request, `/api/codings/${hers.id}/history`, student.token);
    expect(history.map((h) => h.action)).toEqual(['created', 'deleted', 'restored']);
  });

  await test.step('the supervisor codes the last place elsewhere: the open view follows, now in full agreement', async () => {
    await code(supervisor, STUDENT_ONLY);
    const view = page.locator('[data-test="side-by-side"]');
    await expect(view.locator('[data-test="no-disagreements"]')).toBeVisible();
    await expect(page.locator(`tr[data-code="${codeId}"] [data-test="kappa"]`)).toContainText('1.000');
    await expect(page.locator(`tr[data-code="${codeId}"] [data-test="alpha"]`)).toContainText('reliable');
  });
});
