import { describe, expect, it } from '@jest/globals';
import { coincidenceMatrix, krippendorffAlpha } from './krippendorff-alpha.js';

const _ = null;
/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
 * four observers, twelve units, values 1–5, missing values. Published:
 * nominal α = 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
 */
const RELIABILITY_DATA = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha over a reliability data matrix", () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('reproduces the published %s value %s', (metric, published) => {
    const alpha = krippendorffAlpha(RELIABILITY_DATA, metric)!;
    expect(Number(alpha.toFixed(3))).toBe(published);
  });

  it('builds the published coincidence matrix (n = 40; unit 12 is not pairable)', () => {
    const { values, coincidences } = coincidenceMatrix(RELIABILITY_DATA);
    expect(values).toEqual([1, 2, 3, 4, 5]);
    const marginals = coincidences.map((row) => row.reduce((a, b) => a + b, 0));
    // Published marginals n_c: 9, 13, 10, 5, 3.
    marginals.forEach((m, i) => expect(m).toBeCloseTo([9, 13, 10, 5, 3][i], 12));
    expect(coincidences[0][0]).toBeCloseTo(7, 12);
    expect(coincidences[0][1]).toBeCloseTo(4 / 3, 12);
    expect(coincidences[1][1]).toBeCloseTo(10, 12);
    expect(coincidences[2][2]).toBeCloseTo(8, 12);
  });

  it('nominal values may be labels; units judged by one coder only are left out', () => {
    const labels = [
      ['ja', 'nei', 'ja', 'ja', _],
      ['ja', 'nei', 'nei', 'ja', 'nei'],
    ];
    // Four pairable units: 3 agree, 1 disagrees. n = 8, n_ja = 5, n_nei = 3:
    // α = 1 − 7·2 / (2·5·3) = 1 − 14/30
    expect(krippendorffAlpha(labels)).toBeCloseTo(1 - 14 / 30, 12);
  });

  it.each([
    [
      'no pairable values',
      [
        [1, _, 3],
        [_, 2, _],
      ],
    ],
    [
      'one value used everywhere',
      [
        [2, 2, 2],
        [2, 2, _],
      ],
    ],
    ['no coders', []],
  ])('is undefined (null) with %s', (_name, data) => {
    expect(krippendorffAlpha(data)).toBeNull();
    expect(krippendorffAlpha(data, 'interval')).toBeNull();
  });

  it('refuses labels for a numeric metric', () => {
    expect(() =>
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'a'],
        ],
        'interval',
      ),
    ).toThrow(TypeError);
  });
});
