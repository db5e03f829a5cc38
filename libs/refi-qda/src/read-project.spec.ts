import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { planImport } from './import-plan.js';
import { declaresDoctype, RefiFormatError } from './parse-xml.js';
import { readCodebook, readProject } from './read-project.js';

const ATLAS = readFileSync(
  new URL('../../../test/fixtures/refi-qda/atlasti-8.4-mac_standard-project.qde', import.meta.url),
  'utf8',
);

describe('readProject on the ATLAS.ti 8 sample', () => {
  const project = readProject(ATLAS);

  it('reads users, codes, every kind of source, notes, links, sets and graphs', () => {
    expect(project.origin).toMatch(/^ATLAS\.ti 8\.4/u);
    expect(project.users.map((u) => u.name)).toEqual(['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch']);
    expect(project.codes).toHaveLength(14);
    expect(project.codes.find((c) => c.name === 'Coke::diet Coke')?.description).toBe('non sucré');
    expect(project.sources.map((s) => s.kind)).toEqual([
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'picture',
      'pdf',
      'pdf',
      'audio',
      'video',
      'video',
    ]);
    expect(project.notes.map((n) => n.name)).toEqual(['Research Plan', 'My favorite Coke ad']);
    expect(project.links).toHaveLength(1);
    expect(project.sets.find((s) => s.name === 'gender: male')?.memberSources).toEqual([
      'AE5298BE-7C94-4B66-8A9C-51FBE232D2F5',
    ]);
    expect(project.graphs).toHaveLength(1);
  });

  it('reads text selections with offsets, names, descriptions and codings', () => {
    const simon = project.sources.find((s) => s.name === 'Simon.docx');
    expect(simon?.kind).toBe('text');
    if (simon?.kind !== 'text') return;
    expect(simon.selections.map((s) => [s.start, s.end, s.codings.length])).toEqual([
      [688, 907, 1],
      [215, 275, 1],
      [513, 907, 1],
    ]);
    expect(simon.selections[0]?.description).toBe('why does Simon feel the need to do this?');
  });

  it('plans the Parent::Child names as a tree and reports what Tolk does not model', () => {
    const plan = planImport(project, () => undefined);
    const coke = plan.codes.find((c) => c.name === 'Coke');
    expect(coke?.description).toBe('the breakfast of champions');
    expect(plan.codes.filter((c) => c.parentKey === coke?.key).map((c) => c.name)).toEqual([
      'full-fat Coke',
      'diet Coke',
    ]);
    expect(plan.codes).toHaveLength(14);
    // No source text travels with a bare .qde.
    expect(plan.documents).toHaveLength(0);
    const skippedSources = plan.summary.skipped.filter((s) => s.kind === 'source').map((s) => s.reason);
    expect(skippedSources.filter((r) => r.startsWith('its text is not in the file'))).toHaveLength(6);
    expect(skippedSources.filter((r) => /^(picture|pdf|audio|video) sources/u.test(r))).toHaveLength(6);
    expect(plan.summary.skipped.some((s) => s.kind === 'graph')).toBe(true);
    // Notes nothing imported refers to land in the project memo.
    expect(plan.projectMemo).toContain('This is a great project');
    expect(plan.projectMemo).toContain('much better than the new Director');
  });
});

describe('untrusted XML', () => {
  const xxe = `<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`;

  it('refuses a DOCTYPE before anything is resolved', () => {
    expect(declaresDoctype(xxe)).toBe(true);
    expect(() => readProject(xxe)).toThrow(RefiFormatError);
    expect(() => readProject(xxe)).toThrow(/DTD/u);
  });

  it('finds a DOCTYPE behind comments and processing instructions', () => {
    expect(declaresDoctype('\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<?pi x?>\n<!doctype x>')).toBe(true);
    expect(declaresDoctype('<?xml version="1.0"?><Project name="<!DOCTYPE in text is fine"/>')).toBe(false);
  });

  it('refuses what is not XML, and the wrong root with a reason', () => {
    expect(() => readProject('not xml at all')).toThrow(/not well-formed/u);
    expect(() => readProject('<Project name="x"/><Project name="y"/>')).toThrow(/not well-formed/u);
    expect(() => readProject('<html/>')).toThrow(/not a REFI-QDA <Project>/u);
  });
});

describe('lenient reading', () => {
  it('accepts no namespace, a prefix, braces and odd ids, and missing dates', () => {
    const xml = `\uFEFF<q:Project xmlns:q="urn:QDA-XML:project:1.0" name="p">
      <q:CodeBook><q:Codes><q:Code guid="{ABC}" name="A" isCodable="true" color="#F0A"/></q:Codes></q:CodeBook>
      <q:Sources><q:TextSource guid="s1" name="doc"><q:PlainTextContent>hello world</q:PlainTextContent>
        <q:PlainTextSelection guid="x" startPosition="6" endPosition="11" name="world"><q:Coding guid="c"><q:CodeRef targetGUID="abc"/></q:Coding></q:PlainTextSelection>
      </q:TextSource></q:Sources><q:Sets/></q:Project>`;
    const plan = planImport(readProject(xml), () => undefined);
    expect(plan.codes[0]?.color).toBe('#ff00aa');
    expect(plan.documents[0]?.codings).toEqual([{ codeKey: plan.codes[0].key, start: 6, end: 11 }]);
    expect(plan.summary.offsetCheck).toEqual({ named: 1, matched: 1 });
  });

  it('reads a codebook in any namespace version', () => {
    for (const ns of ['urn:QDA-XML:codebook:0:4', 'urn:QDA-XML:codebook:1.0', '']) {
      const book = readCodebook(
        `<CodeBook xmlns="${ns}" origin="x"><Codes><Code guid="g" name="A" isCodable="true"><Code guid="h" name="B" isCodable="false"/></Code></Codes></CodeBook>`,
      );
      expect(book.codes[0]?.children[0]).toMatchObject({ name: 'B', isCodable: false });
    }
  });
});
