import { describe, expect, it } from '@jest/globals';
import { rebuildHierarchy } from './code-hierarchy.js';
import { internalEntry } from './archive.js';
import { nameMatchesQuote, planCodes, planImport } from './import-plan.js';
import type { RefiCode } from './model.js';
import { readProject } from './read-project.js';

const code = (guid: string, name: string, extra: Partial<RefiCode> = {}): RefiCode => ({
  guid,
  name,
  isCodable: true,
  noteRefs: [],
  children: [],
  ...extra,
});

const project = (origin: string, body: string) =>
  readProject(`<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}">${body}</Project>`);

describe('planCodes', () => {
  it('makes sibling names unique, keeps long names, and reads #RGB colours', () => {
    const planned = planCodes([
      code('a', 'Tema', { color: '#F0A' }),
      code('b', 'tema', { color: '#12345678' }),
      code('c', 'x'.repeat(150)),
      code('d', '   '),
    ]);
    expect(planned.map((c) => [c.name.length > 20 ? `${c.name.length} chars` : c.name, c.color])).toEqual([
      ['Tema', '#ff00aa'],
      ['tema (2)', undefined],
      ['150 chars', undefined],
      ['Unnamed code', undefined],
    ]);
  });

  it('rebuilds Taguette’s a\\b names for a Taguette file only', () => {
    const codes = [code('1', 'feelings\\good'), code('2', 'feelings\\bad')];
    expect(planCodes(codes, 'Taguette 1.4').map((c) => [c.name, c.parentKey])).toEqual([
      ['feelings', null],
      ['good', 'code:0'],
      ['bad', 'code:0'],
    ]);
    expect(planCodes(codes, 'QualCoder').map((c) => c.name)).toEqual(['feelings\\good', 'feelings\\bad']);
  });
});

describe('rebuildHierarchy', () => {
  it('turns a folder made for an earlier child into the real parent when it comes', () => {
    const tree = rebuildHierarchy(
      [code('c1', 'A::B::C'), code('a', 'A', { description: 'the real A' }), code('b', 'A::B')],
      '::',
      (path) => `folder:${path}`,
    );
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ guid: 'a', name: 'A', description: 'the real A', isCodable: true });
    expect(tree[0]?.children[0]).toMatchObject({ guid: 'b', name: 'B' });
    expect(tree[0]?.children[0]?.children[0]).toMatchObject({ guid: 'c1', name: 'C' });
  });
});

describe('nameMatchesQuote', () => {
  it('matches the start of the quote, with an ellipsis and squeezed white space', () => {
    expect(nameMatchesQuote('I did try the…', 'I did try the gluten free bread')).toBe(true);
    expect(nameMatchesQuote('line one line two', 'line one\nline  two and more')).toBe(true);
    expect(nameMatchesQuote('Quotation 6:1', 'cornflakes')).toBe(false);
    expect(nameMatchesQuote('', 'anything')).toBe(false);
  });
});

