import { checkPassword } from './password-policy.js';

/** The body of the password thread (piscina loads this file): plain data in, a verdict out. */
export default function estimate({ password, person }: { password: string; person: { email: string; name: string } }) {
  return checkPassword(password, person);
}
