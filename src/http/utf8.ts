// Decoding a body the kit received (an answer, a push) strictly as UTF-8 (§1.2, §1.5: every message
// is UTF-8 JSON). Decoding with replacement would let a GBK resultDesc under charset=UTF-8 pass
// unseen; here the text is still given (lossy, for display and for the other checks), and where
// the bytes are not UTF-8 the first bad sequence is located and shown as hex.

/** Where a body stops being UTF-8: the offset of the first bad byte and the bytes around it. */
export interface InvalidUtf8 {
  /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  offset: number;
  /** Up to 4 bytes before and 8 from the offset, hex, the first bad byte in brackets: `22 [b3] c9 b9`. */
  bytes: string;
}

export interface DecodedBody {
  /** The text; where the bytes are not UTF-8, with U+FFFD in their place. */
  text: string;
  /** Present only when the bytes are not valid UTF-8. */
  invalidUtf8?: InvalidUtf8;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

const BEFORE = 4;
const AFTER = 8;

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function hexAround(bytes: Uint8Array, offset: number): string {
  const from = Math.max(0, offset - BEFORE);
  const to = Math.min(bytes.length, offset + AFTER);
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const hex = (bytes[i] as number).toString(16).padStart(2, '0');
    out.push(i === offset ? `[${hex}]` : hex);
  }
  return out.join(' ');
}

/** Decodes strictly; a body that is not UTF-8 comes back with its lossy text and where it breaks. */
export function decodeUtf8(bytes: Uint8Array): DecodedBody {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      text: lossy.decode(bytes),
      invalidUtf8: { offset: Math.max(offset, 0), bytes: hexAround(bytes, Math.max(offset, 0)) },
    };
  }
}

/** One line for a report: `not UTF-8 at byte 23: 22 [b3] c9 b9 a6 22 7d`. */
export function describeInvalidUtf8(invalid: InvalidUtf8): string {
  return `not UTF-8 at byte ${invalid.offset}: ${invalid.bytes}`;
}
