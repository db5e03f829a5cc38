import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { NORWEGIAN_WORDS } from './norwegian-words.js';

/**
 * zxcvbn's score (0–4) a new password must reach: 3 means about 10^8
 * guesses or more, "safely unguessable" for an online attack that rate
 * limits slow down, and out of reach of the common-password lists.
 */
export const MIN_PASSWORD_SCORE = 3;
/** Parts of the name or e-mail shorter than this are not looked for (initials, "li"). */
const MIN_PERSONAL_PART = 3;

/**
 * Only the first this many characters are estimated. zxcvbn's time grows
 * steeply with length (a 256-character l33t-heavy password took seconds),
 * and a password whose first 64 characters are hard to guess is hard to
 * guess whole.
 */
const ESTIMATED_LENGTH = 64;
/**
 * The l33t matcher tries every combination of substitutions up to this
 * count. zxcvbn's default (100) made a 24-character password with a few
 * symbols cost several hundred milliseconds; 10 still finds "p@ssw0rd".
 */
const L33T_SUBSTITUTIONS = 10;

/**
 * Built on the first check, not at start: ranking the dictionaries is a
 * noticeable share of the api's start (see bench:restart), and most starts
 * never see a new password. Checks run in a thread of their own
 * (`password-estimator.ts`), never on the event loop.
 */
let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, norwegian: [...NORWEGIAN_WORDS] },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: L33T_SUBSTITUTIONS,
  }));

export type PasswordVerdict =
  | { ok: true }
  | { ok: false; reason: 'password_contains_personal_data' }
  | { ok: false; reason: 'password_too_weak'; score: number };

/**
 * Whether a new password may be used: it must not contain the account's
 * e-mail address, its local part or a part of the name, and must be hard
 * to guess by zxcvbn's estimate (common passwords, English and Norwegian
 * words, keyboard patterns, dates, repeats, the person's own details).
 */
export function checkPassword(password: string, person: { email: string; name: string }): PasswordVerdict {
  const personal = personalParts(person);
  const folded = fold(password);
  if (personal.some((part) => folded.includes(part))) return { ok: false, reason: 'password_contains_personal_data' };
  const { score } = zxcvbn().check(password, personal);
  return score >= MIN_PASSWORD_SCORE ? { ok: true } : { ok: false, reason: 'password_too_weak', score };
}

function personalParts({ email, name }: { email: string; name: string }): string[] {
  const address = fold(email);
  const local = address.split('@')[0] ?? '';
  const parts = [address, local, ...local.split(/[^\p{L}\p{N}]+/u), fold(name).replace(/\s+/g, '')];
  parts.push(...fold(name).split(/[^\p{L}\p{N}]+/u));
  return [...new Set(parts.filter((part) => part.length >= MIN_PERSONAL_PART))];
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
