import { describe, expect, it } from '@jest/globals';
import type { ProjectState } from '@tolk/contracts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { codebookOf, exportProject } from './export-state.js';
import { planImport } from './import-plan.js';
import { readCodebook, readProject } from './read-project.js';
import { writeCodebook, writeProject } from './write-project.js';

const schema = (name: string) => readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8');
const validate = async (xml: string, xsd: string) =>
  validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [schema(xsd)] });

const [owner, coder] = [randomUUID(), randomUUID()];
const [doc, parent, child] = [randomUUID(), randomUUID(), randomUUID()];
const TEXT = 'Intervjuer: Hei 😀\r\nInformant: Æ & <ø> "sitat"\nslutt';

const STATE: ProjectState = {
  project: { id: randomUUID(), name: 'Prosjekt & co', description: 'Beskrivelse' },
  asOf: '2026-11-26T12:00:00.000Z',
  snapshot: null,
  users: [
    { id: owner, name: 'Eier', email: 'eier@x' },
    { id: coder, name: 'Koder', email: 'koder@x' },
  ],
  codes: [
    {
      id: parent,
      name: 'Tema',
      color: '#2f7d6d',
      description: 'Overordnet',
      parentId: null,
      version: 1,
      shortcut: '1',
    },
    { id: child, name: 'Under', color: '#b5542c', description: '', parentId: parent, version: 1, shortcut: '2' },
  ],
  documents: [
    {
      id: doc,
      title: 'Intervju 1',
      text: TEXT,
      attributes: { utdanning: 'sosionom' },
      createdAt: '2026-11-01T10:00:00.000Z',
    },
  ],
  codings: [
    // "Hei 😀" (UTF-16 12..18) and "Informant" after the CRLF (20..29), by two coders
    {
      id: randomUUID(),
      documentId: doc,
      codeId: child,
      start: 12,
      end: 18,
      quote: 'Hei 😀',
      startAnchor: '',
      endAnchor: '',
      textDeleted: false,
      createdBy: coder,
      createdAt: '2026-11-02T10:00:00.000Z',
      version: 1,
    },
    {
      id: randomUUID(),
      documentId: doc,
      codeId: parent,
      start: 20,
      end: 29,
      quote: 'Informant',
      startAnchor: '',
      endAnchor: '',
      textDeleted: false,
      createdBy: owner,
      createdAt: '2026-11-02T10:00:00.000Z',
      version: 1,
    },
    {
      id: randomUUID(),
      documentId: doc,
      codeId: child,
      start: 20,
      end: 29,
      quote: 'Informant',
      startAnchor: '',
      endAnchor: '',
      textDeleted: false,
      createdBy: coder,
      createdAt: '2026-11-02T10:00:00.000Z',
      version: 1,
    },
  ],
  comments: [],
  memos: [
    { scope: 'project', targetId: '', body: 'Prosjektnotat', updatedAt: null, updatedBy: null },
    { scope: 'code', targetId: child, body: 'Kodenotat', updatedAt: null, updatedBy: null },
    // A memo on "slutt" (UTF-16 47..52, after the CRLF), and one whose words were deleted.
    {
      scope: 'segment',
      targetId: doc,
      body: 'Notat om slutten',
      updatedAt: '2026-11-03T10:00:00.000Z',
      updatedBy: { id: owner, name: 'Eier' },
      start: 47,
      end: 52,
    },
    { scope: 'segment', targetId: doc, body: 'Ordene er borte', updatedAt: null, updatedBy: null },
  ],
};

