// `npm run bench:media` (issue #19): an hour-long interview recording (mp3,
// 64 kbit/s, ≈ 29 MB, made by ffmpeg) uploaded through the tus routes as a
// browser would, then 100 seeks to random places (a `Range` request each,
// timed to the first byte of audio), then 10 listeners fetching the whole
// recording at once while the server's RSS is sampled every second.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInstance, startPostgres } from './lib/cluster.mjs';
import { checkBuild, cleanups, f1, MB, options, printTable, runMain } from './lib/harness.mjs';
import { api, now, percentile, ProcessSampler, random, sleep } from './sync/lib.mjs';

/** What a browser sends per PATCH (the web client's piece size is 2 MiB; larger pieces, fewer round trips). */
const PIECE = 2 * 1024 * 1024;
/** A seek reads this much, about 8 s of 64 kbit/s audio: what a player asks for first. */
const SEEK_BYTES = 64 * 1024;

/** `minutes` of a gliding tone as 64 kbit/s mono mp3, by Debian's ffmpeg. */
function recording(minutes) {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-media-'));
  try {
    const file = join(dir, 'intervju.mp3');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=220:beep_factor=3:duration=${minutes * 60}`,
      '-ac',
      '1',
      '-b:a',
      '64k',
      file,
    ]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Time to the first body byte of one range, then the rest of it is dropped. */
async function firstByte(url, token, start, end) {
  const t0 = now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, range: `bytes=${start}-${end}` } });
  if (response.status !== 206) throw new Error(`a seek was answered ${response.status}`);
  const reader = response.body.getReader();
  const { value } = await reader.read();
  const ms = now() - t0;
  await reader.cancel();
  if (!value?.length) throw new Error('a seek answered no bytes');
  return ms;
}

/** One listener: the whole recording, read as fast as it comes; the bytes received. */
async function listen(url, token) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const reader = response.body.getReader();
  let bytes = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
  return bytes;
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
};

async function main() {
  const { common, num } = options(process.argv.slice(2));
  const s = {
    ...common,
    minutes: num('minutes', 'BENCH_MINUTES', common.quick ? 5 : 60),
    seeks: num('seeks', 'BENCH_SEEKS', common.quick ? 20 : 100),
    listeners: num('listeners', 'BENCH_LISTENERS', 10),
  };
  const build = checkBuild(s.build);
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(`Load average at the start: ${load.join(' ')}`);
  console.log(`Making ${s.minutes} minutes of 64 kbit/s mp3 with ffmpeg…`);
  const bytes = recording(s.minutes);

  // The key comes from the environment, so nothing is written into the working tree's data directory.
  process.env.TOLK_RECORDING_KEY ??= randomBytes(32).toString('base64');
  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const instance = await startInstance({ name: 'A', databaseUrl: await postgres.createDatabase('media') });
  cleanups.push(() => instance.stop());
  const { baseUrl } = instance;

  const user = { email: 'media@tolk.example', password: 'Fjellvann-Kaffekopp-1987', name: 'Media' };
  await api(baseUrl, 'POST', '/api/auth/register', { body: user });
  const { accessToken: token } = await api(baseUrl, 'POST', '/api/auth/login', {
    body: { email: user.email, password: user.password },
  });
  const project = await api(baseUrl, 'POST', '/api/projects', { body: { name: 'Media' }, token });
  const document = await api(baseUrl, 'POST', `/api/projects/${project.id}/documents`, {
    body: { title: 'Intervju', text: 'Intervjuer: Hei.\n' },
    token,
  });

  console.log(`Uploading ${f1(bytes.length / MB)} MB in ${PIECE / MB} MiB pieces…`);
  const uploadStarted = now();
  const { uploadUrl } = await api(baseUrl, 'POST', `/api/documents/${document.id}/recording`, {
    body: { size: bytes.length, filename: 'intervju.mp3', contentType: 'audio/mpeg' },
    token,
  });
  for (let offset = 0; offset < bytes.length; offset += PIECE) {
    const piece = bytes.subarray(offset, Math.min(bytes.length, offset + PIECE));
    const answer = await fetch(baseUrl + uploadUrl, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: piece,
    });
    if (answer.status !== 204) throw new Error(`PATCH at ${offset} answered ${answer.status}: ${await answer.text()}`);
  }
  const uploadMs = now() - uploadStarted;
  const info = await api(baseUrl, 'GET', `/api/documents/${document.id}/recording`, { token });
  console.log(`Stored: ${info.format}, ${f1(info.durationMs / 60_000)} min.`);

  const audioUrl = `${baseUrl}/api/documents/${document.id}/recording/audio`;
  const rand = random(19);
  const seeks = [];
  for (let i = 0; i < s.seeks; i++) {
    const start = Math.floor(rand() * (bytes.length - SEEK_BYTES));
    seeks.push(await firstByte(audioUrl, token, start, start + SEEK_BYTES - 1));
  }
  const seek = stats(seeks);

  const sampler = new ProcessSampler(instance.pid);
  cleanups.push(async () => sampler.stop());
  await sleep(2_000);
  const before = sampler.mark();
  const listenStarted = now();
  const received = await Promise.all(Array.from({ length: s.listeners }, () => listen(audioUrl, token)));
  const listenMs = now() - listenStarted;
  await sleep(1_000);
  const after = sampler.mark();
  const peak = sampler.peak('rss', before.at);
  sampler.stop();
  if (received.some((n) => n !== bytes.length)) throw new Error(`a listener got ${received.join(', ')} bytes`);

  printTable([
    ['measure', 'value'],
    ['recording', `${f1(bytes.length / MB)} MB, ${f1(info.durationMs / 60_000)} min, ${info.format}`],
    ['upload (tus, 2 MiB pieces)', `${f1(uploadMs / 1000)} s, ${f1(bytes.length / MB / (uploadMs / 1000))} MB/s`],
    [
      `first byte after a seek (${seek.n} seeks)`,
      `p50 ${f1(seek.p50)} ms, p99 ${f1(seek.p99)} ms, max ${f1(seek.max)} ms`,
    ],
    [
      `${s.listeners} listeners, whole file each`,
      `${f1(listenMs / 1000)} s, ${f1((s.listeners * bytes.length) / MB / (listenMs / 1000))} MB/s served`,
    ],
    ['server RSS before listeners', `${f1(before.rss / MB)} MB`],
    ['server RSS peak while listening', `${f1(peak / MB)} MB (growth ${f1((peak - before.rss) / MB)} MB)`],
    ['server RSS after', `${f1(after.rss / MB)} MB`],
    ['load average at the start', load.join(' ')],
  ]);
  if (s.json)
    writeFileSync(
      s.json,
      JSON.stringify(
        { build, load, size: bytes.length, uploadMs, seek, listenMs, rss: { before, peak, after } },
        null,
        2,
      ),
    );
}

runMain(main);
