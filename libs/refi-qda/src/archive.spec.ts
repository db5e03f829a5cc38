import { describe, expect, it } from '@jest/globals';
import { checkEntryNames, internalEntry, projectEntry, unsafeEntryName } from './archive.js';
import { RefiFormatError } from './parse-xml.js';

describe('archive entry names', () => {
  it('refuses climbing out, absolute paths and backslash tricks', () => {
    expect(unsafeEntryName('../evil.txt')).toMatch(/climbs out/u);
    expect(unsafeEntryName('sources/../../evil.txt')).toMatch(/climbs out/u);
    expect(unsafeEntryName('sources\\..\\..\\evil.txt')).toMatch(/climbs out/u);
    expect(unsafeEntryName('/etc/passwd')).toMatch(/absolute/u);
    expect(unsafeEntryName('C:\\Windows\\x')).toMatch(/absolute/u);
    expect(unsafeEntryName('sources/a..b.txt')).toBeUndefined();
    expect(() => checkEntryNames(['project.qde', 'sources/../x'])).toThrow(RefiFormatError);
  });

  it('finds the one .qde at the root, whatever its name', () => {
    expect(projectEntry(['My study.qde', 'sources/a.txt'])).toBe('My study.qde');
    expect(projectEntry(['a.qde', 'project.qde'])).toBe('project.qde');
    expect(() => projectEntry(['sources/x.qde'])).toThrow(/no project file/u);
    expect(() => projectEntry(['a.qde', 'b.qde'])).toThrow(/2 project files/u);
  });

  it('finds internal:// files in sources/ or Sources/, case-insensitively', () => {
    const names = ['project.qde', 'Sources/ABC.txt', 'sources/.root'];
    expect(internalEntry('internal://abc.txt', names)).toBe('Sources/ABC.txt');
    expect(internalEntry('relative:///abc.txt', names)).toBeUndefined();
    expect(internalEntry('internal://../project.qde', names)).toBeUndefined();
  });
});
