// Lengths as the schemas count them (D7): Unicode code points, as `[...text].length` counts them
// (a lone surrogate is one), without building the array: the hot paths (a violation's length, a
// template's values, every drawn string's fit) count long strings too.
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
