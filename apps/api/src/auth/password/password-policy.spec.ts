import { describe, expect, it } from '@jest/globals';
import { checkPassword } from './password-policy.js';

const kari = { email: 'kari.nordmann@uib.no', name: 'Kari Nordmann' };

describe('checkPassword', () => {
  it('refuses what the old 10-character rule let through', () => {
    expect(checkPassword('aaaaaaaaaa', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
    expect(checkPassword('1234567890', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
    expect(checkPassword('qwertyuiop', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
    expect(checkPassword('Password123!', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
  });

  it('knows Norwegian words as well as English ones', () => {
    expect(checkPassword('passord123456', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
    expect(checkPassword('sommerferie2024', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
    expect(checkPassword('hemmelighet1', kari)).toMatchObject({ ok: false, reason: 'password_too_weak' });
  });

  it('refuses the e-mail address, its local part and the name, in any case', () => {
    expect(checkPassword('kari.nordmann@uib.no', kari)).toEqual({
      ok: false,
      reason: 'password_contains_personal_data',
    });
    expect(checkPassword('Zx!KARI.NORDMANN-91q', kari)).toEqual({
      ok: false,
      reason: 'password_contains_personal_data',
    });
    expect(checkPassword('gløgg-Nordmann-trikk', kari)).toEqual({
      ok: false,
      reason: 'password_contains_personal_data',
    });
  });

  it('accepts long passphrases and random passwords', () => {
    expect(checkPassword('Fjellvann-Kaffekopp-1987', kari)).toEqual({ ok: true });
    expect(checkPassword('correct horse battery', kari)).toEqual({ ok: true });
    expect(checkPassword('q7#Lm2!vXp9z', kari)).toEqual({ ok: true });
  });
});
