import type { APIRequestContext, Page } from '@playwright/test';
import { apiLogin, DEMO, expect, expectNoSeriousA11yViolations, test } from './fixtures.js';

/*
 * The code query builder in Norwegian, on a project of its own:
 *
 *   Informant A (utdanning: sosionom)
 *     line 1 «Intervjuer: Hva betyr tillit for deg?»
 *     line 2 «Informant A: Tillit tar tid. Vi må bli kjent først. Da går det bedre.»
 *              Tillit «Tillit tar tid. Vi må bli kjent først.», Relasjon «Vi må bli kjent først.»
 *   Informant B (utdanning: vernepleier)
 *     line 1 «Informant B: Jeg stoler på dem. Det tok tid.»   Tillit «Jeg stoler på dem.»
 *
 * «Tillit OG IKKE Relasjon» finds «Tillit tar tid.» (A, linje 2) and «Jeg stoler på dem.» (B, linje 1);
 * saved, a new Tillit coding («Da går det bedre.») shows when the saved query is opened again.
 * The matrix by utdanning: the cell Tillit × sosionom opens its passage with its citation.
 */
const TEXT_A =
  'Intervjuer: Hva betyr tillit for deg?\nInformant A: Tillit tar tid. Vi må bli kjent først. Da går det bedre.';
const TEXT_B = 'Informant B: Jeg stoler på dem. Det tok tid.';

interface Fixture {
  projectId: string;
  documentA: string;
  trust: string;
  token: string;
}

async function makeProject(request: APIRequestContext): Promise<Fixture> {
  const token = await apiLogin(request, DEMO.student);
  const headers = { Authorization: `Bearer ${token}` };
  const post = async (path: string, data: object) => {
    const res = await request.post(path, { headers, data });
    expect(res.status(), path).toBe(201);
    return (await res.json()) as { id: string };
  };
  const project = await post('/api/projects', { name: `Spørringer ${Date.now()}` });
  const doc = (title: string, text: string, utdanning: string) =>
    post(`/api/projects/${project.id}/documents`, { title, text, attributes: { utdanning } });
  const a = await doc('Informant A', TEXT_A, 'sosionom');
  const b = await doc('Informant B', TEXT_B, 'vernepleier');
  const trust = await post(`/api/projects/${project.id}/codes`, { name: 'Tillit' });
  const relation = await post(`/api/projects/${project.id}/codes`, { name: 'Relasjon' });
  const code = (documentId: string, text: string, codeId: string, phrase: string) => {
    const start = text.indexOf(phrase);
    return post(`/api/documents/${documentId}/codings`, { codeId, start, end: start + phrase.length });
  };
  await code(a.id, TEXT_A, trust.id, 'Tillit tar tid. Vi må bli kjent først.');
  await code(a.id, TEXT_A, relation.id, 'Vi må bli kjent først.');
  await code(b.id, TEXT_B, trust.id, 'Jeg stoler på dem.');
  return { projectId: project.id, documentA: a.id, trust: trust.id, token };
}

