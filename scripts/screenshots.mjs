// Screenshots of a coded transcript for docs/screenshots/: Norwegian and
// English, 1280 and 800 px wide, in Debian's Chromium. Starts the built api
// (`npm run build` first) on a free port with a fresh data directory (so the
// demo project and users exist), codes the first demo transcript through the
// api, then photographs it. Run: `npm run screenshots` (writes the PNGs;
// `--out DIR` to write elsewhere).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : join(root, 'docs/screenshots');
const STUDENT = { email: 'student@tolk.example', password: 'tolk-student-demo' };
const PROJECT = 'Brukermedvirkning i rusomsorgen';
/** The demo codebook's own codes (made if a demo lacks one). */
const CODES = [
  'Brukermedvirkning',
  'Tillit og tilknytning',
  'Digitalisering',
  'Relasjoner',
  'Isolasjon og tilbakefall',
];
const SHOTS = [
  { lang: 'nb', locale: 'nb-NO', width: 1280 },
  { lang: 'nb', locale: 'nb-NO', width: 800 },
  { lang: 'en', locale: 'en-GB', width: 1280 },
  { lang: 'en', locale: 'en-GB', width: 800 },
];

const main = join(root, 'dist/apps/api/main.js');
if (!existsSync(main) || !existsSync(join(root, 'dist/apps/web/browser/index.html'))) {
  throw new Error('the built api and web client are missing: run npm run build first');
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'tolk-screenshots-'));
chmodSync(dataDir, 0o755);
const api = spawn(process.execPath, [main], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TOLK_DATA_DIR: dataDir, TOLK_DEMO: '1' },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  await healthy();
  const documentId = await codeTheDemo();
  mkdirSync(out, { recursive: true });
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      baseURL: base,
      locale: shot.locale,
      timezoneId: 'Europe/Oslo',
      viewport: { width: shot.width, height: 900 },
    });
    const page = await context.newPage();
    await page.addInitScript((lang) => localStorage.setItem('tolk.lang', lang), shot.lang);
    await page.goto('/login');
    await page.locator('input[type="email"]').fill(STUDENT.email);
    await page.locator('input[type="password"]').fill(STUDENT.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/projects$/);
    await page.goto(`/documents/${documentId}`);
    await page.locator('.tolk-stripe').first().waitFor();
    await page.locator('.tolk-line-number').first().waitFor();
    // Settled: fonts, the side panel, the brackets measured.
    await page.waitForTimeout(500);
    const file = join(out, `transcript-${shot.lang}-${shot.width}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

/** Codes and overlapping codings on the first demo transcript; returns its id. */
async function codeTheDemo() {
  const login = await call('POST', '/api/auth/login', STUDENT);
  const token = login.accessToken;
  const projects = await call('GET', '/api/projects', undefined, token);
  const project = projects.find((p) => p.name === PROJECT);
  const documents = await call('GET', `/api/projects/${project.id}/documents`, undefined, token);
  const doc = documents.find((d) => d.title === 'Informant 1');
  const { text } = await call('GET', `/api/documents/${doc.id}`, undefined, token);
  // The demo codebook may hold some of these already: use those, make the rest.
  const existing = await call('GET', `/api/projects/${project.id}/codes`, undefined, token);
  const codes = [];
  for (const name of CODES)
    codes.push(
      existing.find((c) => c.name === name) ??
        (await call('POST', `/api/projects/${project.id}/codes`, { name }, token)),
    );
  // The informant's answers, sentence by sentence: the first answers coded, some twice, some spanning turns.
  const answers = [...text.matchAll(/^Informant[^:\n]*: (.+)$/gmu)].slice(0, 6);
  let n = 0;
  for (const answer of answers) {
    const start = answer.index + answer[0].length - answer[1].length;
    const sentences = [...answer[1].matchAll(/[^.!?]+[.!?]/gu)];
    for (const [i, sentence] of sentences.slice(0, 3).entries()) {
      const from = start + sentence.index + (sentence[0].length - sentence[0].trimStart().length);
      const to = start + sentence.index + sentence[0].length;
      await code(codes[n++ % codes.length].id, from, to);
      if (i === 0) await code(codes[n++ % codes.length].id, from, start + answer[1].length);
    }
  }
  // One coding over two turns of speech.
  if (answers.length > 2) await code(codes[2].id, answers[1].index, answers[2].index + answers[2][0].length);
  return doc.id;

  function code(codeId, from, to) {
    return call('POST', `/api/documents/${doc.id}/codings`, { codeId, start: from, end: to }, token);
  }
}

async function call(method, path, body, token) {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

async function healthy() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the api exited (${api.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the api did not become healthy within 120 s');
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
