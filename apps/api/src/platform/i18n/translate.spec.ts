import { describe, expect, it } from '@jest/globals';
import { EN } from './messages.en.js';
import { NB } from './messages.nb.js';
import { translate, translatePlural } from './translate.js';

describe('server translations', () => {
  it('have the same keys and the same parameters in en and nb', () => {
    expect(Object.keys(NB).sort()).toEqual(Object.keys(EN).sort());
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(EN))
      expect([key, params(NB[key as keyof typeof EN])]).toEqual([key, params(text)]);
  });

  it('fill in parameters, numbers in the language’s digits', () => {
    expect(translate('nb', 'snapshot.beforeRestore', { name: 'Godkjent plan' })).toBe(
      'Før gjenoppretting av «Godkjent plan»',
    );
    expect(translate('en', 'snapshot.beforeRestore', { name: 'Plan' })).toBe('Before restoring “Plan”');
    expect(translatePlural('nb', 'import.codingsLost', 1200, { codings: 1200 })).toBe(
      ' (1\u00a0200 kodinger på den ble ikke importert)',
    );
  });

  it('choose the plural form by the language’s rules', () => {
    expect(translatePlural('en', 'import.codingsLost', 1, { codings: 1 })).toBe(' (1 coding on it not imported)');
    expect(translatePlural('nb', 'import.codingsLost', 2, { codings: 2 })).toBe(
      ' (2 kodinger på den ble ikke importert)',
    );
  });
});
