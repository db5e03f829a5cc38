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


for (const width of [1280, 800]) {
  test(`shots ${width}`, async ({ page, request }) => {
    const f = await makeProject(request);
    await page.setViewportSize({ width, height: 1000 });
    await page.goto('/login');
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
    await page.getByLabel('E-post').fill(DEMO.student.email);
    await page.getByLabel('Passord').fill(DEMO.student.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.goto(`/projects/${f.projectId}/analysis?tab=queries`);
    const row1 = page.getByRole('group', { name: 'Rad 1' });
    await choose(page, row1.getByRole('combobox', { name: 'Kode (med underkoder)' }), 'Tillit');
    await page.getByRole('button', { name: 'Legg til en rad' }).click();
    const row2 = page.getByRole('group', { name: 'Rad 2' });
    await choose(page, row2.getByRole('combobox', { name: 'Koblet med' }), 'NÆR');
    await choose(page, row2.getByRole('combobox', { name: 'Kode (med underkoder)' }), 'Relasjon');
    await choose(page, row2.getByRole('combobox', { name: 'Hvor nær' }), 'Innen et antall tegn');
    await page.getByRole('button', { name: 'Legg til en rad' }).click();
    const row3 = page.getByRole('group', { name: 'Rad 3' });
    await choose(page, row3.getByRole('combobox', { name: 'Koblet med' }), 'OG IKKE');
    await choose(page, row3.getByRole('combobox', { name: 'Kode (med underkoder)' }), 'Relasjon');
    await page.getByRole('button', { name: 'Kjør spørringen' }).click();
    await page.getByRole('textbox', { name: 'Navn' }).fill('Tillit nær relasjon');
    await page.getByRole('button', { name: 'Lagre som ny spørring' }).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/queries-shot-query-${width}.png`, fullPage: true });
    await page.goto(`/projects/${f.projectId}/analysis`);
    await page.getByText('Tall (velg en celle for å lese utdragene)').click();
    await page.getByRole('button', { name: '1 utdrag: Tillit, sosionom' }).click();
    await page.waitForTimeout(1000);
    await page.getByTestId('matrix-cell').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/queries-shot-matrix-${width}.png`, fullPage: true });
  });
}
