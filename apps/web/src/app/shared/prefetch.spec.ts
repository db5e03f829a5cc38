import { Prefetch } from './prefetch';

describe('Prefetch', () => {
  it('hands the answer started ahead to the first load for the same key, then asks afresh', async () => {
    const early = new Prefetch<string>();
    let asked = 0;
    const fetch = () => Promise.resolve(`answer ${++asked}`);
    early.start('doc-1', fetch);
    await expect(early.take('doc-1', fetch)).resolves.toBe('answer 1');
    await expect(early.take('doc-1', fetch)).resolves.toBe('answer 2');
    expect(asked).toBe(2);
  });

  it('asks afresh for another key, and drops the answer started for the first', async () => {
    const early = new Prefetch<string>();
    const fetch = (key: string) => () => Promise.resolve(key);
    early.start('doc-1', fetch('doc-1'));
    await expect(early.take('doc-2', fetch('doc-2'))).resolves.toBe('doc-2');
    await expect(early.take('doc-1', fetch('doc-1 again'))).resolves.toBe('doc-1 again');
  });

  it('passes a failure on to the load that takes it, and leaves none unhandled when nobody does', async () => {
    const early = new Prefetch<string>();
    early.start('doc-1', () => Promise.reject(new Error('403')));
    await expect(early.take('doc-1', () => Promise.resolve('fresh'))).rejects.toThrow('403');
    early.start('doc-2', () => Promise.reject(new Error('gone')));
    early.start('doc-3', () => Promise.resolve('kept'));
    await expect(early.take('doc-3', () => Promise.resolve('fresh'))).resolves.toBe('kept');
  });
});
