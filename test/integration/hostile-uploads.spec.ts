import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

// Issue #17, finding 1: a 59 KB .docx holding 19 MiB of `<w:p>` XML froze the
// whole server for 35 s (mammoth on the event loop). Uploads are now read in
// worker threads with a heap cap and a time limit, and the zip guard refuses
// XML that packs hundreds of times tighter than a real document.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const MiB = 1024 * 1024;

/** A .docx whose document.xml is `body` repeated to about `bytes`. */
async function docx(body: (i: number) => string, bytes: number): Promise<Buffer> {
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const part = body(i);
    parts.push(part);
    size += part.length;
  }
  parts.push('</w:body></w:document>');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ' +
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file('word/document.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The reproduction: 19 MiB of empty paragraphs, about 60 KB packed. */
const paragraphBomb = () => docx(() => '<w:p/>', 19 * MiB);
/** The same size of XML that packs like real text: the zip guard lets it through, the parser's limits must hold. */
const heavyDocx = () =>
  docx((i) => `<w:p><w:r><w:t>${i % 3 ? '' : `Linje ${(i * 7919) % 100_003}`}</w:t></w:r></w:p>`, 19 * MiB);

/** A .qdpx whose project XML is about 8 MiB of codes (the issue's second reproduction: it held the server 1.7 s). */
async function heavyQdpx(): Promise<Buffer> {
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Fiendtlig"><CodeBook><Codes>',
  ];
  let size = parts[0].length;
  for (let i = 0; size < 8 * MiB; i++) {
    const hex = i.toString(16).padStart(12, '0');
    const part = `<Code guid="00000000-0000-4000-8000-${hex}" name="Kode ${i}" isCodable="true"/>`;
    parts.push(part);
    size += part.length;
  }
  parts.push('</Codes></CodeBook></Project>');
  const zip = new JSZip();
  zip.file('project.qde', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Samples GET /api/health every 10 ms until `until` settles; returns the latencies in ms. */
async function healthDuring(app: TestApp, until: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  // Warm: the first request of a connection pays for things the upload does not cause.
  for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/api/health`)).text();
  const state = { done: false };
  void until.finally(() => (state.done = true));
  while (!state.done) {
    const started = performance.now();
    const response = await fetch(`${app.url}/api/health`);
    await response.text();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies.sort((a, b) => a - b);
}
const p99 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];

describe('hostile uploads (issue #17, finding 1)', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await createUser(app, 'Uploader');
    projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Hostile' }).expect(201)).body
      .id as string;
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (bytes: Buffer, filename: string, as: TestUser = owner) =>
    app.http.post(`/api/projects/${projectId}/documents`).set(bearer(as)).attach('file', bytes, { filename });

  it('the 59 KB .docx with 19 MiB of <w:p> is refused while health stays fast', async () => {
    const bytes = await paragraphBomb();
    expect(bytes.length).toBeLessThan(100_000);
    for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/api/health`)).text();
    const response = upload(bytes, 'bombe.docx').then((r) => r);
    const latencies = await healthDuring(app, response);
    const answer = await response;
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ reason: 'unpacked_too_large' });
    expect(answer.body.message).toMatch(/unpacks to \d+ times its packed size/);
    expect(p99(latencies)).toBeLessThan(100);
  });

  it('19 MiB of XML that packs like text is read off the event loop: refused or imported, health never stalls', async () => {
    const bytes = await heavyDocx();
    const response = upload(bytes, 'tung.docx').then((r) => r);
    const latencies = await healthDuring(app, response);
    const answer = await response;
    // Whichever limit it meets first (memory, time, or the 2 MiB text limit), it is a clear 413, or it completes.
    if (answer.status !== 201) {
      expect(answer.status).toBe(413);
      expect(['file_too_complex', 'parsing_timed_out', 'text_too_large']).toContain(answer.body.reason);
    }
    // Seconds of parsing in a thread beside the event loop: on the shared 2-core test machine, other
    // test files compete for the same cores, so the bound here is "no stall" (on the main thread this
    // file held it for its whole parse); the reproduction above holds the issue's p99 < 100 ms.
    expect(latencies.length).toBeGreaterThan(5);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(100);
    expect(latencies[latencies.length - 1]).toBeLessThan(1000);
    // The pool survives a worker that died: an ordinary file is read afterwards.
    await upload(Buffer.from('Intervjuer: Hei.\nInformant: Hei.'), 'etterpå.txt').expect(201);
  }, 60_000);

  it('a .qdpx with 8 MiB of project XML is read off the event loop: health never stalls', async () => {
    const bytes = await heavyQdpx();
    const response = app.http
      .post('/api/projects/import')
      .set(bearer(owner))
      .attach('file', bytes, { filename: 'fiendtlig.qdpx' })
      .then((r) => r);
    const latencies = await healthDuring(app, response);
    const answer = await response;
    // Read in a parser thread: imported, or refused with a clear reason by one of the limits.
    if (answer.status !== 201) {
      expect(answer.status).toBe(413);
      expect(['file_too_complex', 'parsing_timed_out', 'unpacked_too_large']).toContain(answer.body.reason);
    }
    expect(latencies.length).toBeGreaterThan(5);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(100);
    expect(latencies[latencies.length - 1]).toBeLessThan(1000);
  }, 90_000);

  it('a parser that runs out of memory or time is a clear 413, and the next upload works', async () => {
    const tight = await startTestApp({ parser: { threads: 1, timeoutMs: 15_000, heapMb: 16 } });
    const slow = await startTestApp({ parser: { threads: 1, timeoutMs: 50, heapMb: 256 } });
    try {
      for (const [server, reason] of [
        [tight, 'file_too_complex'],
        [slow, 'parsing_timed_out'],
      ] as const) {
        const user = await createUser(server, 'Limited');
        const project = await server.http.post('/api/projects').set(bearer(user)).send({ name: 'P' }).expect(201);
        const path = `/api/projects/${project.body.id as string}/documents`;
        const refused = await server.http
          .post(path)
          .set(bearer(user))
          .attach('file', await docx((i) => `<w:p><w:r><w:t>Linje ${i} ${i * 7919}</w:t></w:r></w:p>`, 6 * MiB), {
            filename: 'stor.docx',
          });
        expect(refused.status).toBe(413);
        expect(refused.body.reason).toBe(reason);
        const documents = await server.http.get(path).set(bearer(user)).expect(200);
        expect(documents.body).toEqual([]);
      }
      // With room again, the pool reads files as before.
      const user = await createUser(tight, 'After');
      const project = await tight.http.post('/api/projects').set(bearer(user)).send({ name: 'P' }).expect(201);
      await tight.http
        .post(`/api/projects/${project.body.id as string}/documents`)
        .set(bearer(user))
        .attach('file', Buffer.from('Hei.'), { filename: 'liten.txt' })
        .expect(201);
    } finally {
      await tight.close();
      await slow.close();
    }
  }, 90_000);

  it('uploads are rate-limited per user (429 too_many_uploads with Retry-After), JSON text is not', async () => {
    const user = await createUser(app, 'Busy');
    const project = await app.http.post('/api/projects').set(bearer(user)).send({ name: 'Mine' }).expect(201);
    const path = `/api/projects/${project.body.id as string}/documents`;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const r = await app.http
        .post(path)
        .set(bearer(user))
        .attach('file', Buffer.from(`Linje ${i}`), { filename: `f${i}.txt` });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body).toMatchObject({ reason: 'too_many_uploads', params: { seconds: expect.any(Number) } });
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Text sent as JSON is not parsed from a file, and not counted.
    await app.http.post(path).set(bearer(user)).send({ title: 'Skrevet inn', text: 'Hei.' }).expect(201);
    // Another user is not affected.
    await upload(Buffer.from('Hei.'), 'annen.txt').expect(201);
  }, 60_000);
});
