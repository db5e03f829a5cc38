import { describe, expect, it } from '@jest/globals';
import type { Code, Coding, ProjectStateDocument } from '@tolk/contracts';
import { diffStates } from './state-diff.js';

const doc = (id: string, text: string): ProjectStateDocument => ({
  id,
  title: `Informant ${id}`,
  text,
  attributes: {},
  createdAt: '2026-01-01T00:00:00.000Z',
});
const coding = (id: string, documentId: string, codeId: string, start: number, end: number, text: string): Coding => ({
  id,
  documentId,
  codeId,
  start,
  end,
  quote: text.slice(start, end),
  startAnchor: 'a',
  endAnchor: 'b',
  textDeleted: false,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});
const code = (id: string, name: string, parentId: string | null = null): Code => ({
  id,
  name,
  color: '#112233',
  description: '',
  parentId,
  version: 1,
  shortcut: null,
});

describe('diffStates', () => {
  const text1 = 'Vi var redde i starten.';
  const text1b = 'Vi var veldig redde i starten.';
  const text2 = 'Brukerne savnet oss.';
  const before = {
    codes: [code('k1', 'Reaksjoner'), code('k2', 'Relasjoner'), code('k3', 'Digitalisering')],
    documents: [doc('d1', text1), doc('d2', text2), doc('d3', 'Slettet senere.')],
    codings: [
      coding('c1', 'd1', 'k1', 7, 12, text1), // recoded later
      coding('c2', 'd1', 'k1', 0, 2, text1), // unchanged
      coding('c3', 'd2', 'k2', 0, 8, text2), // removed later
      coding('c4', 'd2', 'k2', 9, 16, text2), // moved later
    ],
  };
  const after = {
    codes: [{ ...code('k1', 'Reaksjoner på pandemien'), version: 2 }, code('k2', 'Relasjoner'), code('k4', 'Kvalitet')],
    documents: [doc('d1', text1b), doc('d2', text2), doc('d4', 'Ny.')],
    codings: [
      coding('c1', 'd1', 'k4', 14, 19, text1b),
      coding('c2', 'd1', 'k1', 0, 2, text1b),
      coding('c4', 'd2', 'k2', 9, 19, text2),
      coding('c5', 'd2', 'k2', 0, 2, text2),
    ],
  };

  it('lists exactly the added, removed and changed codings per document', () => {
    const { documents } = diffStates(before, after);
    const d1 = documents.find((d) => d.documentId === 'd1')!;
    expect(d1).toMatchObject({ status: 'present', textChanged: true, codingsAdded: [], codingsRemoved: [] });
    expect(d1.codingsChanged.map((c) => [c.id, c.changes, c.before.codeId, c.codeId])).toEqual([
      ['c1', ['recoded', 'moved'], 'k1', 'k4'],
    ]);
    expect(d1.textDiff).toEqual([
      { op: 'equal', text: 'Vi var ' },
      { op: 'insert', text: 'veldig ' },
      { op: 'equal', text: 'redde i starten.' },
    ]);
    const d2 = documents.find((d) => d.documentId === 'd2')!;
    expect(d2).toMatchObject({ status: 'present', textChanged: false, textDiff: [] });
    expect(d2.codingsAdded.map((c) => c.id)).toEqual(['c5']);
    expect(d2.codingsRemoved.map((c) => c.id)).toEqual(['c3']);
    expect(d2.codingsChanged.map((c) => [c.id, c.changes])).toEqual([['c4', ['moved']]]);
  });

  it('names documents only one side has, after first', () => {
    const { documents } = diffStates(before, after);
    expect(documents.map((d) => [d.documentId, d.status])).toEqual([
      ['d1', 'present'],
      ['d2', 'present'],
      ['d4', 'added'],
      ['d3', 'removed'],
    ]);
    expect(documents.find((d) => d.documentId === 'd3')).toMatchObject({
      textChanged: true,
      textDiff: [{ op: 'delete', text: 'Slettet senere.' }],
    });
  });

  it('lists codebook changes', () => {
    const { codes } = diffStates(before, after);
    expect(codes.added.map((c) => c.id)).toEqual(['k4']);
    expect(codes.removed.map((c) => c.id)).toEqual(['k3']);
    expect(codes.changed.map((c) => [c.id, c.before.name, c.name])).toEqual([
      ['k1', 'Reaksjoner', 'Reaksjoner på pandemien'],
    ]);
  });

  it('finds nothing between a state and itself', () => {
    const { documents, codes } = diffStates(before, before);
    expect(
      documents.every(
        (d) => !d.textChanged && !d.codingsAdded.length && !d.codingsRemoved.length && !d.codingsChanged.length,
      ),
    ).toBe(true);
    expect(codes).toEqual({ added: [], removed: [], changed: [] });
  });
});
