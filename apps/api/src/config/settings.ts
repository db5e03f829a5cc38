import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isKey } from '../platform/key-file.js';

/**
 * Every setting Tolk reads, validated once at boot (README.md, "Settings").
 * Nothing else in the api reads `process.env`.
 */
export interface Settings {
  port: number;
  host: string;
  /** An external PostgreSQL; undefined means the embedded one. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Port for the embedded PostgreSQL; undefined means any free port. */
  embeddedPgPort: number | undefined;
  redisUrl: string | undefined;
  demo: boolean;
  allowRegistration: boolean;
  /** Token signing secret; undefined means generate one into `dataDir`. */
  secret: string | undefined;
  /** Bearer token that `GET /metrics` requires; undefined leaves it open (scrape it on a private network). */
  metricsToken: string | undefined;
  /** `text` for people, `json` (one object per line, with request ids) for log collectors. */
  logFormat: 'text' | 'json';
  /** New accounts one address may register per hour (`POST /api/auth/register`). */
  registrationsPerHour: number;
  /** Invitations one user may send per 10 minutes (`TOLK_INVITATIONS_PER_10_MIN`). */
  invitationsPerTenMinutes: number;
  /**
   * Express `trust proxy`: hops (a number) or addresses (`loopback`, CIDRs) of
   * the TLS proxies in front, whose `X-Forwarded-For`/`-Proto` are believed
   * (client addresses in the audit log and rate limits, secure cookies, HSTS).
   * Undefined: nothing forwarded is believed.
   */
  trustProxy: number | string | undefined;
  /** Sign-in through an OpenID Connect provider (e.g. Feide); undefined when not configured. */
  oidc: OidcSettings | undefined;
  /**
   * Where people reach Tolk (`https://tolk.example.org`), for links that
   * leave the site and come back (the OIDC redirect URI). Undefined: taken
   * from each request's host.
   */
  publicUrl: string | undefined;
  /** base64 of the 32-byte key that encrypts pseudonym key lists; undefined: a file made in `dataDir`. */
  pseudonymKey: string | undefined;
  /** base64 of the 32-byte key that encrypts interview recordings; undefined: a file made in `dataDir`. */
  recordingKey: string | undefined;
  /** Largest interview recording accepted, in bytes (`TOLK_RECORDING_MAX_MB`). */
  recordingMaxBytes: number;
  /** Uploaded files are read in worker threads, off the event loop (`parsing/untrusted-parser.ts`). */
  parser: ParserSettings;
  /** Open `/collab` connections one user may have at once (tabs, devices). */
  collabConnectionsPerUser: number;
  /**
   * Lifetime of an access token in seconds (`TOLK_ACCESS_TOKEN_SECONDS`,
   * default 15 minutes). Live connections end at the token's expiry unless
   * the client renews in-band; tests shorten it.
   */
  accessTokenSeconds: number;
}

export interface ParserSettings {
  /** Worker threads reading uploads at once (`TOLK_PARSER_THREADS`). */
  threads: number;
  /** Wall-clock limit for reading one file, from when a thread takes it (`TOLK_PARSER_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Heap limit of a worker thread in MiB (`TOLK_PARSER_HEAP_MB`). */
  heapMb: number;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button ("Sign in with Feide"). */
  name: string;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

const MIB = 1024 * 1024;

/** Minimum length of `TOLK_SECRET`: 32 characters (256 bits if random). */
const MIN_SECRET_LENGTH = 32;

export function loadSettings(env: Env = process.env, cwd = process.cwd()): Settings {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const port = parsePort(read('PORT'), 'PORT', problems) ?? 3000;
  const host = read('HOST') ?? '127.0.0.1';

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }

  const embeddedPgPort = parsePort(read('TOLK_PG_PORT'), 'TOLK_PG_PORT', problems);
  if (embeddedPgPort === 0) problems.push('TOLK_PG_PORT must be between 1 and 65535 (leave it unset for a free port)');

  const demo = parseFlag(read('TOLK_DEMO'), 'TOLK_DEMO', problems) ?? databaseUrl === undefined;
  const allowRegistration = parseFlag(read('TOLK_ALLOW_REGISTRATION'), 'TOLK_ALLOW_REGISTRATION', problems) ?? true;

