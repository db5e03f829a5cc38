// Shared bits of the sync benchmark: clock, statistics, processes, clients, text.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

/** Milliseconds since the epoch, sub-millisecond, comparable across processes on one host. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * Every benchmark user registers from 127.0.0.1 and one owner invites them all: lift the per-address
 * registration limit and the per-user invitation limit for the bench servers.
 */
export const BENCH_REGISTRATIONS = { TOLK_REGISTRATIONS_PER_HOUR: '1000000', TOLK_INVITATIONS_PER_10_MIN: '1000000' };
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Small seeded PRNG (mulberry32), so both servers get the same workload. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- edits

/** One edit's marker; it is inserted whole, so a receiver sees it in one delta. */
export const marker = (worker, client, seq, sentAt) => `⟦${worker}:${client}:${seq}:${sentAt.toFixed(3)}⟧`;
export const MARKER = /⟦(\d+):(\d+):(\d+):(\d+\.\d+)⟧/g;

/** A random index of `text` that is not inside a marker. */
export function insertPosition(text, rand) {
  let at = Math.floor(rand() * (text.length + 1));
  const open = text.lastIndexOf('⟦', at - 1);
  if (open !== -1 && text.lastIndexOf('⟧', at - 1) < open) at = text.indexOf('⟧', open) + 1;
  return at;
}

// ---------------------------------------------------------------- clients

/**
 * The stock client. `server` is `{ kind: 'tolk' | 'reference', wsUrl }`; Tolk
 * serves `/collab/:documentId` and wants a token, the reference names the room
 * by the URL path.
 */
export function connect(server, room, doc, token) {
  // The `ws` WebSocket stands in for the browser's; its types differ in details the provider does not use.
  const options = { WebSocketPolyfill: /** @type {any} */ (WebSocket), disableBc: true };
  if (server.kind === 'tolk')
    return new WebsocketProvider(`${server.wsUrl}/collab`, room, doc, { ...options, params: { token } });
  return new WebsocketProvider(server.wsUrl, room, doc, options);
}

/** Resolves on the first `synced`; rejects on a permanent close (44xx) or after `timeoutMs`. */
export function whenSynced(provider, timeoutMs = 30_000) {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`not synced after ${timeoutMs} ms (${provider.url})`)), timeoutMs);
    const onSynced = (state) => state && done();
    const onClosed = (event) => done(new Error(`closed by the server: ${event?.code} ${event?.reason ?? ''}`));
    function done(error) {
      clearTimeout(timer);
      provider.off('synced', onSynced);
      provider.off('closed', onClosed);
      if (error) reject(error);
      else resolve();
    }
    provider.on('synced', onSynced);
    provider.on('closed', onClosed);
  });
}

export function disconnect(provider) {
  provider.destroy();
  provider.awareness.destroy();
  provider.doc.destroy();
}

// ---------------------------------------------------------------- processes

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process and resolves once a line of its stdout matches `ready`. */
export function startProcess({ command, args, env, cwd, ready, timeoutMs = 120_000 }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`));
    };
    child.on('exit', (code, signal) => fail(`exited (${code ?? signal})`));
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.on('data', keep);
      resolve({ child, pid: child.pid, match, output: () => output });
    });
  });
}

/** SIGTERM to the process we started, SIGKILL after `graceMs`; resolves on exit. */
export function stopProcess(child, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Pids of every descendant of `pid` (Tolk's embedded PostgreSQL and its backends). */
export function descendants(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!parents.has(ppid)) parents.set(ppid, []);
      parents.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const walk = (p) => {
    for (const c of parents.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** VmRSS in bytes and utime+stime in clock ticks of one process (zeros when it is gone). */
export function processStats(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rss, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return { rss: 0, ticks: 0 };
  }
}

const TICKS_PER_SECOND = 100;

/**
 * Samples the server's RSS every second (and the summed RSS of its child
 * processes, i.e. PostgreSQL for Tolk); `mark()` notes CPU time so the CPU
 * used between two marks can be reported.
 */
export class ProcessSampler {
  constructor(pid) {
    this.pid = pid;
    this.samples = [];
    this.timer = setInterval(() => this.sample(), 1_000);
    this.sample();
  }

  sample() {
    const own = processStats(this.pid);
    const children = descendants(this.pid).map(processStats);
    const sample = {
      at: now(),
      rss: own.rss,
      childRss: children.reduce((sum, s) => sum + s.rss, 0),
      ticks: own.ticks,
      childTicks: children.reduce((sum, s) => sum + s.ticks, 0),
    };
    this.samples.push(sample);
    return sample;
  }

  mark() {
    return this.sample();
  }

  /** CPU use between two marks, in % of one core. */
  static cpu(from, to) {
    const seconds = (to.at - from.at) / 1000;
    return {
      server: (100 * (to.ticks - from.ticks)) / TICKS_PER_SECOND / seconds,
      children: (100 * Math.max(0, to.childTicks - from.childTicks)) / TICKS_PER_SECOND / seconds,
    };
  }

  peak(key, since = 0) {
    return Math.max(0, ...this.samples.filter((s) => s.at >= since).map((s) => s[key]));
  }

  stop() {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------- HTTP

/**
 * JSON request to Tolk's REST api; throws on an unexpected status.
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, token?: string, expect?: number[] }} [options]
 */
export async function api(baseUrl, method, path, { body, token, expect = [200, 201] } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expect.includes(response.status))
    throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * The password of every bench user: strong enough for the api's password
 * policy, and nothing like the bench users' e-mail addresses or names.
 */
export const BENCH_PASSWORD = 'Fjellvann-Kaffekopp-1987';

/** Registers a bench user and signs in: `{id, email, name, token}`. */
export async function signUp(baseUrl, { email, name }) {
  await api(baseUrl, 'POST', '/api/auth/register', { body: { email, password: BENCH_PASSWORD, name } });
  const login = await api(baseUrl, 'POST', '/api/auth/login', { body: { email, password: BENCH_PASSWORD } });
  return { id: login.user.id, email, name, token: login.accessToken };
}

/**
 * Makes `user` ({email, token}) a member of the project: by invitation where
 * the api has it (the invitee accepts), else by e-mail as older builds did.
 */
export async function addMember(baseUrl, projectId, ownerToken, user, role) {
  const invited = await fetch(`${baseUrl}/api/projects/${projectId}/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, role }),
  });
  if (invited.status === 404) {
    await api(baseUrl, 'POST', `/api/projects/${projectId}/members`, {
      body: { email: user.email, role },
      token: ownerToken,
    });
    return;
  }
  if (!invited.ok) throw new Error(`invitation: ${invited.status} ${await invited.text()}`);
  const pending = await api(baseUrl, 'GET', '/api/invitations', { token: user.token });
  const invitation = pending.find((i) => i.projectId === projectId);
  if (!invitation) throw new Error(`no pending invitation to project ${projectId} for ${user.email}`);
  await api(baseUrl, 'POST', `/api/invitations/${invitation.id}/accept`, {
    token: user.token,
    expect: [200, 201, 204],
  });
}

