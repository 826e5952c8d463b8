// Every form a reflecting target can give a secret in text, and an independent leak finder that
// decodes those forms back (it shares no code with src/client/redact.ts, which matches them).

/** Each character as \uXXXX (every UTF-16 unit), in the hex case given. */
export function unicodeEscapeAll(s: string, upper = false): string {
  return [...s]
    .flatMap((ch) => (ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [ch.charCodeAt(0)]))
    .map((u) => {
      const hex = u.toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

/** JSON string content with only non-ASCII escaped (as PHP's json_encode and Jackson's ESCAPE_NON_ASCII do). */
export function jsonNonAscii(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function base64At(s: string, offset: number, url = false): string {
  const bytes = Buffer.concat([
    Buffer.from('xyz'.slice(0, offset)),
    Buffer.from(s, 'utf8'),
    Buffer.from('!'),
  ]);
  return bytes.toString(url ? 'base64url' : 'base64');
}

export function htmlEntities(s: string): string {
  return [...s].map((ch) => `&#${ch.codePointAt(0)};`).join('');
}

/** The named forms, each a function of the secret. */
export const ENCODINGS: Record<string, (s: string) => string> = {
  raw: (s) => s,
  json: (s) => JSON.stringify(s).slice(1, -1),
  'json-non-ascii': jsonNonAscii,
  'json-in-json': (s) => JSON.stringify(JSON.stringify(s)).slice(1, -1),
  'unicode-all-lower': (s) => unicodeEscapeAll(s),
  'unicode-all-upper': (s) => unicodeEscapeAll(s, true),
  'unicode-in-json': (s) => JSON.stringify(unicodeEscapeAll(s)).slice(1, -1),
  'unicode-of-json': (s) => unicodeEscapeAll(JSON.stringify(s).slice(1, -1), true),
  'url-upper': (s) => encodeURIComponent(s),
  'url-lower': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  'url-form': (s) => new URLSearchParams({ p: s }).toString().slice(2),
  'url-twice': (s) => encodeURIComponent(encodeURIComponent(s)),
  'url-of-json': (s) => encodeURIComponent(JSON.stringify(s).slice(1, -1)),
  'url-of-unicode-escapes': (s) => encodeURIComponent(unicodeEscapeAll(s)),
  'html-entities': htmlEntities,
  'html-of-json': (s) =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;'),
  base64: (s) => base64At(s, 0),
  'base64-offset-1': (s) => base64At(s, 1),
  'base64-offset-2': (s) => base64At(s, 2),
  base64url: (s) => base64At(s, 1, true),
  'base64-of-json-escaped': (s) => Buffer.from(`{"p":"${unicodeEscapeAll(s)}"}`).toString('base64'),
};

function jsonUnescape(text: string): string {
  let out = text;
  for (let i = 0; i < 4; i++) {
    const next = out
      .replace(/\\+u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      .replace(
        /\\+(["\\/bfnrt])/g,
        (_, c: string) => ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })[c] ?? c,
      );
    if (next === out) break;
    out = next;
  }
  return out;
}

function urlDecode(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const next = out
      .replace(/%u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      .replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => Buffer.from(m.replace(/%/g, ''), 'hex').toString('utf8'));
    if (next === out) break;
    out = next;
  }
  return out;
}

function htmlDecode(text: string): string {
  return text
    .replace(/&#[xX]([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function base64Decodings(text: string): string[] {
  const out: string[] = [];
  // A piece of 8 characters is at least 8 bytes: 11 base64 characters or more.
  for (const run of text.replace(/\\\//g, '/').match(/[A-Za-z0-9+/_-]{11,}/g) ?? []) {
    for (let offset = 0; offset < 4; offset++)
      out.push(Buffer.from(run.slice(offset), 'base64').toString('utf8'));
  }
  return out;
}

/** The pieces of `secret` (of `size` characters, or the whole secret if shorter). */
export function piecesOf(secret: string, size = 4): string[] {
  const chars = [...secret];
  if (chars.length <= size) return [secret];
  const out = new Set<string>();
  for (let i = 0; i + size <= chars.length; i++) out.add(chars.slice(i, i + size).join(''));
  return [...out];
}

/**
 * Every piece of the secret (4 characters or longer) found in the text in any decoded form. Inside
 * decoded base64 (random bytes) only pieces of 8 characters count, so that chance stays negligible.
 */
export function leaksOf(text: string, secret: string): string[] {
  const plain = [text, jsonUnescape(text), urlDecode(text), htmlDecode(text)];
  const views = [...plain, ...plain.map((v) => jsonUnescape(urlDecode(htmlDecode(v))))];
  const found = new Set<string>();
  for (const v of views) for (const p of piecesOf(secret, 4)) if (v.includes(p)) found.add(p);
  for (const v of plain.flatMap(base64Decodings)) {
    for (const d of [v, jsonUnescape(v), urlDecode(v)])
      for (const p of piecesOf(secret, 8)) if (d.includes(p)) found.add(`base64:${p}`);
  }
  return [...found];
}
