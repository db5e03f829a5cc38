import { describe, expect, it } from '@jest/globals';
import type { Member } from '@tolk/contracts';
import { coderChoices, coderColumns, defaultCoderChoice, exportParams } from './coder-choice';

const member = (userId: string, name: string, role: Member['role']): Member => ({
  userId,
  name,
  role,
  email: `${userId}@x`,
});
const MEMBERS = [member('s', 'Sara', 'owner'), member('v', 'Viktor', 'supervisor'), member('e', 'Eva', 'viewer')];
const OPEN = { blindCoding: false, supervisorCanEditText: false };
const BLIND = { blindCoding: true, supervisorCanEditText: false };

describe('coder choice', () => {
  it.each([
    ['owner', OPEN, 'merged'],
    ['owner', BLIND, 'side'],
    ['supervisor', OPEN, 'merged'],
    ['supervisor', BLIND, 'mine'],
    ['coder', BLIND, 'mine'],
  ] as const)('defaults for %s with %j to %s', (role, settings, expected) => {
    expect(defaultCoderChoice(role, settings)).toBe(expected);
  });

  it('offers a blind coder only their own codings, others every choice but viewers', () => {
    expect(coderChoices('supervisor', BLIND, 'v', MEMBERS)).toEqual(['mine']);
    expect(coderChoices('owner', BLIND, 's', MEMBERS)).toEqual(['merged', 'side', 'mine', 'person:v']);
  });

  it('asks one request per coding member side by side, one otherwise', () => {
    expect(coderColumns('side', 's', MEMBERS)).toEqual([
      { key: 's', label: 'Sara', params: { coder: ['s'] } },
      { key: 'v', label: 'Viktor', params: { coder: ['v'] } },
    ]);
    expect(coderColumns('merged', 's', MEMBERS)).toEqual([{ key: 'merged', label: null, params: { merge: true } }]);
    expect(coderColumns('person:v', 's', MEMBERS)).toEqual([{ key: 'v', label: null, params: { coder: ['v'] } }]);
    expect(coderColumns('mine', 's', MEMBERS)).toEqual([{ key: 's', label: null, params: { coder: ['s'] } }]);
  });

  it('exports the union when merged, every coding with its coder side by side', () => {
    expect(exportParams('merged', 's')).toEqual({ merge: true });
    expect(exportParams('side', 's')).toEqual({});
    expect(exportParams('person:v', 's')).toEqual({ coder: ['v'] });
  });
});
