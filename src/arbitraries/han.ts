// Chinese text, as senders fill templates with it: names, places, words. Only CJK Unified
// Ideographs of the original block (U+4E00–U+9FA5): every one is in GBK and in UCS-2, so any
// Chinese SMS channel carries it and no platform can refuse one for its encoding. Text is fitted
// to a length in UTF-8 bytes (3 per ideograph), so it is within a limit however the limit is
// counted, code points, UTF-16 units or bytes (D7), and a verdict on it does not depend on the unit.
import fc from 'fast-check';

export const HAN_FIRST = 0x4e00;
export const HAN_LAST = 0x9fa5;
/** UTF-8 bytes of one ideograph of the block. */
export const HAN_BYTES = 3;

/** Common names, places and words, as real template values hold them. */
export const CHINESE_WORDS: readonly string[] = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '欧阳娜娜',
  '北京',
  '上海市',
  '广州',
  '深圳',
  '杭州西湖区',
  '成都',
  '南京路',
  '中关村大街',
  '快递',
  '验证码',
  '会议室',
  '明天上午',
];

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** `text` cut, code point by code point, to at most `maxBytes` bytes of UTF-8. */
export function fitUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

const ideograph = fc.integer({ min: HAN_FIRST, max: HAN_LAST }).map((c) => String.fromCodePoint(c));

/**
 * Chinese text of at least one ideograph and at most `maxBytes` bytes of UTF-8: a common word
 * that fits, or ideographs drawn from the block. Undefined when not one ideograph fits.
 */
export function hanText(maxBytes: number): fc.Arbitrary<string> | undefined {
  const most = Math.floor(maxBytes / HAN_BYTES);
  if (most < 1) return undefined;
  const drawn = fc.string({ unit: ideograph, minLength: 1, maxLength: most });
  const words = CHINESE_WORDS.filter((w) => utf8Length(w) <= maxBytes);
  return words.length > 0
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...words) }, { weight: 2, arbitrary: drawn })
    : drawn;
}
