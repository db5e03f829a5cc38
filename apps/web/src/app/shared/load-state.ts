import { type Signal, signal } from '@angular/core';

/** Where a page or store is with the data it shows; `Extra` adds its own outcomes (`missing`, `forbidden` …). */
export type LoadPhase<Extra extends string = never> = 'loading' | 'ready' | 'failed' | Extra;

/** How one load goes. */
export interface LoadOptions<Extra extends string> {
  /** Keep showing what is there while it loads (a refresh, "show more"): the phase stays as it is. */
  quietly?: boolean;
  /** The phase a failure leaves (default `failed`): e.g. `missing` for a 404. */
  failure?: (error: unknown) => LoadPhase<Extra>;
}

/**
 * A load-state signal: read it like any signal (`state()` in a template),
 * and load through it, so every page and store handles loading, failure and
 * overtaken answers the same way:
 *
 *   protected readonly state = loadState<'missing'>();
 *   this.state.load(() => this.api.get(id), (found) => this.item.set(found), { failure: missingOn404 });
 *
 * A load that a later one (or `reset`) has overtaken shows nothing and
 * changes no phase: an old answer never replaces a newer one.
 */
export interface LoadState<Extra extends string = never> extends Signal<LoadPhase<Extra>> {
  /** Sets the phase by hand (an outcome the page decides itself). */
  set(phase: LoadPhase<Extra>): void;
  /**
   * Fetches, then shows the value and turns `ready`, unless a later load or
   * `reset` came first. Resolves true when the value was shown. A failure
   * leaves the `failure` phase (`failed`), never a rejection.
   */
  load<T>(fetch: () => Promise<T>, show: (value: T) => void, options?: LoadOptions<Extra>): Promise<boolean>;
  /** Back to `phase` (default `loading`); answers of loads still running are dropped. */
  reset(phase?: LoadPhase<Extra>): void;
}

export function loadState<Extra extends string = never>(initial: LoadPhase<Extra> = 'loading'): LoadState<Extra> {
  const phase = signal<LoadPhase<Extra>>(initial);
  let latest = 0;
  const state = phase.asReadonly() as LoadState<Extra>;
  state.set = (next) => phase.set(next);
  state.reset = (next = 'loading') => {
    latest++;
    phase.set(next);
  };
  state.load = async (fetch, show, options = {}) => {
    const mine = ++latest;
    if (!options.quietly) phase.set('loading');
    try {
      const value = await fetch();
      if (mine !== latest) return false;
      show(value);
      phase.set('ready');
      return true;
    } catch (error) {
      if (mine === latest) phase.set(options.failure ? options.failure(error) : 'failed');
      return false;
    }
  };
  return state;
}
