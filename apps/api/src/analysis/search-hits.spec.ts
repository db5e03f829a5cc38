import { describe, expect, it } from '@jest/globals';
import { candidatePattern, candidateWords, findHits, hitAt, positiveLexemes } from './search-hits.js';

describe('positiveLexemes', () => {
  it.each([
    ["'samarbeid'", ['samarbeid']],
    ["'samarbeid' & !'team'", ['samarbeid']],
    ["'digitalisering' <2> 'samarbeid'", ['digitalisering', 'samarbeid']],
    ["'samarbeid' | 'e-post' <-> 'e' <-> 'post'", ['samarbeid', 'e-post', 'e', 'post']],
    ["'hjem' & !( 'kontor' <-> 'tid' ) & 'barn'", ['hjem', 'barn']],
    ["'o''neil'", ["o'neil"]],
    ['', []],
  ])('%s → %j', (query, expected) => {
    expect([...positiveLexemes(query)]).toEqual(expected);
  });
});

describe('candidatePattern and candidateWords', () => {
  it('finds the words that start like a stem (all but its last letter), whatever their case', () => {
    const pattern = candidatePattern(['digitalisering', 'happi'])!;
    const words = candidateWords(['Digitaliseringen og digitaliserte, happy HAPPINESS; udigitalisert'], pattern);
    expect([...words]).toEqual(['digitaliseringen', 'happy', 'happiness']);
  });

  it('keeps one-letter stems and skips lexemes that are not plain words', () => {
    expect([...candidateWords(['e-post, Eva og ost'], candidatePattern(['e', 'e-post'])!)]).toEqual(['e', 'eva']);
    expect(candidatePattern(['e-post'])).toBeUndefined();
    expect(candidatePattern([])).toBeUndefined();
  });

  it('takes letters with their marks and digits as words', () => {
    expect([
      ...candidateWords(['Tromsø, 2020-årene: tromsøværinger'], candidatePattern(['tromsø', '2020', 'åren'])!),
    ]).toEqual(['tromsø', '2020', 'årene', 'tromsøværinger']);
  });
});

describe('findHits', () => {
  const stems = new Set(['digitaliseringen', 'digitalisering']);
  const pattern = candidatePattern(['digitalisering'])!;

  it('gives UTF-16 offsets of matching words', () => {
    const text = 'Hva med 😀 digitaliseringen? Digitalisering ja, digitaliserte nei';
    const hits = findHits(text, pattern, (w) => stems.has(w));
    expect(hits.map((h) => [h.start, h.end, h.text])).toEqual([
      [11, 27, 'digitaliseringen'],
      [29, 43, 'Digitalisering'],
    ]);
    expect(text.slice(hits[0].start, hits[0].end)).toBe('digitaliseringen');
  });

  it('joins the parts of a hyphenated word into one hit', () => {
    const hits = findHits('via e-post og Teams', candidatePattern(['e', 'post', 'team'])!, (w) =>
      ['e', 'post', 'teams'].includes(w),
    );
    expect(hits.map((h) => h.text)).toEqual(['e-post', 'Teams']);
  });
});

describe('hitAt', () => {
  it('keeps whole words of context and flattens line breaks', () => {
    const text = `${'ord '.repeat(30)}midt\n\ni teksten ${'mer '.repeat(30)}`;
    const start = text.indexOf('midt');
    const hit = hitAt(text, start, start + 4);
    expect(hit.text).toBe('midt');
    expect(hit.before.startsWith('ord ')).toBe(true);
    expect(hit.after.startsWith(' i teksten')).toBe(true);
    expect(hit.after.endsWith('mer')).toBe(true);
  });
});
