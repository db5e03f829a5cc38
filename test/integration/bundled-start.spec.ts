import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres.js';
import { exited, MAIN, type ServerProcess, startServer } from './support/server-process.js';

type BodyParser = Parameters<ReturnType<ReturnType<typeof request>['get']>['parse']>[0];

/** A binary answer (zip, xlsx, docx) as a Buffer. */
const binary: BodyParser = (res, done) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * `npm start` runs the api bundled into one file (scripts/bundle-api.mjs).
 * What a bundle can break is whatever finds a file at run time: the worker
 * threads' scripts beside their services, the packages left out of the bundle
 * and loaded on first use, a package's own files found from `__dirname`, the
 * code cache kept in the data directory. Each is exercised here through the built bundle.
 */
describe('the bundled api (what npm start runs)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('starts with the demo and serves what needs files of its own', async () => {
    expect(MAIN).toMatch(/dist\/apps\/api\/bundle\/main\.js$/);
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-bundle-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const server: ServerProcess = await startServer(dataDir, await findFreePort(), { TOLK_DEMO: '1' });
    cleanup.push(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await exited(server.child);
      }
    });
    // The banner tells the module loading and the database's start apart (bench:restart reads them).
    expect(server.output()).toMatch(
      /started in [\d.]+ s: node [\d.]+ s, launch [\d.]+ s, imports [\d.]+ s, database [\d.]+ s, api /,
    );
    expect(server.output()).toMatch(/, postgres [\d.]+ s\)/);
    const http = request(server.url);
    expect((await http.get('/api/health').expect(200)).body).toMatchObject({ status: 'ok' });

    // The password estimator's worker thread (auth/password/password-worker.js beside its service).
    await http
      .post('/api/auth/register')
      .send({ email: 'ny@tolk.example', password: 'sju sultne svaler over fjorden', name: 'Ny Bruker' })
      .expect(201);
    await http
      .post('/api/auth/register')
      .send({ email: 'svak@tolk.example', password: 'password12', name: 'Svak' })
      .expect(400)
      .expect((res) => expect((res.body as { reason: string }).reason).toBe('password_too_weak'));

    const login = await http
      .post('/api/auth/login')
      .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
      .expect(200);
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const [project] = (await http.get('/api/projects').set(auth).expect(200)).body as { id: string }[];

    // exceljs: left out of the bundle, imported on the first export.
    const xlsx = await http
      .get(`/api/projects/${project.id}/export/segments.xlsx`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    // docx: bundled; the quote report names the demo's themes.
    const report = await http
      .get(`/api/projects/${project.id}/export/report.docx?locale=nb`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((report.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    // The upload parser's worker thread (parsing/parse-worker.js) and mammoth, left out of the bundle.
    const uploaded = await http
      .post(`/api/projects/${project.id}/documents`)
      .set(auth)
      .attach('file', report.body as Buffer, { filename: 'Sitatrapport.docx' })
      .expect(201);
    expect(uploaded.body).toMatchObject({ title: 'Sitatrapport' });
    const read = await http
      .get(`/api/documents/${(uploaded.body as { id: string }).id}`)
      .set(auth)
      .expect(200);
    expect((read.body as { text: string }).text).toContain('Brukermedvirkning i rusomsorgen');

    // The OpenAPI document (built on first request) and Swagger UI's files, found by swagger-ui-dist from its __dirname.
    const docs = (await http.get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/api/health');
    const css = await http.get('/api/docs/swagger-ui.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.text.length).toBeGreaterThan(10_000);

    // V8's code cache: made after the first start, used by the next one on the same data.
    expect(server.output()).toContain('Code cache: none');
    const cacheDir = join(dataDir, 'cache');
    const cached = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache')) : []);
    for (let i = 0; i < 100 && cached().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(cached()).toEqual([expect.stringMatching(/^api-[0-9a-f]{16}\.v8cache$/)]);
    server.child.kill('SIGKILL');
    await exited(server.child);
    const again = await startServer(dataDir, await findFreePort(), { TOLK_DEMO: '1' });
    cleanup.push(async () => {
      if (again.child.exitCode === null) {
        again.child.kill('SIGTERM');
        await exited(again.child);
      }
    });
    expect(again.output()).toContain('Code cache: used');
    await request(again.url).get('/api/health').expect(200);
    await request(again.url)
      .get(`/api/projects/${project.id}/export/segments.xlsx`)
      .set(auth)
      .expect(200)
      .expect('content-type', /spreadsheetml/);

    // A cache others may write is compiled code nobody vouches for: the next start ignores it.
    chmodSync(join(cacheDir, cached()[0]), 0o666);
    again.child.kill('SIGKILL');
    await exited(again.child);
    const wary = await startServer(dataDir, await findFreePort(), { TOLK_DEMO: '1' });
    cleanup.push(async () => {
      if (wary.child.exitCode === null) {
        wary.child.kill('SIGTERM');
        await exited(wary.child);
      }
    });
    expect(wary.output()).toContain('Code cache: none');
    await request(wary.url).get('/api/health').expect(200);
  }, 120_000);
});
