import { describe, expect, it, jest } from '@jest/globals';
// Angular's packages are partially compiled; outside the CLI the JIT compiler finishes them.
import '@angular/compiler';
import { IcuTranspiler, formatIcu } from './icu-transpiler';

describe('IcuTranspiler', () => {
  const transpile = (transpiler: IcuTranspiler, value: string, params?: Record<string, unknown>) =>
    transpiler.transpile({ value, params, translation: {}, key: 'probe' });

  it('formats plurals and numbers in the active language', () => {
    const transpiler = new IcuTranspiler();
    const message = '{count, plural, one {# transkripsjon} other {# transkripsjoner}}';
    transpiler.onLangChanged('nb');
    expect(transpile(transpiler, message, { count: 1 })).toBe('1 transkripsjon');
    expect(transpile(transpiler, message, { count: 12345 })).toBe('12\u00a0345 transkripsjoner');
    transpiler.onLangChanged('en');
    expect(transpile(transpiler, '{n, number} of {total, number}', { n: 1234, total: 5000 })).toBe('1,234 of 5,000');
  });

  it('leaves plain texts, apostrophes and angle brackets alone', () => {
    const transpiler = new IcuTranspiler();
    expect(transpile(transpiler, "It's < 5 MB")).toBe("It's < 5 MB");
    expect(transpile(transpiler, '<b>{name}</b>', { name: 'Ada' })).toBe('<b>Ada</b>');
  });

  it('shows the rest of a text when a value is missing, where formatIcu refuses', () => {
    const transpiler = new IcuTranspiler();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(transpile(transpiler, 'A code named “{name}” exists', {})).toBe('A code named “” exists');
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(() => formatIcu('A code named “{name}” exists', 'en', {})).toThrow();
  });
});
