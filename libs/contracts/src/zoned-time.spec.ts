import { describe, expect, it } from '@jest/globals';
import { isoToZoned, zonedToIso } from './zoned-time.js';

describe('zoned time (Europe/Oslo)', () => {
  it.each([
    ['winter', '2026-01-15T12:00', '2026-01-15T12:00:00+01:00'],
    ['summer', '2026-05-15T12:00', '2026-05-15T12:00:00+02:00'],
    ['midnight at new year', '2026-12-31T23:59', '2026-12-31T23:59:00+01:00'],
    ['just before the spring change', '2026-03-29T01:59', '2026-03-29T01:59:00+01:00'],
    ['just after the spring change', '2026-03-29T03:00', '2026-03-29T03:00:00+02:00'],
    ['first of the doubled autumn hour', '2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
    ['after the autumn change', '2026-10-25T03:00', '2026-10-25T03:00:00+01:00'],
  ])('%s: %s → %s', (_name, local, iso) => {
    expect(zonedToIso(local)).toBe(iso);
    expect(new Date(iso).toISOString()).toBe(new Date(zonedToIso(local)!).toISOString());
  });

  it('takes a time skipped in spring with the winter offset (an hour later on the clock)', () => {
    expect(zonedToIso('2026-03-29T02:30')).toBe('2026-03-29T02:30:00+01:00');
    expect(isoToZoned('2026-03-29T02:30:00+01:00')).toBe('2026-03-29T03:30');
  });

  it('round-trips instants to the wall clock', () => {
    for (const iso of [
      '2026-01-15T11:00:00Z',
      '2026-05-15T10:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T02:30:00Z',
      '2026-03-29T01:00:00Z',
    ]) {
      expect(new Date(zonedToIso(isoToZoned(iso))!).getTime()).toBe(new Date(iso).getTime());
    }
    expect(isoToZoned('2026-05-15T10:00:00.000Z')).toBe('2026-05-15T12:00');
    expect(isoToZoned('2026-05-15T10:00:00.000Z', 'UTC')).toBe('2026-05-15T10:00');
  });

  it('refuses what is not a wall-clock time', () => {
    for (const bad of [
      '',
      '2026-02-30T12:00',
      '2026-05-15 12:00',
      '2026-05-15T24:00',
      '15.05.2026 12:00',
      '2026-05-15T12:00:00+02:00',
    ]) {
      expect(zonedToIso(bad)).toBeUndefined();
    }
  });
});
