import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { DEMO, apiLogin, expect, selectPhrase, test } from './fixtures.js';

/*
 * The workbench as a student meets it: a snapshot shows exactly the text it
 * froze, whichever transcript is chosen; a transcript opens for reading and
 * coding, so no key can change the interview by accident; editing is a choice
 * the page makes visible, and replacing coded words asks first.
 */

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function post<T>(request: APIRequestContext, token: string, path: string, data: object): Promise<T> {
  const answer = await request.post(path, { headers: bearer(token), data });
  expect(answer.status(), `POST ${path}`).toBeLessThan(300);
  return (await answer.json()) as T;
}

interface Transcript {
  id: string;
  title: string;
  text: string;
  codingIds: string[];
}

/** A project of its own with three transcripts, each coded in its own places. */
async function codedProject(request: APIRequestContext, token: string, name: string) {
  const project = await post<{ id: string }>(request, token, '/api/projects', { name: `${name} ${Date.now()}` });
  const code = await post<{ id: string; name: string }>(request, token, `/api/projects/${project.id}/codes`, {
    name: 'Tillit',
  });
  const texts = [
    'Intervjuer: Hva betyr tillit for deg?\nInformant 1: Tillit tar tid. Vi bygde den opp over mange måneder.',
    'Intervjuer: Hvordan var det under pandemien?\nInformant 2: Vi mistet kontakten med mange brukere i starten.',
    'Intervjuer: Hva lærte dere av digitale møter?\nInformant 3: Noen brukere snakket friere på video enn på kontoret.',
  ];
  const transcripts: Transcript[] = [];
  for (const [i, text] of texts.entries()) {
    const title = `Informant ${i + 1}`;
    const doc = await post<{ id: string }>(request, token, `/api/projects/${project.id}/documents`, { title, text });
    // Transcript n gets n codings, so a stripe count tells the transcripts apart.
    const codingIds: string[] = [];
    const answer = text.slice(text.indexOf('Informant'));
    for (let n = 0; n <= i; n++) {
      const start = text.indexOf(answer) + n * 8;
      const coding = await post<{ id: string }>(request, token, `/api/documents/${doc.id}/codings`, {
        codeId: code.id,
        start,
        end: start + 6,
      });
      codingIds.push(coding.id);
    }
    if (i === 0) {
      // One coding overlapping another: both must stay legible.
      const start = text.indexOf(answer);
      const overlapping = await post<{ id: string }>(request, token, `/api/documents/${doc.id}/codings`, {
        codeId: code.id,
        start,
        end: start + 20,
      });
      codingIds.push(overlapping.id);
    }
    transcripts.push({ id: doc.id, title, text, codingIds });
  }
  return { projectId: project.id, code, transcripts };
}

