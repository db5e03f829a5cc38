/**
 * An answer asked for ahead of time (while the page is still waiting for
 * something else), handed once to the first load that needs it for the same
 * key; any other load asks afresh.
 */
export class Prefetch<T> {
  private pending: { key: string; answer: Promise<T> } | null = null;

  start(key: string, fetch: () => Promise<T>): void {
    const answer = fetch();
    // A failure is reported to whoever takes the answer; one nobody takes is dropped quietly.
    answer.catch(() => undefined);
    this.pending = { key, answer };
  }

  /** The answer started for `key` (once), or `fetch()`. */
  take(key: string, fetch: () => Promise<T>): Promise<T> {
    const pending = this.pending;
    this.pending = null;
    return pending?.key === key ? pending.answer : fetch();
  }
}
