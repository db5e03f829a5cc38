import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { DEMO, apiLogin, expect, signedIn, test } from './fixtures.js';

/*
 * The transcript's margin as a researcher reads it: every coding a bracket
 * labelled with its code's name, overlapping codings side by side, and a
 * click on a bracket or on coded words selects that coding.
 */

const STUDENT = 'Sara Student';
const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function post<T>(request: APIRequestContext, token: string, path: string, data: object): Promise<T> {
  const answer = await request.post(path, { headers: bearer(token), data });
  expect(answer.status(), `POST ${path}`).toBeLessThan(300);
  return (await answer.json()) as T;
}

const TEXT = [
  'Intervjuer: Hva betyr brukermedvirkning for dere?',
  'Informant 2: Vi spør brukerne før vi lager planen. Det tar tid, men det gir tillit.',
  'Intervjuer: Hvordan merket dere pandemien?',
  'Informant 2: Vi mistet kontakten med mange brukere. Telefonen ble viktig igjen.',
  'Intervjuer: Noe mer?',
  'Informant 2: Nei, det var vel det.',
].join('\n');

interface Coded {
  id: string;
  code: string;
  phrase: string;
}

/** A project of its own: three codes (one with a long name), four codings, three of them overlapping. */
async function codedTranscript(request: APIRequestContext, token: string) {
  const project = await post<{ id: string }>(request, token, '/api/projects', { name: `Margin ${Date.now()}` });
  const names = ['Brukermedvirkning i praksis og planarbeid', 'Tillit', 'Pandemien'];
  const codes = new Map<string, string>();
  for (const name of names) {
    codes.set(name, (await post<{ id: string }>(request, token, `/api/projects/${project.id}/codes`, { name })).id);
  }
  const doc = await post<{ id: string }>(request, token, `/api/projects/${project.id}/documents`, {
    title: 'Informant 2',
    text: TEXT,
  });
  const code = async (name: string, phrase: string): Promise<Coded> => {
    const start = TEXT.indexOf(phrase);
    expect(start, phrase).toBeGreaterThanOrEqual(0);
    const coding = await post<{ id: string }>(request, token, `/api/documents/${doc.id}/codings`, {
      codeId: codes.get(name),
      start,
      end: start + phrase.length,
    });
    return { id: coding.id, code: name, phrase };
  };
  // The long one spans two answers; a short one inside it; one overlapping its end; one alone.
  const long = await code(
    names[0],
    'Vi spør brukerne før vi lager planen. Det tar tid, men det gir tillit.\nIntervjuer: Hvordan merket dere pandemien?',
  );
  const inner = await code(names[1], 'det gir tillit');
  const overlap = await code(names[2], 'Hvordan merket dere pandemien?\nInformant 2: Vi mistet kontakten');
  const alone = await code(names[1], 'det var vel det');
  return { documentId: doc.id, codings: [long, inner, overlap, alone] };
}

const bracket = (page: Page, id: string): Locator => page.locator(`.tolk-stripe[data-coding-id="${id}"]`);

/** Where the words of a phrase are on screen: the middle of the given character. */
async function pointAt(page: Page, phrase: string, index = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ([wanted, i]) => {
      const root = document.querySelector('.cm-content');
      if (!root) return null;
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const text = nodes.map((n) => n.data).join('');
      let offset = text.indexOf(wanted) + i;
      for (const node of nodes) {
        if (offset < node.data.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        offset -= node.data.length;
      }
      return null;
    },
    [phrase, index] as const,
  );
  expect(point, `"${phrase}" is on screen`).not.toBeNull();
  return point!;
}

