import { describe, expect, it } from '@jest/globals';
import { layoutCloud } from './word-cloud';

const words = Array.from({ length: 40 }, (_, i) => ({ text: `ord${String(i).padStart(2, '0')}`, count: 100 - i * 2 }));

describe('layoutCloud', () => {
  it('places the most frequent word largest, at the centre, and no two words overlap', () => {
    const placed = layoutCloud(words, { width: 720, height: 340 });
    expect(placed.length).toBeGreaterThan(20);
    expect(placed[0]).toMatchObject({ text: 'ord00', x: 360, y: 170, size: 44 });
    expect(placed.at(-1)!.size).toBeLessThan(placed[0].size);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) {
        const apart =
          a.box.right <= b.box.left ||
          b.box.right <= a.box.left ||
          a.box.bottom <= b.box.top ||
          b.box.bottom <= a.box.top;
        expect(apart).toBe(true);
      }
      expect(a.box.left).toBeGreaterThanOrEqual(0);
      expect(a.box.right).toBeLessThanOrEqual(720);
      expect(a.box.top).toBeGreaterThanOrEqual(0);
      expect(a.box.bottom).toBeLessThanOrEqual(340);
    }
  });

  it('is the same layout every time and leaves out what does not fit', () => {
    expect(layoutCloud(words, { width: 720, height: 340 })).toEqual(layoutCloud(words, { width: 720, height: 340 }));
    const tiny = layoutCloud(words, { width: 120, height: 60 });
    expect(tiny.length).toBeLessThan(words.length);
    expect(layoutCloud([], { width: 100, height: 100 })).toEqual([]);
  });
});
