import { loadState } from './load-state';

/** A promise settled by hand, so the test decides which answer comes first. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('loadState', () => {
  it('goes loading → ready and shows the value', async () => {
    const state = loadState('ready');
    const shown: number[] = [];
    const answer = deferred<number>();
    const done = state.load(
      () => answer.promise,
      (n) => shown.push(n),
    );
    expect(state()).toBe('loading');
    answer.resolve(7);
    await expect(done).resolves.toBe(true);
    expect(state()).toBe('ready');
    expect(shown).toEqual([7]);
  });

  it('turns failed on an error, or the phase the page names for it', async () => {
    const state = loadState<'missing'>();
    await expect(
      state.load(
        () => Promise.reject(new Error('500')),
        () => undefined,
      ),
    ).resolves.toBe(false);
    expect(state()).toBe('failed');
    const notFound = Object.assign(new Error('404'), { status: 404 });
    await state.load(
      () => Promise.reject(notFound),
      () => undefined,
      { failure: (e) => ((e as { status?: number }).status === 404 ? 'missing' : 'failed') },
    );
    expect(state()).toBe('missing');
  });

  it('drops an answer that a later load overtook, whichever settles first', async () => {
    const state = loadState();
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const one = state.load(
      () => first.promise,
      (v) => shown.push(v),
    );
    const two = state.load(
      () => second.promise,
      (v) => shown.push(v),
    );
    second.resolve('new');
    await two;
    first.resolve('old');
    await expect(one).resolves.toBe(false);
    expect(shown).toEqual(['new']);
    expect(state()).toBe('ready');
  });

  it('does not turn failed when an overtaken load fails', async () => {
    const state = loadState();
    const first = deferred<string>();
    const one = state.load(
      () => first.promise,
      () => undefined,
    );
    await state.load(
      () => Promise.resolve('new'),
      () => undefined,
    );
    first.reject(new Error('late'));
    await one;
    expect(state()).toBe('ready');
  });

  it('keeps the phase during a quiet load, and reset drops what is still running', async () => {
    const state = loadState();
    await state.load(
      () => Promise.resolve(1),
      () => undefined,
    );
    const answer = deferred<number>();
    const shown: number[] = [];
    const more = state.load(
      () => answer.promise,
      (n) => shown.push(n),
      { quietly: true },
    );
    expect(state()).toBe('ready');
    state.reset();
    expect(state()).toBe('loading');
    answer.resolve(2);
    await expect(more).resolves.toBe(false);
    expect(shown).toEqual([]);
    expect(state()).toBe('loading');
  });
});