test('overlapping codings get labelled brackets side by side; a click on a bracket or on coded words selects that coding', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  const token = await apiLogin(request, DEMO.student);
  const { documentId, codings } = await codedTranscript(request, token);
  const [long, inner, overlap, alone] = codings;

  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  try {
    await page.goto(`/documents/${documentId}`);
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
    await expect(page.locator('.tolk-stripe')).toHaveCount(4);

    await test.step('every bracket carries its code’s name, shortened when long, whole with the coder on hover', async () => {
      for (const c of codings) {
        const label = bracket(page, c.id).locator('.tolk-stripe__label');
        await expect(label).toBeVisible();
        const shown = (await label.textContent()) ?? '';
        expect(shown.length, `label of ${c.code}`).toBeGreaterThan(1);
        if (shown.endsWith('…'))
          expect(c.code.startsWith(shown.slice(0, -1)), `${shown} shortens ${c.code}`).toBe(true);
        else expect(shown).toBe(c.code);
        await expect(bracket(page, c.id)).toHaveAttribute('title', `${c.code} · ${STUDENT}`);
      }
      const longLabel = await bracket(page, long.id).locator('.tolk-stripe__label').textContent();
      expect(longLabel, 'the long name is shortened').toMatch(/…$/);
      expect(longLabel!.length).toBeLessThan(long.code.length);
      // The label's box fits its text: the browser clips nothing the code left in.
      const clipped = await bracket(page, long.id)
        .locator('.tolk-stripe__label')
        .evaluate((el) => el.scrollHeight > el.clientHeight + 1);
      expect(clipped, 'shortened by the layout, not cut off by the browser').toBe(false);
    });

    await test.step('brackets and labels that share lines never overlap; each sits right of the text', async () => {
      const boxes = await page.locator('.tolk-stripe').evaluateAll((all) =>
        all.map((el) => {
          const r = el.getBoundingClientRect();
          const l = el.querySelector('.tolk-stripe__label')!.getBoundingClientRect();
          return {
            id: (el as HTMLElement).dataset['codingId']!,
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
            label: { left: l.left, right: l.right, top: l.top, bottom: l.bottom },
          };
        }),
      );
      const text = await page.locator('.cm-content').evaluate((el) => el.getBoundingClientRect().right);
      for (const b of boxes) expect(b.left, 'in the margin').toBeGreaterThanOrEqual(text);
      const overlaps = (a: { top: number; bottom: number }, b: { top: number; bottom: number }) =>
        a.top < b.bottom && b.top < a.bottom;
      let sideBySide = 0;
      for (const a of boxes) {
        for (const b of boxes) {
          if (a.id >= b.id) continue;
          if (overlaps(a, b)) {
            sideBySide++;
            expect(a.right <= b.left || b.right <= a.left, `brackets ${a.id} and ${b.id} side by side`).toBe(true);
          }
          const labelsMeet = overlaps(a.label, b.label) && a.label.left < b.label.right && b.label.left < a.label.right;
          expect(labelsMeet, `labels of ${a.id} and ${b.id} apart`).toBe(false);
          const labelOnBracket =
            overlaps(a.label, b) && a.label.left < b.right && b.left < a.label.right && a.id !== b.id;
          expect(labelOnBracket, `label of ${a.id} clear of bracket ${b.id}`).toBe(false);
        }
      }
      // long shares lines with inner and with overlap.
      expect(sideBySide, 'overlapping pairs').toBeGreaterThanOrEqual(2);
      await page.screenshot({ path: testInfo.outputPath('margin-brackets.png') });
    });

    await test.step('a click on a bracket selects its coding', async () => {
      await bracket(page, overlap.id).click();
      const card = page.getByRole('dialog', { name: overlap.code });
      await expect(card).toBeVisible();
      await expect(bracket(page, overlap.id)).toHaveClass(/tolk-stripe--active/);
      await page.keyboard.press('Escape');
      await expect(card).toBeHidden();
    });

    await test.step('a click on coded words selects the innermost coding there; again, the next one out', async () => {
      const where = await pointAt(page, 'det gir tillit', 4);
      await page.mouse.click(where.x, where.y);
      await expect(page.getByRole('dialog', { name: inner.code })).toBeVisible();
      await expect(bracket(page, inner.id)).toHaveClass(/tolk-stripe--active/);
      await page.mouse.click(where.x, where.y);
      await expect(page.getByRole('dialog', { name: long.code })).toBeVisible();
      await expect(bracket(page, long.id)).toHaveClass(/tolk-stripe--active/);
      await page.keyboard.press('Escape');
      const lone = await pointAt(page, 'det var vel det', 3);
      await page.mouse.click(lone.x, lone.y);
      await expect(page.getByRole('dialog', { name: alone.code })).toBeVisible();
      await page.keyboard.press('Escape');
      // Words no coding covers select nothing.
      const plain = await pointAt(page, 'Noe mer?', 1);
      await page.mouse.click(plain.x, plain.y);
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  } finally {
    await context.close();
  }
});
