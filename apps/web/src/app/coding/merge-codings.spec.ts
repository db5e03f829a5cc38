import type { Coding } from '@tolk/contracts';
import { dropCodings, upsertCodings } from './merge-codings';

const coding = (id: string, version: number, start = 0): Coding =>
  ({ id, version, start, end: start + 3, documentId: 'd', codeId: 'c' }) as unknown as Coding;

describe('upsertCodings', () => {
  it('adds new codings in order and replaces known ones by a newer version', () => {
    const list = [coding('a', 1), coding('b', 1)];
    const next = upsertCodings(list, [coding('c', 1), coding('a', 2, 10), coding('d', 1)]);
    expect(next.map((c) => `${c.id}${c.version}`)).toEqual(['a2', 'b1', 'c1', 'd1']);
    expect(next[0].start).toBe(10);
    expect(list.map((c) => c.version)).toEqual([1, 1]); // the old list is left as it was
  });

  it('never goes back a version (an event overtaken by the REST answer)', () => {
    const next = upsertCodings([coding('a', 3, 5)], [coding('a', 2, 9)]);
    expect(next[0]).toMatchObject({ version: 3, start: 5 });
  });

  it('applies a batch of thousands as one new array, with a duplicate id inside the batch', () => {
    const batch = Array.from({ length: 5000 }, (_, i) => coding(`n${i}`, 1, i));
    const next = upsertCodings([coding('a', 1)], [...batch, coding('n7', 2, 70)]);
    expect(next).toHaveLength(5001);
    expect(next.find((c) => c.id === 'n7')).toMatchObject({ version: 2, start: 70 });
  });

  it('returns the same list when there is nothing to apply', () => {
    const list = [coding('a', 1)];
    expect(upsertCodings(list, [])).toBe(list);
  });
});

describe('dropCodings', () => {
  it('removes the given ids and keeps the rest in order', () => {
    const list = [coding('a', 1), coding('b', 1), coding('c', 1)];
    expect(dropCodings(list, ['c', 'a', 'x']).map((c) => c.id)).toEqual(['b']);
  });

  it('returns the same list when none of the ids is there', () => {
    const list = [coding('a', 1)];
    expect(dropCodings(list, ['x'])).toBe(list);
  });
});
