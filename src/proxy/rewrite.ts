// The one change the proxy makes to what passes through: the string value of a send request's
// top-level `statusCallback` is replaced in the JSON text itself, so every other byte (key order,
// spacing, escapes) reaches the platform as the customer wrote it.

const WS = new Set([' ', '\t', '\n', '\r']);

/** Index just past the string token that opens at `i` (a `"`). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j += 2;
    else if (c === 0x22) return j + 1;
    else j++;
  }
  return j;
}

function skipWs(text: string, i: number): number {
  let j = i;
  while (j < text.length && WS.has(text[j] as string)) j++;
  return j;
}

/** Where the string values of `key` in the top-level object of a valid JSON text are: [start, end) of each token. */
export function topLevelStringValueSpans(text: string, key: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && expectKey) {
        expectKey = false;
        const name = JSON.parse(text.slice(i, end)) as string;
        const value = skipWs(text, skipWs(text, end) + 1);
        if (name === key && text[value] === '"') {
          const valueEnd = stringEnd(text, value);
          spans.push([value, valueEnd]);
          i = valueEnd;
        } else {
          i = value;
        }
        continue;
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = c === '{';
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return spans;
}

/** `text` with every top-level string `key` value replaced by `value` (as a JSON string). */
export function replaceTopLevelString(text: string, key: string, value: string): string {
  const spans = topLevelStringValueSpans(text, key);
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + JSON.stringify(value);
    from = end;
  }
  return out + text.slice(from);
}