async function signedInAs(browser: Browser, baseURL: string | undefined, locale: string, width: number) {
  const context = await browser.newContext({ baseURL, locale, timezoneId: 'UTC', viewport: { width, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

async function logIn(page: Page, labels: { email: string; password: string; submit: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(labels.email).fill(DEMO.student.email);
  await page.getByLabel(labels.password).fill(DEMO.student.password);
  await page.getByRole('button', { name: labels.submit }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

const content = (page: Page) => page.locator('tolk-transcript-editor .cm-content');
const stripeIds = (page: Page) =>
  page.locator('.tolk-stripe').evaluateAll((all) => all.map((el) => (el as HTMLElement).dataset['codingId']).sort());

test('a snapshot shows the frozen text and stripes of whichever transcript is chosen', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const token = await apiLogin(request, DEMO.student);
  const { projectId, code, transcripts } = await codedProject(request, token, 'Øyeblikksbilde');
  const snapshot = await post<{ id: string }>(request, token, `/api/projects/${projectId}/snapshots`, {
    name: 'Innlevering',
  });
  // Work after the snapshot must not show in it.
  await post(request, token, `/api/documents/${transcripts[0].id}/codings`, {
    codeId: code.id,
    start: 0,
    end: 10,
  });

  const { context, page } = await signedInAs(browser, baseURL, 'en-GB', 1280);
  try {
    await logIn(page, { email: 'Email', password: 'Password', submit: 'Log in' });
    await page.goto(`/projects/${projectId}/snapshots/${snapshot.id}`);
    const list = page.getByRole('navigation', { name: 'Documents' });
    // There and back again: each switch must rebind the editor to that transcript's frozen text.
    for (const i of [0, 1, 2, 0, 2]) {
      const t = transcripts[i];
      await list.getByRole('button', { name: t.title }).click();
      await expect(page.getByRole('heading', { level: 2, name: t.title })).toBeVisible();
      await expect(content(page)).toContainText(t.text.split('\n')[1]);
      for (const other of transcripts.filter((o) => o !== t)) {
        await expect(content(page)).not.toContainText(other.text.split('\n')[1]);
      }
      await expect.poll(() => stripeIds(page), `stripes of ${t.title}`).toEqual([...t.codingIds].sort());
      // Line numbers as in the live transcript: one per turn of speech, left of the text.
      await expect(page.locator('.tolk-line-number')).toHaveText(['1', '2']);
    }

    await test.step('a bracket opens the frozen coding with its citation; quote and citation are copied together', async () => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const first = transcripts[0];
      await list.getByRole('button', { name: first.title }).click();
      await expect(page.getByRole('heading', { level: 2, name: first.title })).toBeVisible();
      const numbers = await page.evaluate(() => {
        const text = document.querySelector('.cm-content')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.tolk-line-number')).map((n) => {
          const r = n.getBoundingClientRect();
          return { right: r.right, visible: r.width > 0 && r.left >= 0, textLeft: text.left };
        });
      });
      for (const n of numbers) {
        expect(n.visible, 'the number is on screen').toBe(true);
        expect(n.right, 'left of the text').toBeLessThan(n.textLeft);
      }
      await page.locator(`.tolk-stripe[data-coding-id="${first.codingIds[0]}"]`).click();
      const card = page.getByRole('dialog', { name: code.name });
      await expect(card).toBeVisible();
      await expect(card.locator('[data-test="citation"]')).toHaveText('Informant 1, line 2');
      await expect(card.locator('blockquote')).toHaveText('Inform');
      await expect(page.locator(`.tolk-stripe[data-coding-id="${first.codingIds[0]}"]`)).toHaveClass(
        /tolk-stripe--active/,
      );
      await card.getByRole('button', { name: 'Copy quote and citation' }).click();
      await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('“Inform” (Informant 1, line 2)');
      await page.keyboard.press('Escape');
      await expect(card).toBeHidden();
    });

    await test.step('in Norwegian the card cites «linje»', async () => {
      await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Norsk' }).click();
      const first = transcripts[0];
      await page.locator(`.tolk-stripe[data-coding-id="${first.codingIds[1]}"]`).click();
      const card = page.getByRole('dialog', { name: code.name });
      await expect(card.locator('[data-test="citation"]')).toHaveText('Informant 1, linje 2');
      await page.screenshot({ path: testInfo.outputPath('snapshot-citation-nb.png') });
      await card.getByRole('button', { name: 'Kopier sitat og kildehenvisning' }).click();
      await expect(card.getByRole('button', { name: 'Kopiert' })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        `«${first.text.slice(first.text.indexOf('Informant 1'), first.text.indexOf('Informant 1') + 20)}» (Informant 1, linje 2)`,
      );
    });
  } finally {
    await context.close();
  }
});

test('in Norwegian, a transcript opens for reading and coding; editing is chosen, framed, and asks before coded words go', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  // Two widths and a last round: three sign-ins on a shared machine.
  test.setTimeout(240_000);
  const token = await apiLogin(request, DEMO.student);
  const { transcripts } = await codedProject(request, token, 'Lesemodus');
  const first = transcripts[0];
  // The first coding covers these six characters.
  const coded = 'Inform';

  for (const width of [1280, 800]) {
    const { context, page } = await signedInAs(browser, baseURL, 'nb-NO', width);
    try {
      await logIn(page, { email: 'E-post', password: 'Passord', submit: 'Logg inn' });
      await page.goto(`/documents/${first.id}`);
      const modes = page.getByRole('radiogroup', { name: 'Modus' });
      const text = page.getByRole('textbox', { name: 'Transkripsjonstekst' });
      await expect(text).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Tilkoblet' })).toContainText('Lagret');

      await test.step('reading and coding is the default: single keys never type', async () => {
        await expect(modes.getByRole('radio', { name: 'Les og kod' })).toBeChecked();
        await expect(text).toHaveAttribute('aria-readonly', 'true');
        await expect(page.locator('[data-test="editing-note"]')).toBeHidden();
        await selectPhrase(page, 'Tillit tar tid');
        for (const key of ['x', '0', 'Backspace', 'Delete']) await page.keyboard.press(key);
        await page.keyboard.press('1');
        await expect(content(page)).toContainText('Tillit tar tid. Vi bygde den opp');
        await page.screenshot({ path: testInfo.outputPath(`code-mode-nb-${width}.png`) });
      });

      await test.step('coded words are tinted in their code’s colour; overlaps nest; the view can be chosen', async () => {
        const tinted = page.locator('.tolk-coded');
        await expect(tinted.first()).toBeVisible();
        await expect(page.locator('.tolk-coded .tolk-coded').first()).toBeVisible();
        const background = await tinted.first().evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(background, 'a light tint of the code colour').toMatch(/^rgba\(.*, 0\.1\d+\)$/);
        const choose = async (name: string) => {
          await page.locator('[data-test="coding-view"]').click();
          await page.getByRole('menuitemradio', { name }).click();
        };
        await choose('Bare striper i margen');
        await expect(tinted).toHaveCount(0);
        await expect(page.locator('.tolk-stripe').first()).toBeVisible();
        await choose('Bare kodede ord');
        await expect(tinted.first()).toBeVisible();
        await expect(page.locator('.tolk-stripe')).toHaveCount(0);
        await choose('Kodede ord og striper i margen');
        await expect(page.locator('.tolk-stripe').first()).toBeVisible();
      });

      await test.step('editing is a choice, framed and named on the page', async () => {
        await modes.getByRole('radio', { name: 'Rediger tekst' }).click();
        await expect(page.locator('[data-test="editing-note"]')).toHaveText(/Du redigerer teksten/);
        await expect(page.locator('.editor-wrap--editing')).toBeVisible();
        await expect(text).toHaveAttribute('aria-readonly', 'false');
      });

      await test.step('a key over coded words asks first; «Avbryt» keeps them', async () => {
        await selectPhrase(page, coded);
        await page.keyboard.press('c');
        const ask = page.getByRole('alertdialog', { name: 'Endre kodet tekst?' });
        await expect(ask).toBeVisible();
        await expect(ask).toContainText('Tillit');
        await page.screenshot({ path: testInfo.outputPath(`confirm-nb-${width}.png`) });
        await ask.getByRole('button', { name: 'Avbryt' }).click();
        await expect(ask).toBeHidden();
        await expect(content(page)).toContainText('Informant 1: Tillit tar tid');
      });

      await test.step('the mode is remembered for this transcript only', async () => {
        await page.reload();
        await expect(modes.getByRole('radio', { name: 'Rediger tekst' })).toBeChecked();
        await page.goto(`/documents/${transcripts[1].id}`);
        await expect(modes.getByRole('radio', { name: 'Les og kod' })).toBeChecked();
        // Back to reading for the next round.
        await page.goto(`/documents/${first.id}`);
        await modes.getByRole('radio', { name: 'Les og kod' }).click();
      });
    } finally {
      await context.close();
    }
  }

  await test.step('agreeing replaces the words, live for everyone', async () => {
    const { context, page } = await signedInAs(browser, baseURL, 'nb-NO', 1280);
    try {
      await logIn(page, { email: 'E-post', password: 'Passord', submit: 'Logg inn' });
      await page.goto(`/documents/${first.id}`);
      await expect(page.getByRole('status').filter({ hasText: 'Tilkoblet' })).toContainText('Lagret');
      await page.getByRole('radiogroup', { name: 'Modus' }).getByRole('radio', { name: 'Rediger tekst' }).click();
      await selectPhrase(page, 'bygde den opp');
      // Not coded: replaced without a question.
      await page.keyboard.type('bygget den');
      await expect(content(page)).toContainText('Vi bygget den over mange');
      await selectPhrase(page, coded);
      await page.keyboard.press('X');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Endre teksten' }).click();
      await expect(content(page)).toContainText('Xant 1: Tillit tar tid');
      await expect
        .poll(async () => {
          const answer = await request.get(`/api/documents/${first.id}`, { headers: bearer(token) });
          return ((await answer.json()) as { text: string }).text;
        })
        .toContain('Xant 1: Tillit tar tid. Vi bygget den over mange');
    } finally {
      await context.close();
    }
  });
});
