import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ResolveSchedule } from './resolve-schedule';

describe('ResolveSchedule (when the stores resolve anchors while someone types)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves once typing pauses for the quiet time', () => {
    const schedule = new ResolveSchedule(250, 1000);
    schedule.changed();
    jest.advanceTimersByTime(100);
    schedule.changed();
    jest.advanceTimersByTime(249);
    expect(schedule.version()).toBe(0);
    jest.advanceTimersByTime(1);
    expect(schedule.version()).toBe(1);
  });

  it('resolves at least every max wait while typing goes on', () => {
    const schedule = new ResolveSchedule(250, 1000);
    for (let ms = 0; ms < 1000; ms += 100) {
      schedule.changed();
      jest.advanceTimersByTime(100);
    }
    expect(schedule.version()).toBe(1);
  });

  it('flush resolves at once only if the text changed, and stop forgets a pending change', () => {
    const schedule = new ResolveSchedule();
    schedule.flush();
    expect(schedule.version()).toBe(0);
    schedule.changed();
    schedule.flush();
    expect(schedule.version()).toBe(1);
    jest.advanceTimersByTime(2000);
    expect(schedule.version()).toBe(1);
    schedule.changed();
    schedule.stop();
    jest.advanceTimersByTime(2000);
    expect(schedule.version()).toBe(1);
  });
});
