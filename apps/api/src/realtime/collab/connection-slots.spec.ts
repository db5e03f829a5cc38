import { describe, expect, it } from '@jest/globals';
import { ConnectionSlots } from './connection-slots.js';

describe('ConnectionSlots', () => {
  it('gives out the limit per user, and a released slot once only', () => {
    const slots = new ConnectionSlots(() => 2);
    const a = slots.reserve('u1');
    const b = slots.reserve('u1');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(slots.reserve('u1')).toBeUndefined();
    expect(slots.reserve('u2')).toBeDefined();
    a?.release();
    a?.release();
    expect(slots.held('u1')).toBe(1);
    expect(slots.reserve('u1')).toBeDefined();
    expect(slots.reserve('u1')).toBeUndefined();
  });
});