describe('exportProject', () => {
  const { project, files } = exportProject(STATE, 'Tolk 0.1.0', randomUUID);
  const xml = writeProject(project);

  it('is valid against Project-mrt2019.xsd', async () => {
    const result = await validate(xml, 'Project-mrt2019.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator does catch an invalid file', async () => {
    const result = await validate(xml.replace('isCodable="true"', 'isCodable="maybe"'), 'Project-mrt2019.xsd');
    expect(result.valid).toBe(false);
  });

  it('writes LF text, no BOM, no basePath, and code point offsets on the exported text', () => {
    expect(files).toEqual([
      { path: `sources/${doc}.txt`, text: 'Intervjuer: Hei 😀\nInformant: Æ & <ø> "sitat"\nslutt' },
    ]);
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).not.toContain('basePath');
    const source = readProject(xml).sources[0];
    if (source.kind !== 'text') throw new Error('no text source');
    const points = Array.from(files[0].text);
    const quotes = source.selections.map((s) => points.slice(s.start, s.end).join(''));
    expect(quotes).toEqual(['Hei 😀', 'Informant', 'slutt']);
    // Two codings of the same words share one selection; the segment memo has its own, with its note.
    expect(source.selections.map((s) => s.codings.length)).toEqual([1, 2, 0]);
    expect(source.selections.map((s) => s.noteRefs.length)).toEqual([0, 0, 1]);
    expect(source.selections[0]?.name).toBe('Hei 😀');
  });

  it('comes back through the importer with the same codes, codings, notes and attributes', () => {
    const plan = planImport(readProject(xml), (path) => (path === `internal://${doc}.txt` ? files[0].text : undefined));
    expect(plan.summary.offsetUnit).toBe('codepoints');
    expect(plan.summary.offsetCheck).toEqual({ named: 3, matched: 3 });
    expect(plan.codes.map((c) => [c.name, c.parentKey === null])).toEqual([
      ['Tema', true],
      ['Under', false],
    ]);
    expect(plan.codes.find((c) => c.name === 'Under')?.memo).toBe('Kodenotat');
    expect(plan.projectMemo).toBe('Prosjektnotat');
    const [document] = plan.documents;
    expect(document.attributes).toEqual({ utdanning: 'sosionom' });
    expect(document.codings.map((c) => document.text.slice(c.start, c.end))).toEqual([
      'Hei 😀',
      'Informant',
      'Informant',
    ]);
    // The segment memo comes back as a memo on the same words, not as a comment; the one without words stays with its document.
    expect(document.segmentMemos.map((m) => [document.text.slice(m.start, m.end), m.body])).toEqual([
      ['slutt', 'Notat om slutten'],
    ]);
    expect(document.comments).toEqual([]);
    expect(document.memo).toBe('Ordene er borte');
    expect(plan.summary.coders).toEqual([
      { name: 'Koder', codings: 2 },
      { name: 'Eier', codings: 1 },
    ]);
  });
});

describe('exportProject with the recording (an AudioSource)', () => {
  // A time mark after the emoji: its place in code points is one less than in UTF-16.
  const text = 'Intervjuer: Hei 😀\n[00:01:02.5] Informant: Ja\nslutt';
  const state: ProjectState = {
    ...STATE,
    documents: [{ ...STATE.documents[0], text }],
    codings: [
      { ...STATE.codings[0], start: 12, end: 18, quote: 'Hei 😀' },
      // "Informant" (UTF-16 32..41), after the mark
      { ...STATE.codings[1], start: 32, end: 41, quote: 'Informant' },
    ],
    memos: [],
  };
  const recordings = new Map([[doc, { fileName: 'opptak.mp3' }]]);
  const { project, files } = exportProject(state, 'Tolk 0.1.0', randomUUID, recordings);
  const xml = writeProject(project);

  it('is valid against Project-mrt2019.xsd and writes the transcript with sync points in ms', async () => {
    const result = await validate(xml, 'Project-mrt2019.xsd');
    expect(result.errors).toEqual([]);
    expect(xml).toContain('<AudioSource');
    expect(xml).toContain('path="internal://opptak.mp3"');
    expect(xml).not.toContain('<TextSource');
    expect(xml).toMatch(/<Transcript [^>]*plainTextPath="internal:\/\/[^"]+\.txt"/u);
    // The mark [00:01:02.5] at code point 18 (UTF-16 19): 62 500 ms.
    expect(xml).toMatch(/<SyncPoint guid="[^"]+" timeStamp="62500" position="18"\/>/u);
    expect((xml.match(/<TranscriptSelection /gu) ?? []).length).toBe(2);
  });

  it('comes back through the reader as a text with the same selections, and the audio as skipped', () => {
    const read = readProject(xml);
    const [transcript, audio] = read.sources;
    expect(transcript.kind).toBe('text');
    expect(audio).toMatchObject({ kind: 'audio', guid: doc, selections: 0, codings: 0 });
    if (transcript.kind !== 'text') return;
    expect(transcript.guid).toBe(doc);
    expect(transcript.media?.syncPoints.find((p) => p.timeStamp !== undefined)).toMatchObject({
      timeStamp: 62_500,
      position: 18,
    });
    const plan = planImport(read, (path) => (path === `internal://${doc}.txt` ? files[0].text : undefined));
    const [document] = plan.documents;
    expect(document.text).toBe(text);
    expect(document.codings.map((c) => document.text.slice(c.start, c.end))).toEqual(['Hei 😀', 'Informant']);
    expect(document.attributes).toEqual({ utdanning: 'sosionom' });
    expect(plan.summary.skipped.map((s) => [s.name, s.reasonCode])).toEqual([['Intervju 1', 'audio_source']]);
  });
});

describe('codebook export', () => {
  it('is valid against Codebook-mrt2019.xsd, with nesting and colours', async () => {
    const xml = writeCodebook(codebookOf(STATE, 'Tolk 0.1.0'));
    const result = await validate(xml, 'Codebook-mrt2019.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const book = readCodebook(xml);
    expect(book.codes[0]).toMatchObject({ name: 'Tema', color: '#2f7d6d', description: 'Overordnet' });
    expect(book.codes[0]?.children[0]?.name).toBe('Under');
  });

  it('refuses an empty codebook (the schema wants a code)', () => {
    expect(() => writeCodebook({ codes: [], sets: [] })).toThrow(RangeError);
  });
});
