import { LABEL_GAP, marginLayout, stackLabels } from './margin-layout';

describe('marginLayout', () => {
  it.each([
    // room, lanes → pitch, label width
    [158, 1, 7, 145],
    [158, 5, 7, 117],
    [158, 12, 7, 68],
    [158, 20, 5, 52],
    [158, 40, 3, null],
  ])('room %ipx with %i lanes: lanes %ipx apart, names %spx wide', (room, lanes, pitch, width) => {
    const layout = marginLayout(room, lanes);
    expect(layout.pitch).toBe(pitch);
    expect(layout.labelWidth).toBe(width);
  });

  it('names and lanes together never need more than the room', () => {
    for (let room = 20; room < 300; room += 7) {
      for (let lanes = 1; lanes < 30; lanes++) {
        const { pitch, labelWidth } = marginLayout(room, lanes);
        if (labelWidth !== null) expect(lanes * pitch + LABEL_GAP + labelWidth).toBeLessThanOrEqual(room);
        expect(pitch).toBeGreaterThanOrEqual(3);
        expect(pitch).toBeLessThanOrEqual(7);
      }
    }
  });

  it('a phone-narrow margin keeps bars and drops the names', () => {
    expect(marginLayout(30, 2)).toEqual({ pitch: 7, labelWidth: null });
    expect(marginLayout(30, 6)).toEqual({ pitch: 5, labelWidth: null });
  });
});

describe('stackLabels', () => {
  it('puts each name at its bracket unless the name above would be met', () => {
    expect(stackLabels([0, 30, 60])).toEqual([0, 30, 60]);
    // Three codings from one row, a fourth a row later: pushed down, then free again.
    expect(stackLabels([10, 10, 10, 40, 100])).toEqual([10, 26, 42, 58, 100]);
    expect(stackLabels([])).toEqual([]);
  });
});