describe('planImport', () => {
  const CODES = '<CodeBook><Codes><Code guid="c1" name="Tema" isCodable="true"/></Codes></CodeBook>';

  it('takes another unit when the names line up better than the tool’s known one', () => {
    // Says NVivo (UTF-16), but the offsets are code points: after the emoji they differ by one.
    const body = `${CODES}<Sources><TextSource guid="s" name="doc"><PlainTextContent>😀 hello world</PlainTextContent>
      <PlainTextSelection guid="x" name="world" startPosition="8" endPosition="13"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
    </TextSource></Sources>`;
    const plan = planImport(project('NVivo 14', body), () => undefined);
    expect(plan.summary.offsetUnit).toBe('codepoints');
    expect(plan.summary.offsetCheck).toEqual({ named: 1, matched: 1 });
    const [document] = plan.documents;
    expect(document.text.slice(document.codings[0].start, document.codings[0].end)).toBe('world');
  });

  it('keeps the tool’s unit when no name can tell (NVivo writes empty names)', () => {
    const body = `${CODES}<Sources><TextSource guid="s" name="doc"><PlainTextContent>😀 hello world</PlainTextContent>
      <PlainTextSelection guid="x" name="" startPosition="9" endPosition="14"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
    </TextSource></Sources>`;
    const plan = planImport(project('NVivo for Windows 12.6', body), () => undefined);
    expect(plan.summary.offsetUnit).toBe('utf16');
    const [document] = plan.documents;
    expect(document.text.slice(document.codings[0].start, document.codings[0].end)).toBe('world');
  });

  it('reads notes from NoteRef, Link and Description, and attributes from cases, sources and sets', () => {
    const body = `${CODES}
      <Variables><Variable guid="v1" name="alder" typeOfVariable="Integer"/><Variable guid="v2" name="yrke" typeOfVariable="Text"/></Variables>
      <Cases><Case guid="case1" name="Informant 1"><VariableValue><VariableRef targetGUID="v1"/><IntegerValue>42</IntegerValue></VariableValue><SourceRef targetGUID="s"/></Case></Cases>
      <Sources><TextSource guid="s" name="doc">
        <PlainTextContent>one two three</PlainTextContent>
        <PlainTextSelection guid="sel1" name="two" startPosition="4" endPosition="7"><Description>MAXQDA-style comment</Description></PlainTextSelection>
        <PlainTextSelection guid="sel2" name="three" startPosition="8" endPosition="13"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding><NoteRef targetGUID="n1"/></PlainTextSelection>
        <PlainTextSelection guid="bad" name="x" startPosition="50" endPosition="60"><Coding guid="k2"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
        <NoteRef targetGUID="n2"/>
        <VariableValue><VariableRef targetGUID="v2"/><TextValue>vernepleier</TextValue></VariableValue>
      </TextSource></Sources>
      <Notes>
        <Note guid="n1" name="on three"><PlainTextContent>a note on three</PlainTextContent></Note>
        <Note guid="n2" name="Memo"><PlainTextContent>about the document</PlainTextContent></Note>
        <Note guid="n3" name="linked"><PlainTextContent>about the code</PlainTextContent></Note>
        <Note guid="n4" name="Loose"><PlainTextContent>nobody points here</PlainTextContent></Note>
      </Notes>
      <Links><Link guid="l1" originGUID="n3" targetGUID="c1"/><Link guid="l2" originGUID="s" targetGUID="c1"/></Links>
      <Sets><Set guid="set1" name="kjønn: kvinne"><MemberSource targetGUID="s"/></Set><Set guid="set2" name="Gruppe A"><MemberSource targetGUID="s"/></Set></Sets>`;
    const plan = planImport(project('MAXQDA 2022', body), () => undefined);
    const [document] = plan.documents;
    expect(document.attributes).toEqual({ alder: '42', kjønn: 'kvinne', yrke: 'vernepleier' });
    expect(document.comments.map((c) => [document.text.slice(c.start!, c.end!), c.bodies])).toEqual([
      ['two', ['MAXQDA-style comment']],
      ['three', ['a note on three']],
    ]);
    expect(document.memo).toBe('about the document');
    expect(plan.codes[0].memo).toBe('about the code');
    expect(plan.projectMemo).toBe('Loose\nnobody points here');
    expect(plan.summary).toMatchObject({ sources: 1, codes: 1, codings: 1, notes: 5, attributes: 3 });
    expect(plan.summary.skipped).toEqual([
      {
        kind: 'link',
        name: 'l2',
        reasonCode: 'link_not_note',
        params: {},
        reason: 'links between things other than notes are not modelled in Tolk',
      },
      {
        kind: 'coding',
        name: 'Tema',
        reasonCode: 'outside_text',
        params: { start: 50, end: 60, document: 'doc' },
        reason: 'its selection (50–60) is not within the text of "doc"',
      },
      {
        kind: 'set',
        name: 'Gruppe A',
        reasonCode: 'set_not_modelled',
        params: {},
        reason: 'sets (groups) are not modelled in Tolk, except document sets named "attribute: value"',
      },
    ]);
  });

  it('skips a source whose text is too large, and says how many codings went with it', () => {
    const body = `${CODES}<Sources><TextSource guid="s" name="big"><PlainTextContent>${'x'.repeat(2000)}</PlainTextContent>
      <PlainTextSelection guid="x" startPosition="0" endPosition="5"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
    </TextSource></Sources>`;
    const plan = planImport(project('QualCoder', body), () => undefined, {
      codeName: 100,
      title: 300,
      textBytes: 1000,
    });
    expect(plan.documents).toEqual([]);
    expect(plan.summary.skipped).toEqual([
      {
        kind: 'source',
        name: 'big',
        reasonCode: 'text_too_large',
        params: { codings: 1, limit: '1,000 bytes' },
        reason: 'its text is larger than 1,000 bytes (1 coding on it not imported)',
      },
    ]);
  });

  it('keeps MAXQDA’s 118- and 124-character code names whole; a name beyond the limit is named in the summary', () => {
    const long118 = `Arbeid ${'m'.repeat(111)}`;
    const long124 = `Relasjoner ${'r'.repeat(113)}`;
    const tooLong = 'x'.repeat(510);
    expect([long118.length, long124.length]).toEqual([118, 124]);
    const body = `<CodeBook><Codes>
        <Code guid="c1" name="${long118}" isCodable="true"/>
        <Code guid="c2" name="${long124}" isCodable="true"/>
        <Code guid="c3" name="${tooLong}" isCodable="true"/>
      </Codes></CodeBook>`;
    const plan = planImport(project('MAXQDA 2022', body), () => undefined);
    expect(plan.codes.map((c) => c.name.length)).toEqual([118, 124, 500]);
    expect(plan.codes.map((c) => c.name.slice(0, 10))).toEqual(['Arbeid mmm', 'Relasjoner', 'xxxxxxxxxx']);
    expect(plan.summary.skipped).toEqual([
      {
        kind: 'code',
        name: tooLong,
        reasonCode: 'code_name_shortened',
        params: { limit: '500', shortened: 'x'.repeat(500) },
        reason: `the name is longer than 500 characters: imported as "${'x'.repeat(500)}"`,
      },
    ]);
  });

  it('finds a source’s text by a plainTextPath without internal://, and names an untitled source after its file', () => {
    const body = `${CODES}<Sources>
        <TextSource guid="s1" plainTextPath="board_2017.txt">
          <PlainTextSelection guid="x" startPosition="0" endPosition="5"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
        </TextSource>
        <TextSource guid="s2" name="  " plainTextPath="internal://Sources/board_2018.txt"/>
        <TextSource guid="s3" plainTextPath="lost_2019.txt"/>
      </Sources>`;
    const files = new Map([
      ['sources/board_2017.txt', 'Board minutes, 2017.'],
      ['Sources/Board_2018.TXT', 'Board minutes, 2018.'],
    ]);
    const names = [...files.keys()];
    const plan = planImport(project('Some tool', body), (path) => {
      const entry = internalEntry(path, names);
      return entry === undefined ? undefined : files.get(entry);
    });
    expect(plan.documents.map((d) => [d.title, d.text, d.codings.length])).toEqual([
      ['board_2017', 'Board minutes, 2017.', 1],
      ['board_2018', 'Board minutes, 2018.', 0],
    ]);
    expect(plan.summary.codings).toBe(1);
    // A file that is not in the archive is still a skipped source, named after its file.
    expect(plan.summary.skipped).toEqual([
      expect.objectContaining({ kind: 'source', name: 'lost_2019', reasonCode: 'text_missing' }),
    ]);
  });
});
