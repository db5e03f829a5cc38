import { describe, expect, it } from '@jest/globals';
import { characterAgreement, type SidedCoding } from './character-agreement.js';

const coding = (side: 'a' | 'b', codeId: string, documentId: string, start: number, end: number): SidedCoding => ({
  side,
  codeId,
  documentId,
  start,
  end,
});

describe('agreement at character level, per code and pooled', () => {
  // Two documents of 10 and 30 characters: 40 units per code.
  const documents = [
    { id: 'd1', length: 10 },
    { id: 'd2', length: 30 },
  ];

  it('counts units per code over every selected document and pools the tables', () => {
    const result = characterAgreement(documents, [
      // code x in d1: A [0,6), B [2,8) → both 4, onlyA 2, onlyB 2, neither 2 + all 30 of d2
      coding('a', 'x', 'd1', 0, 6),
      coding('b', 'x', 'd1', 2, 8),
      // code y in d2: A [0,10), B [0,10) and B [20,25) → both 10, onlyB 5, neither 15 + all 10 of d1
      coding('a', 'y', 'd2', 0, 10),
      coding('b', 'y', 'd2', 0, 10),
      coding('b', 'y', 'd2', 20, 25),
      // a document not selected: ignored
      coding('a', 'z', 'elsewhere', 0, 5),
    ]);
    const x = result.perCode.find((c) => c.codeId === 'x')!;
    const y = result.perCode.find((c) => c.codeId === 'y')!;
    expect(result.perCode.map((c) => [c.codeId, c.documentIds])).toEqual([
      ['x', ['d1']],
      ['y', ['d2']],
    ]);
    expect(x.table).toEqual({ both: 4, onlyA: 2, onlyB: 2, neither: 32 });
    expect(y.table).toEqual({ both: 10, onlyA: 0, onlyB: 5, neither: 25 });
    expect(x.units).toBe(40);
    // x: pₒ = 36/40; p_A = p_B = 6/40; pₑ = .0225 + .7225 = .745; κ = (.9 − .745)/.255
    expect(x.percentAgreement).toBeCloseTo(0.9, 12);
    expect(x.cohensKappa).toBeCloseTo((0.9 - 0.745) / 0.255, 12);
    // x: n = 80, n₁ = 12, n₀ = 68: α = 1 − 79·4 / (68·12)
    expect(x.krippendorffAlpha).toBeCloseTo(1 - (79 * 4) / (68 * 12), 12);
    // pooled: both 14, onlyA 2, onlyB 7, neither 57 (80 units)
    expect(result.table).toEqual({ both: 14, onlyA: 2, onlyB: 7, neither: 57 });
    expect(result.units).toBe(80);
    expect(result.percentAgreement).toBeCloseTo(71 / 80, 12);
    const a1 = 16 / 80;
    const b1 = 21 / 80;
    const pe = a1 * b1 + (1 - a1) * (1 - b1);
    expect(result.cohensKappa).toBeCloseTo((71 / 80 - pe) / (1 - pe), 12);
    expect(result.krippendorffAlpha).toBeCloseTo(1 - (159 * 9) / (123 * 37), 12);
    // Prevalence: x: A coded 6 of 40 units, B 6; y: A 10 of 40, B 15. Pooled: A 16/80, B 21/80.
    expect([x.prevalenceA, x.prevalenceB, y.prevalenceA, y.prevalenceB]).toEqual([6 / 40, 6 / 40, 10 / 40, 15 / 40]);
    expect([result.prevalenceA, result.prevalenceB]).toEqual([16 / 80, 21 / 80]);
    // Agreement over the text either coded: x 4 of 8, y 10 of 15, pooled 14 of 23.
    expect([x.percentAgreementCoded, y.percentAgreementCoded, result.percentAgreementCoded]).toEqual([
      4 / 8,
      10 / 15,
      14 / 23,
    ]);
  });

  it('a rare code: high percent agreement from uncoded text, low agreement over the coded text', () => {
    // 1,000 characters; A codes [0,10), B [5,15): 990 of 1,000 units agree, 5 of 15 coded ones.
    const result = characterAgreement(
      [{ id: 'd1', length: 1000 }],
      [coding('a', 'x', 'd1', 0, 10), coding('b', 'x', 'd1', 5, 15)],
    );
    expect(result.percentAgreement).toBeCloseTo(0.99, 12);
    expect(result.percentAgreementCoded).toBeCloseTo(5 / 15, 12);
    expect([result.prevalenceA, result.prevalenceB]).toEqual([0.01, 0.01]);
  });

  it('no codings: no codes, no units, every figure null', () => {
    expect(characterAgreement(documents, [])).toEqual({
      table: { both: 0, onlyA: 0, onlyB: 0, neither: 0 },
      units: 0,
      percentAgreement: null,
      cohensKappa: null,
      krippendorffAlpha: null,
      prevalenceA: null,
      prevalenceB: null,
      percentAgreementCoded: null,
      perCode: [],
    });
  });

  it('a code only one side used covers its units on one side only: κ = 0', () => {
    const result = characterAgreement([{ id: 'd1', length: 10 }], [coding('a', 'x', 'd1', 0, 5)]);
    expect(result.perCode[0]).toMatchObject({ codeId: 'x', units: 10, percentAgreement: 0.5, cohensKappa: 0 });
  });

  it('the same ranges on both sides: perfect agreement', () => {
    const result = characterAgreement(
      [{ id: 'd1', length: 10 }],
      [coding('a', 'x', 'd1', 3, 7), coding('b', 'x', 'd1', 3, 7)],
    );
    expect(result).toMatchObject({ percentAgreement: 1, cohensKappa: 1, krippendorffAlpha: 1 });
  });
});
