// How the mock platform reads a send request's body (§1.2, D29, D30): UTF-8, exactly one JSON text
// with nothing after it (parseJsonBody: JSON.parse refuses both), and no object that names a member
// twice. JSON.parse keeps the last of two equal names without a word, while other readers keep the
// first (or a gateway checks one and the platform sends the other): such a body is refused, with
// where the name repeats, instead of being read one way of two.
import { type JsonLimits, type JsonParseResult, parseJsonBody } from '../../http/json-body.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One open object or list of the scan: the names an object has had, where a list is. */
interface Frame {
  /** Present for an object: the names of its members so far (after JSON unescaping). */
  names?: Set<string>;
  /** An object: whether the next string is a member name (after `{` or `,`), not a value. */
  expectName: boolean;
  /** The current member's name (an object) or item's index (a list), for the message. */
  name?: string;
  index: number;
}

/** The index of the quote that closes the string opened at `open` (the text is valid JSON). */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** `requestLists[0]`: where the innermost open container is, from the frames around it. */
function pathOf(stack: readonly Frame[]): string {
  let out = '';
  for (const frame of stack.slice(0, -1))
    out += frame.names ? `${out ? '.' : ''}${frame.name ?? ''}` : `[${frame.index}]`;
  return out || 'the top-level object';
}

/**
 * The first member name an object of `text` (valid JSON) repeats, and where: names are compared
 * after unescaping (`"\u0061ccount"` is `"account"`), as every JSON reader compares them.
 */
export function repeatedName(text: string): { at: string; name: string } | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (top?.names && top.expectName) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.names.has(name)) return { at: pathOf(stack), name };
        top.names.add(name);
        top.name = name;
        top.expectName = false;
      }
      i = end;
    } else if (c === 0x7b) stack.push({ names: new Set(), expectName: true, index: 0 });
    else if (c === 0x5b) stack.push({ expectName: false, index: 0 });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c && top) {
      if (top.names) top.expectName = true;
      else top.index += 1;
    }
  }
  return undefined;
}

/** The body as one JSON value, or why it is not one: not UTF-8, not JSON (trailing text too), a name twice. */
export function parseRequestBody(bytes: Buffer, limits: JsonLimits): JsonParseResult {
  const parsed = parseJsonBody(bytes, limits);
  if (!parsed.ok) return parsed;
  const twice = repeatedName(bytes.toString('utf8'));
  if (!twice) return parsed;
  return {
    ok: false,
    reason: `${twice.at} names ${JSON.stringify(twice.name)} twice; each name once (D29)`,
  };
}
