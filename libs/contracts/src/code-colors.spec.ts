import { describe, expect, it } from '@jest/globals';
import {
  CODE_COLORS,
  CODE_TINT_ALPHA,
  contrastRatio,
  parseHexColor,
  pickCodeColor,
  tintOverWhite,
} from './code-colors.js';

/** Angular Material 3's light `on-surface` and `on-surface-variant` for the app's theme (neutral tones 10 and 30). */
const TEXT = '#191c1d';
const LABEL_TEXT = '#3f4849';

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
type Vec = [number, number, number];
const times = (m: readonly Vec[], v: Vec): Vec =>
  m.map((row) => Math.min(1, Math.max(0, row[0] * v[0] + row[1] * v[1] + row[2] * v[2]))) as Vec;

/** Björn Ottosson's OKLab (2020), from linear sRGB: distances in it follow perceived differences. */
function oklab([r, g, b]: Vec): Vec {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB. */
const SIMULATIONS: Record<string, readonly Vec[] | null> = {
  normal: null,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const seen = (color: string, matrix: readonly Vec[] | null): Vec => {
  const linear = parseHexColor(color).map(toLinear) as Vec;
  return oklab(matrix ? times(matrix, linear) : linear);
};
const distance = (a: Vec, b: Vec) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** The smallest OKLab distance between two of the first `n` colours, as seen with this vision. */
function closestPair(n: number, matrix: readonly Vec[] | null): number {
  const colors = CODE_COLORS.slice(0, n).map((c) => seen(c, matrix));
  let min = Infinity;
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++) min = Math.min(min, distance(colors[i], colors[j]));
  return min;
}

describe('code colours', () => {
  it('has no duplicates, all #rrggbb in lower case', () => {
    expect(new Set(CODE_COLORS).size).toBe(CODE_COLORS.length);
    for (const color of CODE_COLORS) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });

  /*
   * Thresholds, in OKLab units: a just-noticeable difference is about 0.02;
   * 0.1 is a difference seen at a glance side by side. The first eight
   * colours (a typical codebook's top level) stay ≥ 0.075 apart for every
   * simulated dichromacy, and ≥ 0.1 with normal vision; all twelve ≥ 0.05
   * (still several JNDs) for everyone.
   */
  it.each(Object.entries(SIMULATIONS))('the first eight are far apart with %s vision', (_name, matrix) => {
    expect(closestPair(8, matrix)).toBeGreaterThanOrEqual(matrix ? 0.075 : 0.1);
  });
  it.each(Object.entries(SIMULATIONS))('all twelve stay apart with %s vision', (_name, matrix) => {
    expect(closestPair(CODE_COLORS.length, matrix)).toBeGreaterThanOrEqual(0.05);
  });

  it('stripes and dots keep 3:1 against the white page (WCAG 1.4.11, non-text contrast)', () => {
    for (const color of CODE_COLORS) expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  /*
   * Tinted words must stay as readable as body text: 7:1 (WCAG AAA, 1.4.6) for
   * the transcript text under one tint, 4.5:1 (AA, 1.4.3) under two
   * overlapping tints and for the speaker labels' lighter grey.
   */
  it('coded words stay readable under their tint, also where two codes overlap', () => {
    for (const color of CODE_COLORS) {
      const tint = tintOverWhite(color, CODE_TINT_ALPHA);
      expect(contrastRatio(tint, TEXT)).toBeGreaterThanOrEqual(7);
      expect(contrastRatio(tint, LABEL_TEXT)).toBeGreaterThanOrEqual(4.5);
      for (const other of CODE_COLORS) {
        // The second tint laid over the first, as the browser composites two translucent layers.
        const under = parseHexColor(tint);
        const over = parseHexColor(other).map((c, i) => CODE_TINT_ALPHA * c + (1 - CODE_TINT_ALPHA) * under[i]);
        const hex = `#${over
          .map((c) =>
            Math.round(c * 255)
              .toString(16)
              .padStart(2, '0'),
          )
          .join('')}`;
        expect(contrastRatio(hex, TEXT)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('computes contrast ratios as WCAG defines them', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(tintOverWhite('#000000', 0.5)).toBe('#808080');
  });

  it('picks the first colour no active code has, then the least used', () => {
    expect(pickCodeColor([])).toBe(CODE_COLORS[0]);
    expect(pickCodeColor([CODE_COLORS[0], CODE_COLORS[2].toUpperCase()])).toBe(CODE_COLORS[1]);
    expect(pickCodeColor(['#123456'])).toBe(CODE_COLORS[0]);
    const all = [...CODE_COLORS, CODE_COLORS[0], CODE_COLORS[1]];
    expect(pickCodeColor(all)).toBe(CODE_COLORS[2]);
  });
});
