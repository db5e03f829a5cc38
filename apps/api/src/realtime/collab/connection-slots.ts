/**
 * Open `/collab` connections per user, counted from the moment a connection
 * is let in (before anything is awaited) until it ends: check and count are
 * one synchronous step, so simultaneous connections of one account cannot
 * all pass the check.
 */
export class ConnectionSlots {
  private readonly taken = new Map<string, number>();

  constructor(private readonly limit: () => number) {}

  /** A slot for the user, or undefined when they hold the limit already. `release` may be called more than once. */
  reserve(userId: string): { release: () => void } | undefined {
    const held = this.taken.get(userId) ?? 0;
    if (held >= this.limit()) return undefined;
    this.taken.set(userId, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.taken.get(userId) ?? 1) - 1;
        if (left > 0) this.taken.set(userId, left);
        else this.taken.delete(userId);
      },
    };
  }

  held(userId: string): number {
    return this.taken.get(userId) ?? 0;
  }
}
