import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { apiLogin, DEMO, expect, joinByInvitation, test } from './fixtures.js';

/*
 * A code's definition on the Codebook page: when to use it, when not to, an
 * example quote taken from a coding; its memo one click away. The owner
 * writes it (also from a coding's card); the supervisor, in Norwegian, can
 * only propose a change, which the owner accepts.
 */

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const TEXT = [
  'Intervjuer: Hvordan var det å jobbe under pandemien?\n',
  'Informant 2: Vi mistet kontakten med mange av brukerne.\n',
  'Intervjuer: Hva hjalp?\n',
  'Informant 2: Faste avtaler hver uke, og at vi var ærlige.',
].join('');

interface CodeView {
  id: string;
  whenToUse: string;
  whenNotToUse: string;
  exampleCodingId: string | null;
  exampleQuote: string;
}

async function setUp(request: APIRequestContext, token: string) {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const answer = await request.post(path, { headers: bearer(token), data });
    expect(answer.status(), path).toBe(201);
    return (await answer.json()) as T;
  };
  const project = await post<{ id: string }>('/api/projects', { name: `Definisjoner ${Date.now()}` });
  const doc = await post<{ id: string }>(`/api/projects/${project.id}/documents`, { title: 'Informant 2', text: TEXT });
  const code = await post<{ id: string }>(`/api/projects/${project.id}/codes`, { name: 'Tap av kontakt' });
  const codeText = (phrase: string) =>
    post<{ id: string }>(`/api/documents/${doc.id}/codings`, {
      codeId: code.id,
      start: TEXT.indexOf(phrase),
      end: TEXT.indexOf(phrase) + phrase.length,
    });
  const first = await codeText('Vi mistet kontakten med mange av brukerne');
  const second = await codeText('Faste avtaler hver uke');
  return { projectId: project.id, documentId: doc.id, codeId: code.id, first, second };
}

async function signedInAs(
  browser: Browser,
  baseURL: string | undefined,
  who: { email: string; password: string },
  locale: string,
) {
  const context = await browser.newContext({
    baseURL,
    locale,
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[type="email"]').fill(who.email);
  await page.locator('input[type="password"]').fill(who.password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/projects$/);
  return { context, page };
}

const codeItem = (page: Page, list: string) =>
  page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: 'Tap av kontakt' });

