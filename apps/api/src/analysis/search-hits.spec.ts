import { describe, expect, it } from '@jest/globals';
import { HIT_END, HIT_START, hitAt, hitsFromHeadline } from './search-hits.js';

const mark = (s: string) => s.replaceAll('[', HIT_START).replaceAll(']', HIT_END);

describe('hitsFromHeadline', () => {
  it('gives UTF-16 offsets into the text without the markers', () => {
    const { text, hits } = hitsFromHeadline(mark('Hva med 😀 [digitaliseringen]? [Digitalisering] ja'));
    expect(text).toBe('Hva med 😀 digitaliseringen? Digitalisering ja');
    expect(hits.map((h) => [h.start, h.end, h.text])).toEqual([
      [11, 27, 'digitaliseringen'],
      [29, 43, 'Digitalisering'],
    ]);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('digitaliseringen');
  });

  it('joins the parts of a hyphenated word into one hit', () => {
    const { hits } = hitsFromHeadline(mark('via [e]-[post] og [Teams]'));
    expect(hits.map((h) => h.text)).toEqual(['e-post', 'Teams']);
  });

  it('finds nothing in a text without markers', () => {
    expect(hitsFromHeadline('ingen treff her')).toEqual({ text: 'ingen treff her', hits: [] });
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
