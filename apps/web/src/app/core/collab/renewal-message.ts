import { COLLAB_MESSAGE } from '@tolk/contracts';

/**
 * The in-band renewal (docs/api.md): varUint COLLAB_MESSAGE.renewToken, then
 * the token as a varString (varUint byte length, UTF-8), lib0's encoding.
 */
export function renewalMessage(token: string): Uint8Array {
  const bytes = new TextEncoder().encode(token);
  const out: number[] = [];
  const writeVarUint = (value: number): void => {
    let n = value;
    while (n > 0x7f) {
      out.push(0x80 | (n & 0x7f));
      n = Math.floor(n / 128);
    }
    out.push(n);
  };
  writeVarUint(COLLAB_MESSAGE.renewToken);
  writeVarUint(bytes.length);
  return Uint8Array.from([...out, ...bytes]);
}
