// A JSON `"password"` field's value masked whatever it holds: a string, or a list of strings (the
// wrong-type case sends the password as `[password]`), at any depth of JSON quoted inside a JSON
// string. It is where a password always stands in this API, and the one place a secret too short
// to be masked in free text is masked (src/client/redact.ts). A scanner, not a regex: the end of a
// value quoted N times deep is told by the count of backslashes before a quote, in one pass.

/** The key, its quotes escaped by a run of backslashes (the depth), then the colon. */
const KEY = /(?<!\\)(\\*)"password\1"\s*:\s*/g;
const SPACE = /\s/;

/**
 * Where the string that starts at `from` ends: the index of its closing quote's backslashes, or -1
 * when it is not closed (a text cut inside it). At a depth whose quote is `escapes` backslashes and
 * `"`, a quote inside the value has 2 × escapes + 1 of them, and each backslash of the value
 * 2 × (escapes + 1): a quote closes when its run has escapes backslashes modulo 2 × (escapes + 1).
 */
function closingQuote(text: string, from: number, escapes: number): number {
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let run = 0;
    while (i - run - 1 >= from && text[i - run - 1] === '\\') run += 1;
    if (run % (2 * escapes + 2) === escapes) return i - escapes;
  }
  return -1;
}

/** The value at `start` masked, and where it ended; a value that is neither a string nor a list is left. */
function maskedValue(
  text: string,
  start: number,
  quote: string,
  mask: string,
): { shown: string; end: number } {
  const string = (at: number) => {
    const close = closingQuote(text, at + quote.length, quote.length - 1);
    // Cut inside the value: what is left of the text is the password's.
    return close < 0
      ? { shown: `${quote}${mask}`, end: text.length }
      : { shown: `${quote}${mask}${quote}`, end: close + quote.length };
  };
  if (text.startsWith(quote, start)) return string(start);
  if (text[start] !== '[') return { shown: '', end: start };
  let shown = '[';
  let at = start + 1;
  for (;;) {
    while (at < text.length && SPACE.test(text[at] as string)) shown += text[at++];
    if (!text.startsWith(quote, at)) break;
    const item = string(at);
    shown += item.shown;
    at = item.end;
    while (at < text.length && SPACE.test(text[at] as string)) shown += text[at++];
    if (text[at] !== ',') break;
    shown += ',';
    at += 1;
  }
  return { shown, end: at };
}

/** `text` with the value of every JSON `"password"` field replaced by `mask` (inside its quotes). */
export function maskPasswordFields(text: string, mask: string): string {
  if (!text.includes('password')) return text;
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let key = KEY.exec(text); key; key = KEY.exec(text)) {
    const start = key.index + key[0].length;
    const { shown, end } = maskedValue(text, start, `${key[1] ?? ''}"`, mask);
    out += text.slice(copied, start) + shown;
    copied = end;
    KEY.lastIndex = Math.max(end, start);
  }
  return out + text.slice(copied);
}
