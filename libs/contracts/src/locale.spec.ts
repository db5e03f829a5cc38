import { describe, expect, it } from '@jest/globals';
import { pickLocale } from './locale.js';

describe('pickLocale', () => {
  it.each([
    ['nb', undefined, 'nb'],
    ['en', 'nb-NO,nb;q=0.9', 'en'],
    [undefined, 'nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
    [undefined, 'de-DE,no;q=0.8,en;q=0.5', 'nb'],
    [undefined, 'de-DE,en-GB;q=0.9,nb;q=0.8', 'en'],
    [undefined, 'en;q=0.4,nn;q=0.6', 'nb'],
    [undefined, 'nb;q=0,en', 'en'],
    [undefined, 'de-DE,fr', 'en'],
    [undefined, undefined, 'en'],
  ])('?locale=%j with Accept-Language %j → %s', (explicit, header, expected) => {
    expect(pickLocale(explicit, header)).toBe(expected);
  });

  it('refuses an explicit value that is not a locale', () => {
    expect(pickLocale('de', 'nb')).toBeUndefined();
    expect(pickLocale(['nb', 'en'], undefined)).toBeUndefined();
  });
});