// ---------------------------------------------------------------- text

const WORDS = (
  'og i jeg det at en på er som til med har ikke for de var men så vi kan av om ' +
  'hun han meg seg den vil også bare hva når der skal eller fra alle mye litt noe ' +
  'veldig egentlig liksom altså kanskje sånn ja nei jo vel nå da her hjemme skolen ' +
  'jobben prosjektet veilederen oppgaven intervjuet kollegene ledelsen familien ' +
  'barna hverdagen erfaringen tilbakemelding samarbeid opplevde syntes tenkte ' +
  'følte fortalte prøvde begynte sluttet flyttet lærte husker skjønte forventet ' +
  'vanskelig viktig spennende slitsomt trygt ensomt nyttig tydelig annerledes ' +
  'ganske nesten aldri alltid ofte sjelden etterpå først senere tidligere ' +
  'kommunen sykehuset barnehagen universitetet kontoret møtet kurset pausen ' +
  'Bergen Tromsø Oslo Trondheim Stavanger Bodø vinteren sommeren høsten våren ' +
  'økonomi ansvar tillit frihet kontroll mestring motivasjon usikkerhet støtte ' +
  'måtte kunne ville burde pleide fikk gikk kom sa spurte svarte ventet glemte ' +
  'øh hm mm skjønner du vet hva jeg mener på en måte i hvert fall for å si det sånn'
).split(' ');

const QUESTIONS = [
  'Kan du fortelle litt om hvordan en vanlig dag ser ut for deg?',
  'Hva tenkte du da det skjedde?',
  'Hvordan opplevde du samarbeidet med de andre?',
  'Kan du gi et eksempel på det?',
  'Hva betydde det for deg den gangen?',
  'Hvordan ser du på det i dag?',
];

/** A synthetic 40-minute interview transcript of about `words` words. */
export function transcript(words = 6_000, seed = 40) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const clock = (s) => [s / 3600, (s / 60) % 60, s % 60].map((n) => String(Math.floor(n)).padStart(2, '0')).join(':');
  const turns = [];
  let count = 0;
  const at = () => clock(Math.round((count / words) * 2400)); // 40 minutes
  while (count < words) {
    const question = pick(QUESTIONS);
    turns.push(`[${at()}] I: ${question}`);
    count += question.split(' ').length;
    const answeredAt = at();
    const sentences = [];
    const n = 2 + Math.floor(rand() * 6);
    for (let s = 0; s < n && count < words; s++) {
      const length = 6 + Math.floor(rand() * 14);
      const sentence = Array.from({ length }, () => pick(WORDS)).join(' ');
      sentences.push(sentence[0].toUpperCase() + sentence.slice(1) + (rand() < 0.15 ? '…' : '.'));
      count += length;
    }
    turns.push(`[${answeredAt}] P: ${sentences.join(' ')}`);
  }
  return turns.join('\n\n');
}

/** A few lines of interview to start each load-test document with. */
export function seedText(index) {
  return transcript(120, 1000 + index);
}

/** Busy and total clock ticks of the whole machine (first line of /proc/stat). */
export function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  let stalled = NaN; // µs during which some runnable task waited for a CPU (pressure stall information)
  try {
    stalled = Number(/some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))[1]);
  } catch {
    // no PSI on this kernel
  }
  return { busy: total - idle, total, stalled, at: now() };
}
