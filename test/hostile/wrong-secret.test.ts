// A wrong password never tells anything of the real ones (issue 9 item 2): no shared character at
// all, another length where it can be, and different on each call (it is drawn, not derived).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unrelatedSecret } from '../../src/client/wrong-secret.js';

describe('unrelatedSecret', () => {
  it('shares no character with any secret, and has another length (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), {
          minLength: 1,
          maxLength: 3,
        }),
        (secrets) => {
          const wrong = unrelatedSecret(secrets);
          const used = new Set(secrets.flatMap((s) => [...s]));
          expect([...wrong].filter((c) => used.has(c))).toEqual([]);
          expect(secrets.map((s) => [...s].length)).not.toContain([...wrong].length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a length when asked (a limit case), and still shares nothing', () => {
    const wrong = unrelatedSecret(['abcdefghijklmnopqrstuvwxyz0123456789'], 101);
    expect([...wrong]).toHaveLength(101);
    expect(/[a-z0-9]/.test(wrong)).toBe(false);
  });

  it('is not of any secret length, however many there are', () => {
    const secrets = ['a'.repeat(12), 'b'.repeat(13), 'c'.repeat(14)];
    expect([...unrelatedSecret(secrets)]).toHaveLength(15);
  });

  it('is drawn anew each time', () => {
    expect(new Set(Array.from({ length: 20 }, () => unrelatedSecret(['s3cret']))).size).toBeGreaterThan(1);
  });
});
