import { describe, expect, it } from '@jest/globals';
import {
  addTables,
  type BinaryTable,
  binaryNominalAlpha,
  cohensKappa,
  percentAgreement,
  unitsOf,
} from './binary-table.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';

/** The two coders' label lists a table stands for, unit by unit. */
function expand(t: BinaryTable): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  const push = (count: number, x: number, y: number) => {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  };
  push(t.both, 1, 1);
  push(t.onlyA, 1, 0);
  push(t.onlyB, 0, 1);
  push(t.neither, 0, 0);
  return [a, b];
}

describe('two coders, two categories', () => {
  it('a hand-computed table: pₒ = .70, pₑ = .50, κ = .40, α = .40', () => {
    // A says yes 25 times, B 30 times, out of 50; they agree on 20 yes and 15 no.
    // pₑ = .5·.6 + .5·.4 = .5; α = 1 − 99·15 / (45·55) = .4
    const t: BinaryTable = { both: 20, onlyA: 5, onlyB: 10, neither: 15 };
    expect(unitsOf(t)).toBe(50);
    expect(percentAgreement(t)).toBeCloseTo(0.7, 12);
    expect(cohensKappa(t)).toBeCloseTo(0.4, 12);
    expect(binaryNominalAlpha(t)).toBeCloseTo(0.4, 12);
  });

  it('Krippendorff (2011), section A: binary data of two observers, published α = 0.095', () => {
    const observerA = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const observerB = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const t: BinaryTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    observerA.forEach((x, i) => {
      const y = observerB[i];
      if (x && y) t.both++;
      else if (x) t.onlyA++;
      else if (y) t.onlyB++;
      else t.neither++;
    });
    expect(t).toEqual({ both: 1, onlyA: 1, onlyB: 3, neither: 5 });
    // α = 1 − (20 − 1)·4 / (14·6) = 0.0952…
    expect(binaryNominalAlpha(t)).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
    expect(Number(binaryNominalAlpha(t)!.toFixed(3))).toBe(0.095);
    expect(krippendorffAlpha([observerA, observerB])).toBeCloseTo(binaryNominalAlpha(t)!, 12);
    // κ by hand: pₒ = .6, pₑ = .2·.4 + .8·.6 = .56, κ = .04 / .44
    expect(percentAgreement(t)).toBeCloseTo(0.6, 12);
    expect(cohensKappa(t)).toBeCloseTo(0.04 / 0.44, 12);
  });

  it('perfect agreement with both categories used: κ = α = 1', () => {
    const t: BinaryTable = { both: 3, onlyA: 0, onlyB: 0, neither: 7 };
    expect(percentAgreement(t)).toBe(1);
    expect(cohensKappa(t)).toBeCloseTo(1, 12);
    expect(binaryNominalAlpha(t)).toBeCloseTo(1, 12);
  });

  it('complete, systematic disagreement: κ = 0 (pₑ = 0), α below zero', () => {
    // A labels everything 1, B everything 0: pₒ = 0, pₑ = 1·0 + 0·1 = 0.
    const t: BinaryTable = { both: 0, onlyA: 2, onlyB: 0, neither: 0 };
    expect(percentAgreement(t)).toBe(0);
    expect(cohensKappa(t)).toBe(0);
    // n = 4, n₀ = n₁ = 2: α = 1 − 3·2 / 4 = −0.5
    expect(binaryNominalAlpha(t)).toBeCloseTo(-0.5, 12);
  });

  it.each([
    ['both coders label everything 1', { both: 5, onlyA: 0, onlyB: 0, neither: 0 }, 1],
    ['both coders label everything 0', { both: 0, onlyA: 0, onlyB: 0, neither: 9 }, 1],
    ['no units at all', { both: 0, onlyA: 0, onlyB: 0, neither: 0 }, null],
  ])('undefined where pₑ = 1: %s → null', (_name, t, percent) => {
    expect(percentAgreement(t)).toBe(percent);
    expect(cohensKappa(t)).toBeNull();
    expect(binaryNominalAlpha(t)).toBeNull();
  });

  it.each([
    { both: 20, onlyA: 5, onlyB: 10, neither: 15 },
    { both: 1, onlyA: 4, onlyB: 0, neither: 2 },
    { both: 0, onlyA: 1, onlyB: 1, neither: 30 },
    { both: 12, onlyA: 0, onlyB: 3, neither: 0 },
  ])('the closed form for two coders equals the general alpha on the same data: %o', (t) => {
    expect(binaryNominalAlpha(t)).toBeCloseTo(krippendorffAlpha(expand(t), 'nominal')!, 12);
  });

  it('pools tables cell by cell', () => {
    expect(
      addTables({ both: 1, onlyA: 2, onlyB: 3, neither: 4 }, { both: 10, onlyA: 20, onlyB: 30, neither: 40 }),
    ).toEqual({
      both: 11,
      onlyA: 22,
      onlyB: 33,
      neither: 44,
    });
  });
});
