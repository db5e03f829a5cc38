import { describe, expect, it } from '@jest/globals';
import { may, PERMISSIONS, PROJECT_ROLES, type ProjectSettings } from '@tolk/contracts';
import { allows } from './permissions';

const SETTINGS: ProjectSettings[] = [
  { supervisorCanEditText: false, blindCoding: false, searchLanguage: 'norwegian' },
  { supervisorCanEditText: true, blindCoding: true, searchLanguage: 'norwegian' },
];

describe('allows (what the web client offers)', () => {
  it('offers nothing before the project has loaded', () => {
    for (const permission of PERMISSIONS) {
      expect(allows(null, permission)).toBe(false);
      expect(allows(undefined, permission)).toBe(false);
    }
  });

  it('offers exactly what the server’s table allows, for every role, permission and setting', () => {
    for (const role of PROJECT_ROLES)
      for (const settings of SETTINGS)
        for (const permission of PERMISSIONS)
          expect({ role, permission, settings, offered: allows({ role, settings }, permission) }).toEqual({
            role,
            permission,
            settings,
            offered: may(role, permission, settings),
          });
  });

  it('follows the settings: a supervisor edits text only when the owner allows it; a viewer never', () => {
    expect(allows({ role: 'supervisor', settings: SETTINGS[0] }, 'editText')).toBe(false);
    expect(allows({ role: 'supervisor', settings: SETTINGS[1] }, 'editText')).toBe(true);
    expect(allows({ role: 'viewer', settings: SETTINGS[1] }, 'editText')).toBe(false);
    expect(allows({ role: 'owner', settings: SETTINGS[0] }, 'manageMembers')).toBe(true);
  });
});
