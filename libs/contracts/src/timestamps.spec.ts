import { describe, expect, it } from '@jest/globals';
import { formatTimestamp, textTimestamps, timeAt } from './timestamps.js';

describe('time marks in a transcript', () => {
  const text = 'Intervjuer: [00:00:05] Hei.\nInformant: [00:01:02.5] Hei [1:00:00] på deg. [99:99:99] [12:34]';

  it('reads [hh:mm:ss] marks with their offsets, and leaves what is not a time alone', () => {
    expect(textTimestamps(text)).toEqual([
      { ms: 5_000, start: 12 },
      { ms: 62_500, start: text.indexOf('[00:01:02.5]') },
      { ms: 3_600_000, start: text.indexOf('[1:00:00]') },
    ]);
    expect(textTimestamps('')).toEqual([]);
    expect(textTimestamps('[00:60:00] [00:00:7] [000:00:00]')).toEqual([]);
    expect(textTimestamps('[00:00:01,25]')).toEqual([{ ms: 1_250, start: 0 }]);
  });

  it('gives a position the time of the nearest mark at or before it', () => {
    const marks = textTimestamps(text);
    expect(timeAt(marks, 0)).toBeNull();
    expect(timeAt(marks, 11)).toBeNull();
    expect(timeAt(marks, 12)).toBe(5_000);
    expect(timeAt(marks, 30)).toBe(5_000);
    expect(timeAt(marks, text.indexOf('Hei [1'))).toBe(62_500);
    expect(timeAt(marks, text.length)).toBe(3_600_000);
    expect(timeAt([], 10)).toBeNull();
    // A mark corrected to an earlier time still counts where it stands.
    expect(timeAt(textTimestamps('[00:10:00] a [00:02:00] b'), 20)).toBe(120_000);
  });

  it('writes marks as a transcriber inserts them', () => {
    expect(formatTimestamp(0)).toBe('[00:00:00]');
    expect(formatTimestamp(754_999)).toBe('[00:12:34]');
    expect(formatTimestamp(3_600_000 + 61_000)).toBe('[01:01:01]');
    expect(formatTimestamp(-5)).toBe('[00:00:00]');
    expect(textTimestamps(formatTimestamp(754_000))).toEqual([{ ms: 754_000, start: 0 }]);
  });
});