async function choose(page: Page, combobox: ReturnType<Page['getByRole']>, option: string): Promise<void> {
  // Material's floating label covers the select's middle: open it the way a keyboard user does.
  await combobox.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('query builder (nb): Tillit OG IKKE Relasjon, saved, updated by a new coding; a matrix cell opens its passages', async ({
  page,
  request,
}) => {
  const f = await makeProject(request);

  await test.step('sign in in Norwegian and open the queries tab', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/login');
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
    await page.getByLabel('E-post').fill(DEMO.student.email);
    await page.getByLabel('Passord').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.goto(`/projects/${f.projectId}/analysis?tab=queries`);
    await expect(page.getByRole('tab', { name: 'Spørringer', selected: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ny spørring' })).toBeVisible();
  });

  await test.step('build Tillit OG IKKE Relasjon with the keyboard and run it', async () => {
    const row1 = page.getByRole('group', { name: 'Rad 1' });
    await choose(page, row1.getByRole('combobox', { name: 'Kode (med underkoder)' }), 'Tillit');
    await page.getByRole('button', { name: 'Legg til en rad' }).click();
    const row2 = page.getByRole('group', { name: 'Rad 2' });
    await choose(page, row2.getByRole('combobox', { name: 'Koblet med' }), 'OG IKKE');
    await choose(page, row2.getByRole('combobox', { name: 'Kode (med underkoder)' }), 'Relasjon');
    await expect(page.getByTestId('query-description')).toHaveText('Finner: Tillit OG IKKE Relasjon');
    await page.getByRole('button', { name: 'Kjør spørringen' }).click();
    await expect(page.getByTestId('query-summary')).toHaveText('2 utdrag for Tillit OG IKKE Relasjon');
    const results = page.getByTestId('query-results').locator('.result');
    await expect(results).toHaveCount(2);
    await expect(results.nth(0).locator('mark')).toHaveText('Tillit tar tid.');
    await expect(results.nth(0).locator('[data-test="citation"]')).toHaveText('Informant A, linje 2');
    // The context: from the start of the sentence the passage starts in to the end of the one it ends in.
    await expect(results.nth(0).locator('.result__quote')).toHaveText(
      'Informant A: Tillit tar tid. Vi må bli kjent først.',
    );
    await expect(results.nth(1).locator('mark')).toHaveText('Jeg stoler på dem.');
    await expect(results.nth(1).locator('.result__quote')).toHaveText('Informant B: Jeg stoler på dem.');
    await expect(results.nth(1).locator('[data-test="citation"]')).toHaveText('Informant B, linje 1');
    await expectNoSeriousA11yViolations(page, 'the query builder and its results');
  });

  await test.step('save it under a name', async () => {
    await page.getByRole('textbox', { name: 'Navn' }).fill('Tillit uten relasjon');
    await page.getByRole('button', { name: 'Lagre som ny spørring' }).click();
    await expect(page.locator('mat-snack-bar-container')).toContainText('Lagret «Tillit uten relasjon».');
    const saved = page.getByTestId('saved-queries');
    await expect(saved.getByRole('button', { name: 'Tillit uten relasjon', exact: true })).toBeVisible();
    await expect(saved).toContainText('lagret av Sara Student');
    await expect(page.getByRole('heading', { name: 'Spørringen «Tillit uten relasjon»' })).toBeVisible();
  });

  await test.step('a new coding, and the saved query opened again shows it', async () => {
    const phrase = 'Da går det bedre.';
    const start = TEXT_A.indexOf(phrase);
    const res = await request.post(`/api/documents/${f.documentA}/codings`, {
      headers: { Authorization: `Bearer ${f.token}` },
      data: { codeId: f.trust, start, end: start + phrase.length },
    });
    expect(res.status()).toBe(201);
    // A fresh builder first: opening the saved query fills it in again and runs it as saved.
    await page.getByRole('button', { name: 'Ny spørring' }).click();
    await expect(page.getByTestId('query-results')).toHaveCount(0);
    await page.getByTestId('saved-queries').getByRole('button', { name: 'Tillit uten relasjon', exact: true }).click();
    await expect(page.getByTestId('query-description')).toHaveText('Finner: Tillit OG IKKE Relasjon');
    await expect(page.getByTestId('query-summary')).toHaveText('3 utdrag for Tillit OG IKKE Relasjon');
    const results = page.getByTestId('query-results').locator('.result');
    await expect(results.nth(1).locator('mark')).toHaveText('Da går det bedre.');
    await expect(results.nth(1).locator('[data-test="citation"]')).toHaveText('Informant A, linje 2');
  });

  await test.step('a citation opens the transcript at the passage', async () => {
    await page.getByTestId('query-results').locator('[data-test="citation"]').first().click();
    await expect(page).toHaveURL(new RegExp(`/documents/${f.documentA}\\?at=\\d+-\\d+$`));
    await page.goBack();
  });

  await test.step('the matrix by utdanning: a cell opens its passages with citations', async () => {
    await page.goto(`/projects/${f.projectId}/analysis`);
    await expect(page.getByRole('combobox', { name: 'Kolonner etter' })).toContainText('utdanning');
    await page.getByText('Tall (velg en celle for å lese utdragene)').click();
    const cell = page.getByRole('button', { name: '2 utdrag: Tillit, sosionom' });
    await cell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('matrix-cell');
    await expect(panel.getByRole('heading', { name: 'Tillit · sosionom' })).toBeFocused();
    await expect(panel.locator('.result')).toHaveCount(2);
    await expect(panel.locator('[data-test="citation"]').first()).toHaveText('Informant A, linje 2');
    await expect(panel.locator('.result__quote').first()).toHaveText('«Tillit tar tid. Vi må bli kjent først.»');
    await expectNoSeriousA11yViolations(page, 'the matrix with a cell open');
  });
});
