import { describe, expect, it } from '@jest/globals';
import { checkEntryNames, fileTitle, internalEntry, projectEntry, unsafeEntryName } from './archive.js';
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

  it.each([
    ['board_2017.txt', ['project.qde', 'sources/board_2017.txt'], 'sources/board_2017.txt'],
    ['board_2017.txt', ['project.qde', 'Sources/Board_2017.TXT'], 'Sources/Board_2017.TXT'],
    ['sources/board_2017.txt', ['project.qde', 'sources/board_2017.txt'], 'sources/board_2017.txt'],
    ['Sources\\board_2017.txt', ['project.qde', 'sources/board_2017.txt'], 'sources/board_2017.txt'],
    ['./board_2017.txt', ['project.qde', 'board_2017.txt'], 'board_2017.txt'],
    ['internal:///board_2017.txt', ['project.qde', 'SOURCES/board_2017.txt'], 'SOURCES/board_2017.txt'],
    ['board_2018.txt', ['project.qde', 'sources/board_2017.txt'], undefined],
    ['absolute:///tmp/board_2017.txt', ['project.qde', 'sources/board_2017.txt'], undefined],
    ['C:\\data\\board_2017.txt', ['project.qde', 'sources/board_2017.txt'], undefined],
    ['../board_2017.txt', ['project.qde', 'board_2017.txt'], undefined],
    ['', ['project.qde', 'sources/board_2017.txt'], undefined],
  ])('finds a source path %j without internal:// as leniently: %j → %j', (path, names, expected) => {
    expect(internalEntry(path, names)).toBe(expected);
  });

  it.each([
    ['internal://board_2017.txt', 'board_2017'],
    ['sources/Intervju 3.docx.txt', 'Intervju 3.docx'],
    ['relative:///data\\Informant 2.txt', 'Informant 2'],
    ['internal://', undefined],
    [undefined, undefined],
  ])('names an untitled source after its file: %j → %j', (path, expected) => {
    expect(fileTitle(path)).toBe(expected);
  });
});