test('the owner defines a code on the Codebook page with an example from a coding; the supervisor proposes a change in Norwegian; the memo opens from the page', async ({
  browser,
  baseURL,
  request,
}) => {
  // Two people, five steps: longer than one flow on a shared machine.
  test.setTimeout(240_000);
  const token = await apiLogin(request, DEMO.student);
  const { projectId, documentId, codeId, first, second } = await setUp(request, token);
  await joinByInvitation(request, token, projectId, DEMO.supervisor, 'supervisor');
  const codeNow = async () => {
    const answer = await request.get(`/api/projects/${projectId}/codes`, { headers: bearer(token) });
    return ((await answer.json()) as CodeView[]).find((c) => c.id === codeId)!;
  };

  const student = await signedInAs(browser, baseURL, DEMO.student, 'en-GB');
  const supervisor = await signedInAs(browser, baseURL, DEMO.supervisor, 'nb-NO');
  try {
    await test.step('the owner writes when to use and when not, and picks the example among the code’s codings', async () => {
      const page = student.page;
      await page.goto(`/projects/${projectId}?tab=codebook`);
      const item = codeItem(page, 'Codes');
      await item.getByRole('button', { name: 'Edit definition' }).click();
      const form = page.getByRole('form', { name: 'Definition of “Tap av kontakt”' });
      await form.getByLabel('When to use', { exact: true }).fill('Kontakt med brukerne som brøt.');
      await form.getByLabel('When not to use').fill('Planlagte pauser.');
      const example = form.getByLabel('Example');
      // Each coding of the code is offered with its citation.
      await expect(example.locator('option')).toHaveCount(3);
      await expect(example.locator('option').nth(1)).toContainText('Informant 2, line 2');
      await example.selectOption(first.id);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(form).toBeHidden();
      const definition = item.locator('[data-test="code-definition"]');
      await expect(definition).toContainText('When to use');
      await expect(definition.locator('[data-test="when-to-use"]')).toHaveText('Kontakt med brukerne som brøt.');
      await expect(definition.locator('[data-test="when-not-to-use"]')).toHaveText('Planlagte pauser.');
      await expect(definition.locator('[data-test="example-quote"]')).toHaveText(
        '“Vi mistet kontakten med mange av brukerne”',
      );
      expect(await codeNow()).toMatchObject({ exampleCodingId: first.id, whenNotToUse: 'Planlagte pauser.' });
    });

    await test.step('the supervisor sees the definition in Norwegian and may only propose a change', async () => {
      const page = supervisor.page;
      await page.goto(`/projects/${projectId}?tab=codebook`);
      const item = codeItem(page, 'Koder');
      const definition = item.locator('[data-test="code-definition"]');
      await expect(definition).toContainText('Bruk når');
      await expect(definition).toContainText('Ikke bruk når');
      await expect(definition.locator('[data-test="example-quote"]')).toHaveText(
        '«Vi mistet kontakten med mange av brukerne»',
      );
      await expect(item.getByRole('button', { name: 'Rediger definisjon' })).toHaveCount(0);
      await item.getByRole('button', { name: 'Foreslå definisjon' }).click();
      const form = page.getByRole('form', { name: 'Definisjon av «Tap av kontakt»' });
      await form.getByLabel('Ikke bruk når').fill('Planlagte pauser og ferier.');
      await form.getByRole('button', { name: 'Send forslag' }).click();
      await expect(page.getByRole('list', { name: 'Åpne forslag' })).toContainText(
        'Ikke bruk når: Planlagte pauser og ferier.',
      );
      // Only a proposal so far: the code is as the owner left it.
      expect((await codeNow()).whenNotToUse).toBe('Planlagte pauser.');
    });

    await test.step('the owner accepts it; both see the new definition and the history names the proposer', async () => {
      const open = student.page.getByRole('list', { name: 'Open proposals' });
      await expect(open).toContainText('New definition for “Tap av kontakt”');
      await expect(open).toContainText('When not to use: Planlagte pauser og ferier.');
      await open.getByRole('button', { name: 'Accept' }).click();
      for (const { page } of [student, supervisor]) {
        await expect(page.locator('[data-test="when-not-to-use"]')).toHaveText('Planlagte pauser og ferier.');
      }
      const history = student.page.getByRole('list', { name: 'History' }).getByRole('listitem').first();
      await expect(history).toContainText('Sara Student wrote when not to use “Tap av kontakt”');
      await expect(history).toContainText('(proposed by Viktor Veileder)');
      await expect(
        supervisor.page.getByRole('list', { name: 'Historikk' }).getByRole('listitem').first(),
      ).toContainText('skrev når «Tap av kontakt» ikke skal brukes');
    });

    await test.step('the code’s memo opens from the Codebook page and keeps what is written', async () => {
      const page = student.page;
      await codeItem(page, 'Codes').getByRole('button', { name: 'Memo on “Tap av kontakt”' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading')).toContainText('Tap av kontakt');
      const editor = dialog.locator('[contenteditable="true"]').first();
      await editor.click();
      await page.keyboard.type('Henger sammen med tillit.');
      await expect
        .poll(async () => {
          const memo = await request.get(`/api/codes/${codeId}/memo`, { headers: bearer(token) });
          return ((await memo.json()) as { body: string }).body;
        })
        .toContain('Henger sammen med tillit.');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });

    await test.step('a coding’s card makes its words the example; the card then says it is', async () => {
      const page = student.page;
      await page.goto(`/documents/${documentId}`);
      const stripe = page.locator(`.tolk-stripe[data-coding-id="${second.id}"]`);
      await stripe.click();
      const card = page.getByRole('dialog', { name: 'Tap av kontakt' });
      await card.getByRole('button', { name: 'Use as the code’s example' }).click();
      await expect(card.locator('[data-test="is-example"]')).toHaveText('The code’s example quote');
      expect(await codeNow()).toMatchObject({ exampleCodingId: second.id, exampleQuote: 'Faste avtaler hver uke' });
    });
  } finally {
    await student.context.close();
    await supervisor.context.close();
  }
});
