// A request body as bytes on the wire, with every value a JSON reader could make of them (its
// readings): the guard checks each reading and the budget reserves and counts the costliest, so a
// body that readers disagree on can deliver only to the profile's numbers, and is counted as if
// the platform accepted it whichever way it read it. Bodies are made only by the builders here,
// each from a request and one known change, so the readings are all there are:
//   styled     the same value as another serializer writes it (whitespace, \u escapes, member order)
//   twice      one member name given twice, with two values (first wins, or last)
//   trailing   text after the JSON value (a reader that stops after the value)
//   reEncoded  one string in another encoding's bytes (a reader that replaces what is not UTF-8)
import type { Json } from '../../schema/instances.js';
import type { PathSegment } from '../../schema/navigate.js';

export const JSON_STYLES = ['compact', 'python', 'pretty'] as const;
export type JsonStyle = (typeof JSON_STYLES)[number];
export const MEMBER_ORDERS = ['as-built', 'sorted', 'reversed'] as const;
export type MemberOrder = (typeof MEMBER_ORDERS)[number];

type JsonObject = { [key: string]: Json };

/** Every UTF-16 unit past ASCII as \uXXXX, as Python's json.dumps writes it (ensure_ascii). */
function asciiOnly(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python's json.dumps with its defaults: ", " and ": " between tokens, ASCII only. */
function pythonDumps(value: Json): string {
  if (value === null || typeof value !== 'object') return asciiOnly(JSON.stringify(value));
  if (Array.isArray(value)) return `[${value.map(pythonDumps).join(', ')}]`;
  const members = Object.entries(value).map(([k, v]) => `${asciiOnly(JSON.stringify(k))}: ${pythonDumps(v)}`);
  return `{${members.join(', ')}}`;
}

function reordered(value: Json, order: MemberOrder): Json {
  if (value === null || typeof value !== 'object' || order === 'as-built') return value;
  if (Array.isArray(value)) return value.map((v) => reordered(v, order));
  const keys = Object.keys(value);
  const ordered = order === 'sorted' ? [...keys].sort() : [...keys].reverse();
  return Object.fromEntries(ordered.map((k) => [k, reordered(value[k] as Json, order)]));
}

function written(value: Json, style: JsonStyle): string {
  if (style === 'python') return pythonDumps(value);
  // JSON.stringify's indentation and the newline a file ends in: whitespace after the value is
  // still one JSON text.
  if (style === 'pretty') return `${JSON.stringify(value, null, 2)}\n`;
  return JSON.stringify(value);
}

/** `value` with `x` at `path` (a copy). */
function setAt(value: JsonObject, path: readonly PathSegment[], x: Json): JsonObject {
  const root = structuredClone(value);
  let at: Json = root;
  for (const seg of path.slice(0, -1)) at = (at as Record<string | number, Json>)[seg] as Json;
  (at as Record<string | number, Json>)[path[path.length - 1] as string | number] = x;
  return root;
}

function readAt(value: Json, path: readonly PathSegment[]): Json | undefined {
  let at: Json | undefined = value;
  for (const seg of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, Json>)[seg];
  }
  return at;
}

/** JSON text of `value` with `name` given again, as `again`, right after it in the object at `at`. */
function withNameTwice(value: Json, at: readonly PathSegment[], name: string, again: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const [head, ...rest] = at;
  if (Array.isArray(value))
    return `[${value.map((v, i) => (i === head ? withNameTwice(v, rest, name, again) : JSON.stringify(v))).join(',')}]`;
  const members = Object.entries(value).map(([k, v]) => {
    if (at.length > 0)
      return `${JSON.stringify(k)}:${k === head ? withNameTwice(v, rest, name, again) : JSON.stringify(v)}`;
    const member = `${JSON.stringify(k)}:${JSON.stringify(v)}`;
    return k === name ? `${member},${JSON.stringify(k)}:${JSON.stringify(again)}` : member;
  });
  return `{${members.join(',')}}`;
}

export class WireBody {
  private constructor(
    /** What goes on the wire. */
    readonly wire: string | Uint8Array,
    /** What a reader may make of it, the intended request first. */
    readonly readings: readonly [Json, ...Json[]],
    /** How it was written, in words for a report. */
    readonly how: string,
  ) {}

  /** The same request as another serializer writes it: one reading. */
  static styled(value: JsonObject, style: JsonStyle, order: MemberOrder = 'as-built'): WireBody {
    const how = `${style === 'python' ? "as Python's json.dumps writes it" : style}${order === 'as-built' ? '' : `, members ${order}`}`;
    return new WireBody(written(reordered(value, order), style), [value], how);
  }

  /** The member `name` of the object at `at` given twice, its own value then `again`. */
  static twice(value: JsonObject, at: readonly PathSegment[], name: string, again: Json): WireBody {
    if (readAt(value, [...at, name]) === undefined) throw new Error(`no ${name} to give twice`);
    const last = setAt(value, [...at, name], again);
    return new WireBody(withNameTwice(value, at, name, again), [value, last], `${name} given twice`);
  }

  /** The request followed by `tail` (no digit in it: nothing a reader could take for a number). */
  static trailing(value: JsonObject, tail: string): WireBody {
    if (/[0-9]/.test(tail)) throw new Error('a trailing text with digits');
    return new WireBody(`${JSON.stringify(value)}${tail}`, [value], `followed by ${JSON.stringify(tail)}`);
  }

  /**
   * The string at `at` written as `bytes` (another encoding's) in a body otherwise UTF-8; a reader
   * that replaces what is not UTF-8 reads `lossy` there.
   */
  static reEncoded(
    value: JsonObject,
    at: readonly PathSegment[],
    bytes: Uint8Array,
    lossy: string,
  ): WireBody {
    const mark = '\u0000KIT-BYTES\u0000';
    const text = JSON.stringify(setAt(value, at, mark));
    const [before, after] = text.split(JSON.stringify(mark).slice(1, -1));
    if (before === undefined || after === undefined) throw new Error('the marked string is not in the body');
    const wire = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bytes), Buffer.from(after, 'utf8')]);
    return new WireBody(wire, [setAt(value, at, lossy)], 'a string in other bytes than UTF-8');
  }
}
