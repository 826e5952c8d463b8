// Strict UTF-8 decoding of the bodies the kit receives (D22): valid text passes as it is; GBK, a
// truncated sequence, an overlong form or a surrogate is located, shown in hex, and the text is
// still given with replacement characters for display.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, describeInvalidUtf8, firstInvalidUtf8 } from '../src/http/utf8.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeUtf8', () => {
  it('gives valid UTF-8 back as it is, with no mark', () => {
    const text = '{"resultDesc":"成功 😀"}';
    expect(decodeUtf8(Buffer.from(text))).toEqual({ text });
  });

  it('locates a GBK resultDesc under charset=UTF-8 and shows the bytes around it', () => {
    const body = Buffer.concat([
      Buffer.from('{"resultDesc":"'),
      bytes(0xb3, 0xc9, 0xb9, 0xa6),
      Buffer.from('"}'),
    ]);
    const decoded = decodeUtf8(body);
    expect(decoded.invalidUtf8).toEqual({ offset: 15, bytes: '63 22 3a 22 [b3] c9 b9 a6 22 7d' });
    expect(describeInvalidUtf8(decoded.invalidUtf8 as NonNullable<typeof decoded.invalidUtf8>)).toBe(
      'not UTF-8 at byte 15: 63 22 3a 22 [b3] c9 b9 a6 22 7d',
    );
    expect(decoded.text).toContain('\uFFFD');
  });

  it.each([
    ['a lead byte at the end', bytes(0x41, 0xe6, 0x88), 1],
    ['an overlong slash', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a surrogate', bytes(0x41, 0xed, 0xa0, 0x80), 1],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a stray continuation byte', bytes(0x41, 0x42, 0x80), 2],
  ])('finds %s', (_name, input, offset) => {
    expect(firstInvalidUtf8(input)).toBe(offset);
    expect(decodeUtf8(input).invalidUtf8?.offset).toBe(offset);
  });

  it('agrees with a fatal TextDecoder on any bytes', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (input) => {
        let valid = true;
        try {
          fatal.decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(input) === -1).toBe(valid);
        expect(decodeUtf8(input).invalidUtf8 === undefined).toBe(valid);
      }),
      { numRuns: 2_000 },
    );
  });
});
