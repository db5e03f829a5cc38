import { describe, expect, it } from '@jest/globals';
import type { Code, Coding, ProjectState } from '@tolk/contracts';
import { codePaths, segmentTable } from './segment-table.js';

const code = (id: string, name: string, parentId: string | null = null): Code => ({
  id,
  name,
  color: '#000000',
  description: '',
  parentId,
  version: 1,
  shortcut: null,
});
const coding = (
  id: string,
  documentId: string,
  codeId: string,
  start: number,
  end: number,
  quote: string,
  createdBy: string | null,
): Coding => ({
  id,
  documentId,
  codeId,
  start,
  end,
  quote,
  createdBy,
  startAnchor: '',
  endAnchor: '',
  textDeleted: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

const state: ProjectState = {
  project: { id: 'p', name: 'P', description: '' },
  asOf: '2026-01-01T00:00:00.000Z',
  snapshot: null,
  users: [{ id: 'u1', name: 'Student', email: 's@x' }],
  codes: [code('a', 'Relasjoner'), code('b', 'Tillit', 'a'), code('c', 'Digitalisering')],
  documents: [
    { id: 'd2', title: 'Informant 2', text: '', attributes: { utdanning: 'sosionom' }, createdAt: '' },
    { id: 'd1', title: 'Informant 1', text: '', attributes: { utdanning: 'vernepleier', alder: '40' }, createdAt: '' },
  ],
  codings: [
    coding('k3', 'd1', 'c', 50, 60, 'Teams', 'u1'),
    coding('k1', 'd1', 'b', 5, 9, 'tillit', null),
    coding('k2', 'd2', 'a', 0, 4, 'hjem', 'u1'),
  ],
  comments: [],
  memos: [],
};

describe('codePaths', () => {
  it('names sub-codes by their path', () => {
    expect(Object.fromEntries(codePaths(state.codes))).toEqual({
      a: 'Relasjoner',
      b: 'Relasjoner / Tillit',
      c: 'Digitalisering',
    });
  });
});

describe('segmentTable', () => {
  it('writes one row per coding in document order, with one column per attribute', () => {
    const table = segmentTable(state);
    expect(table.header).toEqual(['Document', 'alder', 'utdanning', 'Code', 'Start', 'End', 'Quote', 'Coded by']);
    expect(table.rows).toEqual([
      ['Informant 2', '', 'sosionom', 'Relasjoner', 0, 4, 'hjem', 'Student'],
      ['Informant 1', '40', 'vernepleier', 'Relasjoner / Tillit', 5, 9, 'tillit', ''],
      ['Informant 1', '40', 'vernepleier', 'Digitalisering', 50, 60, 'Teams', 'Student'],
    ]);
  });
});

describe('segmentTable with merge', () => {
  it('lists a passage two people coded once, naming both', () => {
    const both: ProjectState = {
      ...state,
      users: [...state.users, { id: 'u2', name: 'Veileder', email: 'v@x' }],
      codings: [
        coding('k1', 'd1', 'b', 5, 9, 'tillit', 'u1'),
        coding('k2', 'd1', 'b', 5, 9, 'tillit', 'u2'),
        coding('k3', 'd1', 'c', 5, 9, 'tillit', 'u2'),
      ],
    };
    expect(segmentTable(both, 'nb', true).rows).toEqual([
      ['Informant 1', '40', 'vernepleier', 'Relasjoner / Tillit', 5, 9, 'tillit', 'Student, Veileder'],
      ['Informant 1', '40', 'vernepleier', 'Digitalisering', 5, 9, 'tillit', 'Veileder'],
    ]);
    expect(segmentTable(both, 'nb').rows).toHaveLength(3);
    expect(segmentTable(both, 'nb').header.at(-1)).toBe('Kodet av');
  });
});
