import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TOLK_VERSION } from './origin.js';

it('the origin written into exports names the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(TOLK_VERSION).toBe(pkg.version);
});
