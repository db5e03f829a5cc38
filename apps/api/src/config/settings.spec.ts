import { describe, expect, it } from '@jest/globals';
import { loadSettings, SettingsError } from './settings.js';

describe('loadSettings', () => {
  it('defaults to the embedded database, port 3000 on loopback, demo and registration on', () => {
    expect(loadSettings({}, '/srv/tolk')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/tolk/data',
      embeddedPgPort: undefined,
      redisUrl: undefined,
      demo: true,
      allowRegistration: true,
      secret: undefined,
      metricsToken: undefined,
      logFormat: 'text',
      registrationsPerHour: 10,
      invitationsPerTenMinutes: 20,
      trustProxy: undefined,
      oidc: undefined,
      publicUrl: undefined,
      pseudonymKey: undefined,
      recordingKey: undefined,
      recordingMaxBytes: 300 * 1024 * 1024,
      parser: { threads: expect.any(Number), timeoutMs: 15_000, heapMb: 256 },
      collabConnectionsPerUser: 20,
      accessTokenSeconds: 900,
    });
  });

  it('reads the parser limits and the live connection limit', () => {
    const s = loadSettings({
      TOLK_PARSER_THREADS: '2',
      TOLK_PARSER_TIMEOUT_MS: '5000',
      TOLK_PARSER_HEAP_MB: '128',
      TOLK_COLLAB_CONNECTIONS_PER_USER: '3',
      TOLK_ACCESS_TOKEN_SECONDS: '60',
    });
    expect(s.accessTokenSeconds).toBe(60);
    expect(s.parser).toEqual({ threads: 2, timeoutMs: 5000, heapMb: 128 });
    expect(s.collabConnectionsPerUser).toBe(3);
    expect(() => loadSettings({ TOLK_PARSER_HEAP_MB: 'lots' })).toThrow('TOLK_PARSER_HEAP_MB');
  });

  it('turns the demo off by default with an external database, and needs a secret there', () => {
    const s = loadSettings({ DATABASE_URL: 'postgres://u:p@db:5432/tolk', TOLK_SECRET: 'x'.repeat(32) }, '/srv');
    expect(s).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/tolk', demo: false, secret: 'x'.repeat(32) });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be a port number'],
    [{ PORT: '70000' }, 'PORT must be a port number'],
    [{ TOLK_PG_PORT: '0' }, 'TOLK_PG_PORT must be between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://x/y', TOLK_SECRET: 'x'.repeat(32) }, 'DATABASE_URL must be a postgres://'],
    [{ DATABASE_URL: 'postgres://db/tolk' }, 'TOLK_SECRET is required when DATABASE_URL is set'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis://'],
    [{ TOLK_DEMO: 'maybe' }, 'TOLK_DEMO must be 1 or 0'],
    [{ TOLK_ALLOW_REGISTRATION: '2' }, 'TOLK_ALLOW_REGISTRATION must be 1 or 0'],
    [{ TOLK_SECRET: 'short' }, 'TOLK_SECRET must be at least 32 characters'],
    [{ TOLK_METRICS_TOKEN: 'short' }, 'TOLK_METRICS_TOKEN must be at least 16 characters'],
    [{ TOLK_LOG_FORMAT: 'xml' }, 'TOLK_LOG_FORMAT must be text or json'],
    [{ TOLK_REGISTRATIONS_PER_HOUR: '0' }, 'TOLK_REGISTRATIONS_PER_HOUR must be a whole number'],
    [{ TOLK_OIDC_ISSUER: 'https://auth.example.org' }, 'go together'],
    [
      { TOLK_OIDC_ISSUER: 'auth.example.org', TOLK_OIDC_CLIENT_ID: 'tolk', TOLK_OIDC_CLIENT_SECRET: 's' },
      'TOLK_OIDC_ISSUER must be an http(s) URL',
    ],
    [{ TOLK_PUBLIC_URL: 'https://tolk.example.org/app' }, 'TOLK_PUBLIC_URL must be an http(s) URL without a path'],
    [{ TOLK_PSEUDONYM_KEY: 'c2hvcnQ=' }, 'TOLK_PSEUDONYM_KEY must be 32 random bytes in base64'],
    [{ TOLK_RECORDING_KEY: 'c2hvcnQ=' }, 'TOLK_RECORDING_KEY must be 32 random bytes in base64'],
    [{ TOLK_RECORDING_MAX_MB: '0' }, 'TOLK_RECORDING_MAX_MB must be a whole number'],
    [{ TOLK_TRUST_PROXY: 'true' }, 'TOLK_TRUST_PROXY must be a number of proxy hops'],
    [{ TOLK_TRUST_PROXY: '10.0.0.0/8; rm' }, 'TOLK_TRUST_PROXY must be a number of proxy hops'],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadSettings(env)).toThrow(SettingsError);
    expect(() => loadSettings(env)).toThrow(message);
  });

  it('reads the proxies to trust as hops or a list of addresses', () => {
    expect(loadSettings({ TOLK_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadSettings({ TOLK_TRUST_PROXY: 'loopback,10.0.0.0/8, fd00::/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8, fd00::/8',
    );
    expect(loadSettings({ TOLK_REGISTRATIONS_PER_HOUR: '3' }).registrationsPerHour).toBe(3);
    expect(loadSettings({ TOLK_INVITATIONS_PER_10_MIN: '5' }).invitationsPerTenMinutes).toBe(5);
    expect(
      loadSettings({
        TOLK_OIDC_ISSUER: 'https://auth.dataporten.no',
        TOLK_OIDC_CLIENT_ID: 'tolk',
        TOLK_OIDC_CLIENT_SECRET: 's3cret',
        TOLK_OIDC_NAME: 'Feide',
        TOLK_PUBLIC_URL: 'https://tolk.example.org/',
      }),
    ).toMatchObject({
      oidc: { issuer: 'https://auth.dataporten.no', clientId: 'tolk', clientSecret: 's3cret', name: 'Feide' },
      publicUrl: 'https://tolk.example.org',
    });
  });

  it('reports every problem at once', () => {
    try {
      loadSettings({ PORT: 'x', TOLK_DEMO: 'y' });
      throw new Error('expected a SettingsError');
    } catch (error) {
      expect((error as SettingsError).problems).toHaveLength(2);
    }
  });

  it('reads flags as 1/0, true/false, yes/no and treats blank as unset', () => {
    expect(loadSettings({ TOLK_DEMO: 'false', TOLK_ALLOW_REGISTRATION: 'no', PORT: ' ' })).toMatchObject({
      demo: false,
      allowRegistration: false,
      port: 3000,
    });
  });
});