  const secret = read('TOLK_SECRET');
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    problems.push(`TOLK_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (secret === undefined && databaseUrl !== undefined) {
    // Several instances share one database; each must sign tokens alike.
    problems.push('TOLK_SECRET is required when DATABASE_URL is set');
  }

  const metricsToken = read('TOLK_METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16)
    problems.push('TOLK_METRICS_TOKEN must be at least 16 characters');
  const logFormat = read('TOLK_LOG_FORMAT') ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') problems.push('TOLK_LOG_FORMAT must be text or json');

  const registrationsPerHour =
    parseCount(read('TOLK_REGISTRATIONS_PER_HOUR'), 'TOLK_REGISTRATIONS_PER_HOUR', problems) ?? 10;
  const invitationsPerTenMinutes =
    parseCount(read('TOLK_INVITATIONS_PER_10_MIN'), 'TOLK_INVITATIONS_PER_10_MIN', problems) ?? 20;
  const trustProxy = parseTrustProxy(read('TOLK_TRUST_PROXY'), problems);

  const oidc = parseOidc(read, problems);
  const publicUrl = read('TOLK_PUBLIC_URL');
  if (publicUrl !== undefined && !isHttpUrl(publicUrl, true))
    problems.push('TOLK_PUBLIC_URL must be an http(s) URL without a path, e.g. https://tolk.example.org');

  const pseudonymKey = read('TOLK_PSEUDONYM_KEY');
  if (pseudonymKey !== undefined && !isKey(pseudonymKey)) {
    problems.push('TOLK_PSEUDONYM_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  const recordingKey = read('TOLK_RECORDING_KEY');
  if (recordingKey !== undefined && !isKey(recordingKey)) {
    problems.push('TOLK_RECORDING_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  // 300 MiB: an hour of mono 16-bit WAV at 44.1 kHz, or ten hours of 64 kbit/s mp3.
  const recordingMaxBytes = (parseCount(read('TOLK_RECORDING_MAX_MB'), 'TOLK_RECORDING_MAX_MB', problems) ?? 300) * MIB;

  const parser: ParserSettings = {
    // One core stays with the event loop (health checks, live text) on a small machine.
    threads:
      parseCount(read('TOLK_PARSER_THREADS'), 'TOLK_PARSER_THREADS', problems) ??
      Math.min(4, Math.max(1, availableParallelism() - 1)),
    timeoutMs: parseCount(read('TOLK_PARSER_TIMEOUT_MS'), 'TOLK_PARSER_TIMEOUT_MS', problems) ?? 15_000,
    heapMb: parseCount(read('TOLK_PARSER_HEAP_MB'), 'TOLK_PARSER_HEAP_MB', problems) ?? 256,
  };
  const collabConnectionsPerUser =
    parseCount(read('TOLK_COLLAB_CONNECTIONS_PER_USER'), 'TOLK_COLLAB_CONNECTIONS_PER_USER', problems) ?? 20;

  const accessTokenSeconds =
    parseCount(read('TOLK_ACCESS_TOKEN_SECONDS'), 'TOLK_ACCESS_TOKEN_SECONDS', problems) ?? 15 * 60;

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    port,
    host,
    databaseUrl,
    dataDir: resolve(cwd, read('TOLK_DATA_DIR') ?? 'data'),
    embeddedPgPort,
    redisUrl,
    demo,
    allowRegistration,
    secret,
    metricsToken,
    logFormat: logFormat as Settings['logFormat'],
    registrationsPerHour,
    invitationsPerTenMinutes,
    trustProxy,
    oidc,
    publicUrl: publicUrl?.replace(/\/$/, ''),
    pseudonymKey,
    recordingKey,
    recordingMaxBytes,
    parser,
    collabConnectionsPerUser,
    accessTokenSeconds,
  };
}

function isHttpUrl(value: string, originOnly = false): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      (!originOnly || (url.pathname === '/' && !url.search && !url.hash))
    );
  } catch {
    return false;
  }
}

function parseOidc(read: (name: string) => string | undefined, problems: string[]): OidcSettings | undefined {
  const issuer = read('TOLK_OIDC_ISSUER');
  const clientId = read('TOLK_OIDC_CLIENT_ID');
  const clientSecret = read('TOLK_OIDC_CLIENT_SECRET');
  if (issuer === undefined && clientId === undefined && clientSecret === undefined) return undefined;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) {
    problems.push(
      'TOLK_OIDC_ISSUER, TOLK_OIDC_CLIENT_ID and TOLK_OIDC_CLIENT_SECRET go together: set all three or none',
    );
    return undefined;
  }
  if (!isHttpUrl(issuer))
    problems.push("TOLK_OIDC_ISSUER must be an http(s) URL (the provider's issuer, e.g. https://auth.dataporten.no)");
  return { issuer, clientId, clientSecret, name: read('TOLK_OIDC_NAME') ?? 'OpenID Connect' };
}

function parseCount(value: string | undefined, name: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1_000_000) {
    problems.push(`${name} must be a whole number from 1 to 1000000, got "${value}"`);
    return undefined;
  }
  return n;
}

const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?)$/i;

function parseTrustProxy(value: string | undefined, problems: string[]): number | string | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
  const items = value.split(',').map((item) => item.trim());
  if (items.every((item) => TRUSTED_PROXY.test(item))) return items.join(', ');
  problems.push(
    `TOLK_TRUST_PROXY must be a number of proxy hops (0–10) or a comma-separated list of loopback, uniquelocal, IP addresses or CIDRs, got "${value}"`,
  );
  return undefined;
}

function parsePort(value: string | undefined, name: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    problems.push(`${name} must be a port number between 0 and 65535, got "${value}"`);
    return undefined;
  }
  return n;
}

function parseFlag(value: string | undefined, name: string, problems: string[]): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${name} must be 1 or 0, got "${value}"`);
  return undefined;
}
