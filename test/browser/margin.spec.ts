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

/**
 * A project of its own: three codes (one with a long name), five codings:
 * three cover the same words of the second line, one overlaps the long one’s end, one alone.
 */
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
  const third = await code(names[2], 'Det tar tid, men det gir tillit.');
  return { projectId: project.id, documentId: doc.id, codings: [long, inner, overlap, alone, third] };
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
  const [long, inner, overlap, alone, third] = codings;

  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  try {
    await page.goto(`/documents/${documentId}`);
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
    await expect(page.locator('.tolk-stripe')).toHaveCount(5);

    for (const width of [1280, 800]) {
      await test.step(`${width} px wide: every bracket carries its code’s name, shortened when long, whole with the coder on hover`, async () => {
        await page.setViewportSize({ width, height: 900 });
        if (width < 1000) {
          // Opened this narrow, the page keeps the codes panel (which would lie over the text) closed.
          await page.reload();
          await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
          await expect(page.locator('.side-panel')).toBeHidden();
        }
        await expect(page.locator('.tolk-stripe')).toHaveCount(5);
        for (const c of codings) {
          const label = bracket(page, c.id).locator('.tolk-stripe__label');
          await expect(label).toBeVisible();
          const shown = (await label.textContent()) ?? '';
          expect(shown.length, `label of ${c.code}`).toBeGreaterThan(3);
          if (shown.endsWith('…'))
            expect(c.code.startsWith(shown.slice(0, -1)), `${shown} shortens ${c.code}`).toBe(true);
          else expect(shown).toBe(c.code);
          await expect(bracket(page, c.id)).toHaveAttribute('title', `${c.code} · ${STUDENT}`);
          // The label's box fits its text: the browser clips nothing the layout left in.
          const clipped = await label.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
          expect(clipped, `${shown}: shortened by the layout, not cut off by the browser`).toBe(false);
        }
        const longLabel = await bracket(page, long.id).locator('.tolk-stripe__label').textContent();
        expect(longLabel, 'the long name is shortened').toMatch(/…$/);
        expect(longLabel!.length).toBeLessThan(long.code.length);
        // The short names are whole.
        await expect(bracket(page, inner.id).locator('.tolk-stripe__label')).toHaveText('Tillit');
        await expect(bracket(page, overlap.id).locator('.tolk-stripe__label')).toHaveText('Pandemien');
      });

      await test.step(`${width} px wide: brackets and names never cover each other, the text or the panel; three side by side`, async () => {
        const geometry = await page.evaluate(() => {
          const box = (el: Element) => {
            const r = el.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          };
          const stripes = Array.from(document.querySelectorAll<HTMLElement>('.tolk-stripe')).map((el) => {
            const label = el.querySelector('.tolk-stripe__label')!;
            const l = box(label);
            // What a pointer meets at the middle of the name: the name itself, nothing laid over it.
            const hit = document.elementFromPoint((l.left + l.right) / 2, (l.top + l.bottom) / 2);
            return { id: el.dataset['codingId']!, ...box(el), label: l, onTop: hit === label };
          });
          return {
            stripes,
            text: box(document.querySelector('.cm-content')!),
            host: box(document.querySelector('[data-tolk-margin]')!),
            width: document.documentElement.clientWidth,
          };
        });
        type Box = { left: number; right: number; top: number; bottom: number };
        const meet = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
        const share = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom;
        for (const b of geometry.stripes) {
          expect(b.left, 'bracket in the margin').toBeGreaterThanOrEqual(geometry.text.right);
          expect(b.label.left, 'name right of the text').toBeGreaterThanOrEqual(geometry.text.right);
          expect(b.label.right, 'name inside the margin').toBeLessThanOrEqual(geometry.host.right + 1);
          expect(b.label.right, 'name inside the window').toBeLessThanOrEqual(geometry.width);
          expect(b.label.top, 'name not above its bracket').toBeGreaterThanOrEqual(b.top - 1);
          expect(b.onTop, `name of ${b.id} not covered`).toBe(true);
        }
        let sideBySide = 0;
        for (const a of geometry.stripes) {
          for (const b of geometry.stripes) {
            if (a.id === b.id) continue;
            if (a.id < b.id && share(a, b)) {
              sideBySide++;
              expect(a.right <= b.left || b.right <= a.left, `brackets ${a.id} and ${b.id} side by side`).toBe(true);
            }
            expect(meet(a.label, b.label), `names of ${a.id} and ${b.id} apart`).toBe(false);
            expect(meet(a.label, b), `name of ${a.id} clear of bracket ${b.id}`).toBe(false);
          }
        }
        // long, third and inner cover the same words; long and overlap share the third line.
        const ofId = (id: string) => geometry.stripes.find((b) => b.id === id)!;
        const trio = [long, third, inner].map((c) => ofId(c.id));
        expect(share(trio[0], trio[1]) && share(trio[0], trio[2]), 'three codings on one line').toBe(true);
        expect(new Set(trio.map((b) => Math.round(b.left))).size, 'three lanes').toBe(3);
        expect(sideBySide, 'overlapping pairs').toBeGreaterThanOrEqual(4);
        await page.screenshot({ path: testInfo.outputPath(`margin-brackets-${width}.png`) });
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await test.step('a click on a bracket selects its coding', async () => {
      await bracket(page, overlap.id).click();
      const card = page.getByRole('dialog', { name: overlap.code });
      await expect(card).toBeVisible();
      await expect(bracket(page, overlap.id)).toHaveClass(/tolk-stripe--active/);
      await page.keyboard.press('Escape');
      await expect(card).toBeHidden();
    });

    await test.step('a click on coded words selects the innermost coding there; again, the next ones out', async () => {
      const where = await pointAt(page, 'det gir tillit', 4);
      await page.mouse.click(where.x, where.y);
      await expect(page.getByRole('dialog', { name: inner.code })).toBeVisible();
      await expect(bracket(page, inner.id)).toHaveClass(/tolk-stripe--active/);
      await page.mouse.click(where.x, where.y);
      await expect(page.getByRole('dialog', { name: third.code })).toBeVisible();
      await expect(bracket(page, third.id)).toHaveClass(/tolk-stripe--active/);
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

/** The words a coding covers now, as the page tints them. */
const codedText = (page: Page, id: string): Promise<string> =>
  page.locator(`.tolk-coded[data-coding-id="${id}"]`).evaluateAll((all) =>
    all
      .filter((el) => !el.parentElement?.closest('.tolk-coded'))
      .map((el) => el.textContent)
      .join(''),
  );

async function demoProjectId(request: APIRequestContext, token: string): Promise<string> {
  const answer = await request.get('/api/projects', { headers: bearer(token) });
  const project = ((await answer.json()) as { id: string; name: string }[]).find((p) => p.name === DEMO.project);
  expect(project, 'the demo project').toBeDefined();
  return project!.id;
}

test('in Norwegian, a coding one word short is fixed in place by dragging its end and by keys; the supervisor sees it live, the history says who', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const token = await apiLogin(request, DEMO.student);
  const projectId = await demoProjectId(request, token);
  const code = await post<{ id: string; name: string }>(request, token, `/api/projects/${projectId}/codes`, {
    name: `Tillit ${Date.now()}`,
  });
  const doc = await post<{ id: string }>(request, token, `/api/projects/${projectId}/documents`, {
    title: `Endre utdrag ${Date.now()}`,
    text: TEXT,
  });
  const start = TEXT.indexOf('det gir tillit');
  const coding = await post<{ id: string }>(request, token, `/api/documents/${doc.id}/codings`, {
    codeId: code.id,
    start,
    end: start + 'det gir'.length,
  });

  const studentContext = await browser.newContext({
    baseURL,
    locale: 'nb-NO',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const student = await studentContext.newPage();
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  try {
    await student.goto('/login');
    await student.getByLabel('E-post').fill(DEMO.student.email);
    await student.getByLabel('Passord').fill(DEMO.student.password);
    await student.getByRole('button', { name: 'Logg inn' }).click();
    await expect(student).toHaveURL(/\/projects$/);
    for (const page of [student, supervisor.page]) {
      await page.goto(`/documents/${doc.id}`);
      await expect(bracket(page, coding.id)).toBeVisible();
      expect(await codedText(page, coding.id)).toBe('det gir');
    }

    await test.step('the selected coding shows handles on its ends and says which keys move which end', async () => {
      await bracket(student, coding.id).click();
      const card = student.getByRole('dialog', { name: code.name });
      await expect(card).toBeVisible();
      await expect(card.locator('[data-test="resize-hint"]')).toHaveText(
        'Shift+→ / Shift+← flytter slutten ett ord; med Alt flyttes starten. Eller dra i håndtakene i teksten.',
      );
      await expect(student.locator('.tolk-handle--start')).toBeVisible();
      await expect(student.locator('.tolk-handle--end')).toBeVisible();
    });

    await test.step('dragging the end over the next word takes it in; the supervisor sees it without a reload', async () => {
      const handle = await student.locator('.tolk-handle--end').boundingBox();
      expect(handle).not.toBeNull();
      const target = await pointAt(student, 'det gir tillit', 'det gir til'.length);
      await student.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
      await student.mouse.down();
      await student.mouse.move(target.x, target.y, { steps: 6 });
      await expect(student.locator('.tolk-resize-preview')).toHaveText('det gir tillit');
      await student.mouse.up();
      await expect.poll(() => codedText(student, coding.id)).toBe('det gir tillit');
      await expect.poll(() => codedText(supervisor.page, coding.id), { timeout: 3_000 }).toBe('det gir tillit');
      // Letting go is not a click elsewhere: the card stays, with the new words.
      await expect(student.getByRole('dialog', { name: code.name })).toContainText('det gir tillit');
      await student.screenshot({ path: testInfo.outputPath('resized-by-drag.png') });
    });

    await test.step('Alt+Shift+← takes in the word before; saved once the keys rest, live for the supervisor', async () => {
      await student.keyboard.press('Alt+Shift+ArrowLeft');
      await expect(student.locator('.tolk-resize-preview')).toHaveText('men det gir tillit');
      await expect.poll(() => codedText(supervisor.page, coding.id), { timeout: 5_000 }).toBe('men det gir tillit');
      expect(await codedText(student, coding.id)).toBe('men det gir tillit');
      // Shift+← gives the last word back, Shift+→ takes it again: one version for the two keys.
      await student.keyboard.press('Shift+ArrowLeft');
      await expect(student.locator('.tolk-resize-preview')).toHaveText('men det gir');
      await student.keyboard.press('Shift+ArrowLeft');
      await expect(student.locator('.tolk-resize-preview')).toHaveText('men det');
      await student.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => codedText(supervisor.page, coding.id), { timeout: 5_000 }).toBe('men det gir');
    });

    await test.step('the history shows each resize, by whom and when, for both', async () => {
      const answer = await request.get(`/api/codings/${coding.id}/history`, { headers: bearer(token) });
      const versions = (await answer.json()) as { action: string; quote: string }[];
      expect(versions.map((v) => [v.action, v.quote])).toEqual([
        ['created', 'det gir'],
        ['resized', 'det gir tillit'],
        ['resized', 'men det gir tillit'],
        ['resized', 'men det gir'],
      ]);
      const card = student.getByRole('dialog', { name: code.name });
      await card.getByRole('button', { name: 'Historikk' }).click();
      const items = card.getByRole('listitem');
      await expect(items).toHaveCount(4);
      await expect(items.first()).toContainText('Utdrag endret');
      await expect(items.first()).toContainText('Sara Student');
      await student.screenshot({ path: testInfo.outputPath('resize-history-nb.png') });

      await bracket(supervisor.page, coding.id).click();
      const seen = supervisor.page.getByRole('dialog', { name: code.name });
      await seen.getByRole('button', { name: 'History' }).click();
      await expect(seen.getByRole('listitem')).toHaveCount(4);
      await expect(seen.getByRole('listitem').first()).toContainText('Passage changed');
      await expect(seen.getByRole('listitem').first()).toContainText('Sara Student');
    });
  } finally {
    await studentContext.close();
    await supervisor.context.close();
  }
});

test('line numbers stand in the margin (a choice remembered per person); a coding’s card and the segments list cite its lines', async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const token = await apiLogin(request, DEMO.student);
  const { projectId, documentId, codings } = await codedTranscript(request, token);
  const [long, , , alone] = codings;
  const numbers = (page: Page) => page.locator('.tolk-line-number');
  const toggle = async (page: Page) => {
    await page.locator('[data-test="coding-view"]').click();
    await page.getByRole('menuitemcheckbox', { name: 'Line numbers' }).click();
  };

  const { context, page } = await signedIn(browser, baseURL, DEMO.student);
  try {
    await page.goto(`/documents/${documentId}`);
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');

    await test.step('one number per paragraph or turn, at its first row, left of the text', async () => {
      await expect(numbers(page)).toHaveText(['1', '2', '3', '4', '5', '6']);
      const rows = await page.evaluate(() => {
        const text = document.querySelector('.cm-content')!.getBoundingClientRect();
        const lines = Array.from(document.querySelectorAll('.cm-line')).map((l) => l.getBoundingClientRect());
        const marks = Array.from(document.querySelectorAll('.tolk-line-number')).map((n) => n.getBoundingClientRect());
        return {
          textLeft: text.left,
          lines: lines.map((l) => l.top),
          marks: marks.map((m) => ({ top: m.top, right: m.right })),
        };
      });
      rows.marks.forEach((m, i) => {
        expect(m.right, `number ${i + 1} left of the text`).toBeLessThan(rows.textLeft);
        expect(Math.abs(m.top - rows.lines[i]), `number ${i + 1} beside its line`).toBeLessThan(4);
      });
      await page.screenshot({ path: testInfo.outputPath('line-numbers.png') });
    });

    await test.step('a coding’s card cites its lines: one line, or a range', async () => {
      await bracket(page, long.id).click();
      await expect(page.getByRole('dialog', { name: long.code }).locator('[data-test="citation"]')).toHaveText(
        'Informant 2, lines 2–3',
      );
      await page.keyboard.press('Escape');
      await bracket(page, alone.id).click();
      await expect(page.getByRole('dialog', { name: alone.code }).locator('[data-test="citation"]')).toHaveText(
        'Informant 2, line 6',
      );
      await page.keyboard.press('Escape');
    });

    await test.step('turned off, they stay off for this person, also after a reload; on again', async () => {
      await toggle(page);
      await expect(numbers(page)).toHaveCount(0);
      await page.reload();
      await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Saved');
      await expect(page.locator('.tolk-stripe').first()).toBeVisible();
      await expect(numbers(page)).toHaveCount(0);
      await toggle(page);
      await expect(numbers(page)).toHaveCount(6);
    });

    await test.step('the segments list in Analysis cites document and lines', async () => {
      await page.goto(`/projects/${projectId}/analysis`);
      await page.getByRole('tab', { name: 'Coded segments' }).click();
      const result = page.locator('.result').filter({ hasText: 'det var vel det' });
      await expect(result.locator('[data-test="citation"]')).toHaveText('Informant 2, line 6');
      const spanning = page.locator('.result').filter({ hasText: 'Vi spør brukerne' });
      await expect(spanning.locator('[data-test="citation"]')).toHaveText('Informant 2, lines 2–3');
      await page.screenshot({ path: testInfo.outputPath('segments-citations.png') });
    });
  } finally {
    await context.close();
  }
});

test('in Norwegian, two people resize the same coding at once: the later save gets 409, that page reloads the coding and says so', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await apiLogin(request, DEMO.student);
  const projectId = await demoProjectId(request, token);
  const code = await post<{ id: string; name: string }>(request, token, `/api/projects/${projectId}/codes`, {
    name: `Samtidig ${Date.now()}`,
  });
  const doc = await post<{ id: string }>(request, token, `/api/projects/${projectId}/documents`, {
    title: `Samtidig endring ${Date.now()}`,
    text: TEXT,
  });
  const start = TEXT.indexOf('det gir tillit');
  const coding = await post<{ id: string }>(request, token, `/api/documents/${doc.id}/codings`, {
    codeId: code.id,
    start,
    end: start + 'det gir'.length,
  });

  const studentContext = await browser.newContext({
    baseURL,
    locale: 'nb-NO',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const student = await studentContext.newPage();
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  try {
    await student.goto('/login');
    await student.getByLabel('E-post').fill(DEMO.student.email);
    await student.getByLabel('Passord').fill(DEMO.student.password);
    await student.getByRole('button', { name: 'Logg inn' }).click();
    await expect(student).toHaveURL(/\/projects$/);
    for (const page of [student, supervisor.page]) {
      await page.goto(`/documents/${doc.id}`);
      await bracket(page, coding.id).click();
      await expect(page.getByRole('dialog', { name: code.name })).toBeVisible();
      expect(await codedText(page, coding.id)).toBe('det gir');
    }

    // Both start from version 1. The student's save is held on its way until
    // the supervisor's has been stored: then it reaches the server second.
    let release!: () => void;
    const supervisorStored = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    await student.route(`**/api/codings/${coding.id}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      held = true;
      await supervisorStored;
      await route.continue();
    });
    const studentAnswer = student.waitForResponse(
      (r) => r.url().endsWith(`/api/codings/${coding.id}`) && r.request().method() === 'PATCH',
    );

    await test.step('the student takes in the next word; the supervisor the word before, and is saved first', async () => {
      await student.keyboard.press('Shift+ArrowRight');
      await expect(student.locator('.tolk-resize-preview')).toHaveText('det gir tillit');
      await expect.poll(() => held, { timeout: 5_000 }).toBe(true);
      const saved = supervisor.page.waitForResponse(
        (r) => r.url().endsWith(`/api/codings/${coding.id}`) && r.request().method() === 'PATCH',
      );
      await supervisor.page.keyboard.press('Alt+Shift+ArrowLeft');
      expect((await saved).status()).toBe(200);
      release();
    });

    await test.step('the student’s save answers 409; the page says so in Norwegian and shows the supervisor’s version', async () => {
      expect((await studentAnswer).status()).toBe(409);
      await expect(
        student.getByText('Endret av noen andre — lastet inn på nytt. Se over og prøv igjen.'),
      ).toBeVisible();
      await expect.poll(() => codedText(student, coding.id)).toBe('men det gir');
      await expect(student.locator('.tolk-resize-preview')).toHaveCount(0);
      expect(await codedText(supervisor.page, coding.id)).toBe('men det gir');
    });

    await test.step('only the supervisor’s resize is in the history', async () => {
      const answer = await request.get(`/api/codings/${coding.id}/history`, { headers: bearer(token) });
      const versions = (await answer.json()) as { action: string; quote: string; actor: { name: string } }[];
      expect(versions.map((v) => [v.action, v.quote, v.actor.name])).toEqual([
        ['created', 'det gir', STUDENT],
        ['resized', 'men det gir', 'Viktor Veileder'],
      ]);
    });
  } finally {
    await studentContext.close();
    await supervisor.context.close();
  }
});
