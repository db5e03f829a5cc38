import { describe, expect, it } from '@jest/globals';
import { COLLAB_MESSAGE } from '@tolk/contracts';
import * as decoding from 'lib0/decoding';
import { renewalMessage } from './renewal-message';

describe('renewalMessage', () => {
  it('is what lib0 reads as varUint 100 and the token as a varString', () => {
    // Long enough that the length takes two varUint bytes; non-ASCII to count bytes, not characters.
    const token = `eyJ.${'å'.repeat(150)}.sig`;
    const decoder = decoding.createDecoder(renewalMessage(token));
    expect(decoding.readVarUint(decoder)).toBe(COLLAB_MESSAGE.renewToken);
    expect(decoding.readVarString(decoder)).toBe(token);
    expect(decoding.hasContent(decoder)).toBe(false);
  });
});
