import type { APIRequestContext, Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { wav } from '../integration/support/audio.js';
import { apiLogin, DEMO, editText, expect, expectNoSeriousA11yViolations, signedIn, test } from './fixtures.js';

/*
 * Transcribing against the interview recording: the student uploads a real
 * WAV written here, plays and pauses it with the keyboard, inserts a time
 * mark with the speaker's label, plays from a mark in the text, and the
 * supervisor, in the same transcript, sees where the student is listening.
 */

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const TITLE = 'Informant 9 (opptak)';
const TEXT = 'Intervjuer: Hvordan begynte det?\n[00:00:20] Informant: Det begynte med en telefon.\n';

async function newTranscript(request: APIRequestContext): Promise<string> {
  const token = await apiLogin(request, DEMO.student);
  const projects = (await (await request.get('/api/projects', { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  const project = projects.find((p) => p.name === DEMO.project);
  expect(project, 'the demo project').toBeDefined();
  const created = await request.post(`/api/projects/${project!.id}/documents`, {
    headers: bearer(token),
    data: { title: TITLE, text: TEXT },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** Codes `phrase` of the transcript as it is now with the demo codebook's first code, through the api. */
async function codePassage(request: APIRequestContext, documentId: string, phrase: string): Promise<void> {
  const token = await apiLogin(request, DEMO.student);
  const document = (await (await request.get(`/api/documents/${documentId}`, { headers: bearer(token) })).json()) as {
    projectId: string;
    text: string;
  };
  const codes = (await (
    await request.get(`/api/projects/${document.projectId}/codes`, { headers: bearer(token) })
  ).json()) as { id: string }[];
  const start = document.text.indexOf(phrase);
  expect(start).toBeGreaterThan(0);
  const coded = await request.post(`/api/documents/${documentId}/codings`, {
    headers: bearer(token),
    data: { codeId: codes[0].id, start, end: start + phrase.length },
  });
  expect(coded.status()).toBe(201);
}

/** The page's `<audio>` element: its position in seconds, and whether it is paused. */
async function audioState(page: Page): Promise<{ time: number; paused: boolean }> {
  return page.locator('[data-test="recording-panel"] audio').evaluate((el) => {
    const audio = el as HTMLAudioElement;
    return { time: audio.currentTime, paused: audio.paused };
  });
}

function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Transcript text' });
}

async function open(page: Page, documentId: string): Promise<void> {
  await page.goto(`/documents/${documentId}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(editor(page)).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Saved');
}

test('transcribe against the recording: keys, time marks, and the other listener', async ({
  browser,
  baseURL,
  request,
}) => {
  const documentId = await newTranscript(request);
  const supervisor = await signedIn(browser, baseURL, DEMO.supervisor);
  const student = await signedIn(browser, baseURL, DEMO.student);
  try {
    await open(supervisor.page, documentId);
    await open(student.page, documentId);
    const page = student.page;

    // Upload: 40 s of a gliding tone, written by the test.
    await page.locator('[data-test="recording-file"]').setInputFiles({
      name: 'intervju.wav',
      mimeType: 'audio/wav',
      buffer: wav(40),
    });
    const play = page.locator('[data-test="play"]');
    await expect(play).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-test="position"]')).toContainText('00:00:40');
    await expectNoSeriousA11yViolations(page, 'the transcript with its recording');
    // The supervisor's page learns of it on the next load; the panel is there after a reload.
    await supervisor.page.reload();
    await expect(supervisor.page.locator('[data-test="play"]')).toBeVisible();

    // Esc plays; after a while Esc pauses and steps back two seconds.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await audioState(page)).time, { timeout: 20_000 }).toBeGreaterThan(3);
    const before = await audioState(page);
    expect(before.paused).toBe(false);
    await page.keyboard.press('Escape');
    const paused = await audioState(page);
    expect(paused.paused).toBe(true);
    expect(paused.time).toBeLessThan(before.time - 1);
    expect(paused.time).toBeGreaterThan(before.time - 2.6);
    await expect(play).toHaveAttribute('aria-pressed', 'false');

    // Ctrl+J at the end of the first line: a new turn with the time and the first speaker's label.
    await editText(page);
    await page.locator('.cm-line').first().click();
    await page.keyboard.press('End');
    const second = Math.floor(Math.round(paused.time * 1000) / 1000);
    const mark = `[00:00:${String(second).padStart(2, '0')}] Intervjuer: `;
    await page.keyboard.press('Control+j');
    await expect(editor(page)).toContainText(mark);
    await page.keyboard.type('Og så?');
    await expect(editor(page)).toContainText(`${mark}Og så?`);
    // The supervisor's live copy has it too.
    await expect(editor(supervisor.page)).toContainText(`${mark}Og så?`);

    // A click on [00:00:20] plays from there.
    await page.locator('.tolk-timestamp[data-ms="20000"]').click();
    await expect.poll(async () => (await audioState(page)).paused).toBe(false);
    const from = await audioState(page);
    expect(from.time).toBeGreaterThanOrEqual(20);
    expect(from.time).toBeLessThan(24);

    // The supervisor sees where the student is listening, and that the student paused.
    const peer = supervisor.page.locator('[data-test="peer-position"]', { hasText: 'Sara Student' });
    await expect(peer).toContainText(/is listening at 00:00:2\d/);
    await page.keyboard.press('Escape');
    await expect(peer).toContainText(/paused at 00:00:(1[89]|2\d)/);

    // «Hør utdraget»: the supervisor opens a coding after [00:00:20] and hears it from that mark.
    await codePassage(request, documentId, 'Det begynte med en telefon.');
    const stripe = supervisor.page.locator('.tolk-stripe');
    await expect(stripe).toHaveCount(1);
    await stripe.click();
    await supervisor.page.locator('[data-test="listen"]').click();
    await expect.poll(async () => (await audioState(supervisor.page)).paused).toBe(false);
    const heard = await audioState(supervisor.page);
    expect(heard.time).toBeGreaterThanOrEqual(20);
    expect(heard.time).toBeLessThan(24);

    // The panel says plainly that the recording is not pseudonymised.
    await expect(page.locator('[data-test="not-pseudonymised"]')).toContainText('Not pseudonymised');

    // Analyse → coded segments: the passage cites its time beside its lines, and plays from it.
    const sp = supervisor.page;
    await sp.getByRole('link', { name: 'Back to project' }).click();
    await sp.locator('[data-test="analysis-link"]').click();
    await sp.getByRole('tab', { name: 'Coded segments' }).click();
    await sp.getByRole('combobox', { name: 'Transcript' }).click();
    await sp.getByRole('option', { name: TITLE }).click();
    const row = sp.locator('li.result', { hasText: 'Det begynte med en telefon.' });
    await expect(row.locator('[data-test="citation"]')).toContainText(TITLE);
    await expect(row.locator('[data-test="segment-time"]')).toHaveText('[00:00:20]');
    await row.locator('[data-test="segment-listen"]').click();
    const excerpt = sp.locator('audio[data-test="excerpt-audio"]');
    await expect.poll(() => excerpt.evaluate((el) => !(el as HTMLAudioElement).paused), { timeout: 20_000 }).toBe(true);
    const excerptTime = await excerpt.evaluate((el) => (el as HTMLAudioElement).currentTime);
    expect(excerptTime).toBeGreaterThanOrEqual(20);
    expect(excerptTime).toBeLessThan(24);
    await expect(row.locator('[data-test="segment-listen"]')).toHaveAttribute('aria-pressed', 'true');
    await expectNoSeriousA11yViolations(sp, 'coded segments with a time and «Hear the passage»');
    await row.locator('[data-test="segment-listen"]').click();
    await expect(row.locator('[data-test="segment-listen"]')).toHaveAttribute('aria-pressed', 'false');

    // The pseudonyms section warns that the stored recording is not pseudonymised.
    await page.getByRole('link', { name: 'Back to project' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.locator('[data-test="recordings-not-pseudonymised"]')).toContainText('not pseudonymised');

    // The owner's tick (off by default) puts the recording into the REFI-QDA export as an AudioSource.
    const tick = page.locator('[data-test="export-recordings"] input');
    await expect(tick).not.toBeChecked();
    await tick.check();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export project (.qdpx)' }).click();
    const qdpx = await JSZip.loadAsync(readFileSync(await (await downloading).path()));
    expect(qdpx.file(/^sources\/.+\.wav$/u)).toHaveLength(1);
    expect(await qdpx.file('project.qde')!.async('string')).toContain('<AudioSource');
    await open(page, documentId);
    await expect(play).toBeVisible();

    // «Slett opptaket»: the dialog names the transcript; the text stays.
    await page.getByRole('button', { name: 'More about the recording' }).click();
    await page.locator('[data-test="delete-recording"]').click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText(`Delete the recording of “${TITLE}”?`);
    await dialog.getByRole('button', { name: 'Delete the recording' }).click();
    await expect(play).toHaveCount(0);
    await expect(page.locator('[data-test="add-recording"]')).toBeVisible();
    await expect(editor(page)).toContainText('Det begynte med en telefon.');

    // The owner's rule: the recordings deleted by a date, in the project settings.
    await page.getByRole('link', { name: 'Back to project' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const rule = page.getByRole('region', { name: 'Interview recordings' });
    await expect(rule).toContainText('No recording is stored now.');
    const by = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await rule.getByLabel('Delete the recordings by').fill(by);
    await rule.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('mat-snack-bar-container').last()).toContainText(
      `The recordings will be deleted on ${by}.`,
    );
    await expect(rule.getByRole('button', { name: 'Remove the date' })).toBeVisible();
  } finally {
    await supervisor.context.close();
    await student.context.close();
  }
});

test('an upload cut off by a reload goes on from where it stopped when the same file is chosen again', async ({
  browser,
  baseURL,
  request,
}) => {
  const documentId = await newTranscript(request);
  const student = await signedIn(browser, baseURL, DEMO.student);
  const page = student.page;
  try {
    await open(page, documentId);
    // 80 s of 16-bit mono at 16 kHz: 2.56 MB, so two pieces of 2 MiB.
    const file = { name: 'langt-intervju.wav', mimeType: 'audio/wav', buffer: wav(80) };
    // The second piece never arrives (the connection drops), and the page is reloaded meanwhile.
    let patches = 0;
    await page.route('**/api/recording-uploads/**', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches > 1) await route.abort('connectionreset');
      else await route.continue();
    });
    const firstPiece = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok());
    await page.locator('[data-test="recording-file"]').setInputFiles(file);
    await firstPiece;

    const starts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/recording')) starts.push(r.url());
    });
    const pieces: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') pieces.push(Number(r.headers()['upload-offset']));
    });
    await open(page, documentId);
    await page.unroute('**/api/recording-uploads/**');
    await expect(page.locator('[data-test="unfinished-upload"]')).toContainText('langt-intervju.wav');
    await page.locator('[data-test="recording-file"]').setInputFiles(file);
    await expect(page.locator('[data-test="play"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-test="position"]')).toContainText('00:01:20');
    await expect(page.locator('[data-test="unfinished-upload"]')).toHaveCount(0);
    // No new upload was started, and nothing before the server's offset was sent again.
    expect(starts).toEqual([]);
    expect(pieces.length).toBeGreaterThan(0);
    expect(new Set(pieces)).toEqual(new Set([2 * 1024 * 1024]));
  } finally {
    await student.context.close();
  }
});
