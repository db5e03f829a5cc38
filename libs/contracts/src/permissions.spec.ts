import { describe, expect, it } from '@jest/globals';
import {
  canSeeCoding,
  codingAudience,
  may,
  type Permission,
  PERMISSIONS,
  type PermissionSettings,
  seesOnlyOwnCodings,
} from './permissions.js';
import { PROJECT_ROLES, type ProjectRole } from './roles.js';

/**
 * The expected table, written out by hand from docs/api.md ("Who may do what") and the
 * routes' promises (the route matrix in test/integration/role-matrix.spec.ts
 * checks the same rules over HTTP). Each cell has one letter per settings
 * column below: Y granted, - refused.
 */
const COLUMNS: { name: string; settings: PermissionSettings | undefined }[] = [
  { name: 'plain', settings: { supervisorCanEditText: false, blindCoding: false } },
  { name: 'supervisorCanEditText', settings: { supervisorCanEditText: true, blindCoding: false } },
  { name: 'blindCoding', settings: { supervisorCanEditText: false, blindCoding: true } },
  { name: 'both', settings: { supervisorCanEditText: true, blindCoding: true } },
  { name: 'settings unknown', settings: undefined },
];

// Columns of each row: owner, supervisor, coder, viewer.
const EXPECTED: Record<Permission, [string, string, string, string]> = {
  read: ['YYYYY', 'YYYYY', 'YYYYY', 'YYYYY'],
  editText: ['YYYYY', '-Y-Y-', 'YYYYY', '-----'],
  manageDocuments: ['YYYYY', '-Y-Y-', 'YYYYY', '-----'],
  deleteDocuments: ['YYYYY', '-----', '-----', '-----'],
  eraseDocuments: ['YYYYY', '-----', '-----', '-----'],
  manageProject: ['YYYYY', '-----', '-----', '-----'],
  manageMembers: ['YYYYY', '-----', '-----', '-----'],
  manageCodebook: ['YYYYY', '-----', 'YYYYY', '-----'],
  proposeCodebookChange: ['YYYYY', 'YYYYY', 'YYYYY', '-----'],
  decideCodebookProposals: ['YYYYY', '-----', '-----', '-----'],
  code: ['YYYYY', 'YYYYY', 'YYYYY', '-----'],
  seeOthersCodings: ['YYYYY', 'YY---', 'YY---', 'YY---'],
  undoOthersCodeAll: ['YYYYY', '-----', '-----', '-----'],
  comment: ['YYYYY', 'YYYYY', 'YYYYY', '-----'],
  editMemos: ['YYYYY', 'YYYYY', 'YYYYY', '-----'],
  readAgreement: ['YYYYY', 'YYYYY', 'YY---', 'YY---'],
  saveQueries: ['YYYYY', 'YYYYY', 'YYYYY', '-----'],
  takeSnapshots: ['YYYYY', 'YYYYY', '-----', '-----'],
  restoreSnapshots: ['YYYYY', '-----', '-----', '-----'],
  manageDeadlines: ['YYYYY', 'YYYYY', '-----', '-----'],
  readAudit: ['YYYYY', '-----', '-----', '-----'],
  managePseudonyms: ['YYYYY', '-----', '-----', '-----'],
  uploadRecordings: ['YYYYY', '-Y-Y-', 'YYYYY', '-----'],
  deleteRecordings: ['YYYYY', '-----', '-----', '-----'],
  exportRecordings: ['YYYYY', '-----', '-----', '-----'],
};

const ROLE_ORDER: ProjectRole[] = ['owner', 'supervisor', 'coder', 'viewer'];

const cells = PERMISSIONS.flatMap((permission) =>
  ROLE_ORDER.flatMap((role, r) =>
    COLUMNS.map((column, c) => ({
      permission,
      role,
      column: column.name,
      settings: column.settings,
      granted: EXPECTED[permission][r][c] === 'Y',
    })),
  ),
);

describe('may (the role × permission table)', () => {
  it('has an expected row for every permission and a cell for every role and settings column', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    expect([...ROLE_ORDER].sort()).toEqual([...PROJECT_ROLES].sort());
    for (const row of Object.values(EXPECTED)) for (const cell of row) expect(cell).toMatch(/^[Y-]{5}$/u);
    expect(cells).toHaveLength(PERMISSIONS.length * 4 * COLUMNS.length);
  });

  it.each(cells)('$role $permission ($column) → $granted', ({ permission, role, settings, granted }) => {
    expect(may(role, permission, settings)).toBe(granted);
  });
});

describe('coding visibility under blind coding', () => {
  const open: PermissionSettings = { supervisorCanEditText: false, blindCoding: false };
  const blind: PermissionSettings = { supervisorCanEditText: false, blindCoding: true };
  const members = [
    { userId: 'olivia', role: 'owner' as const },
    { userId: 'sigrid', role: 'supervisor' as const },
    { userId: 'kari', role: 'coder' as const },
    { userId: 'knut', role: 'coder' as const },
    { userId: 'vera', role: 'viewer' as const },
  ];

  it('shows every coding to every member while coding is open', () => {
    for (const viewer of members) {
      for (const author of [...members.map((m) => m.userId), null]) {
        expect(canSeeCoding(viewer, { createdBy: author }, open)).toBe(true);
      }
      expect(seesOnlyOwnCodings(viewer.role, open)).toBe(false);
    }
    expect(codingAudience(members, { createdBy: 'kari' }, open).map((m) => m.userId)).toEqual([
      'olivia',
      'sigrid',
      'kari',
      'knut',
      'vera',
    ]);
  });

  it('while blind, shows a coding to its author and the owner only', () => {
    // Written out: viewer → author → visible.
    const expected: Record<string, Record<string, boolean>> = {
      olivia: { olivia: true, sigrid: true, kari: true, knut: true, erased: true },
      sigrid: { olivia: false, sigrid: true, kari: false, knut: false, erased: false },
      kari: { olivia: false, sigrid: false, kari: true, knut: false, erased: false },
      knut: { olivia: false, sigrid: false, kari: false, knut: true, erased: false },
      vera: { olivia: false, sigrid: false, kari: false, knut: false, erased: false },
    };
    for (const viewer of members) {
      for (const [author, visible] of Object.entries(expected[viewer.userId])) {
        const coding = { createdBy: author === 'erased' ? null : author };
        expect([viewer.userId, author, canSeeCoding(viewer, coding, blind)]).toEqual([viewer.userId, author, visible]);
      }
    }
    expect(members.filter((m) => seesOnlyOwnCodings(m.role, blind)).map((m) => m.userId)).toEqual([
      'sigrid',
      'kari',
      'knut',
      'vera',
    ]);
  });

  it('while blind, tells a coding’s change to its author and the owner only', () => {
    expect(codingAudience(members, { createdBy: 'kari' }, blind).map((m) => m.userId)).toEqual(['olivia', 'kari']);
    expect(codingAudience(members, { createdBy: 'olivia' }, blind).map((m) => m.userId)).toEqual(['olivia']);
    // An erased author's coding: nobody but the owner is its author any more.
    expect(codingAudience(members, { createdBy: null }, blind).map((m) => m.userId)).toEqual(['olivia']);
    // Someone who is no longer a member is not in the list, even as the author.
    expect(codingAudience(members, { createdBy: 'gone' }, blind).map((m) => m.userId)).toEqual(['olivia']);
  });

  it('keeps blind coding apart from agreement figures, which the supervisor follows', () => {
    expect(may('supervisor', 'seeOthersCodings', blind)).toBe(false);
    expect(may('supervisor', 'readAgreement', blind)).toBe(true);
  });
});
