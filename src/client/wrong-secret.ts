// A wrong password that tells nothing about the real ones: random characters drawn only from those
// no real secret uses, so it shares not even one character with them (no variation of a secret is
// ever sent, and a target that reflects it leaks nothing), and of another length where it can be.
import { randomInt } from 'node:crypto';
import { codePointLength } from '../schema/length.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Used only when the secrets hold every character of ALPHABET. */
const SPARE = 'ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğ';

/** Random characters of `length` (or, without one, 12 or more: not a real secret's length). */
export function unrelatedSecret(secrets: readonly string[], length?: number): string {
  const used = new Set(secrets.flatMap((s) => [...s]));
  let pool = [...ALPHABET].filter((c) => !used.has(c));
  if (pool.length < 8) pool = [...SPARE].filter((c) => !used.has(c));
  const lengths = new Set(secrets.map(codePointLength));
  let n = length ?? 12;
  while (length === undefined && lengths.has(n)) n += 1;
  return Array.from({ length: n }, () => pool[randomInt(pool.length)]).join('');
}
