// codePointLength counts what `[...text].length` counts (D7's unit), lone surrogates included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../src/schema/length.js';

describe('codePointLength', () => {
  it('counts as [...text].length does, for any UTF-16 text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)) }),
        (a, surrogates) => {
          for (const text of [a, surrogates, a + surrogates])
            expect(codePointLength(text)).toBe([...text].length);
        },
      ),
      { numRuns: 500, seed: 5 },
    );
  });

  it('counts a pair as one and a lone surrogate as one', () => {
    expect(codePointLength('【华为】\u{1F600}')).toBe(5);
    expect(codePointLength('\uD83D')).toBe(1);
    expect(codePointLength('\uDE00\uD83D')).toBe(2);
    expect(codePointLength('')).toBe(0);
  });
});
