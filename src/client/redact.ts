// The kit never prints or stores a password: every recorded body, URL, header and message goes
// through a Redactor that knows the run's secrets. A target may reflect a request in any form, so
// a secret is matched character by character, each character in any of the forms text can give
// it (raw, JSON escapes at any depth, \uXXXX, %XX, HTML entities), and inside base64 at any
// offset. Each form is a named rule (REDACTION_RULES): a test removes each one in turn and
// expects a leak, so none of them is dead weight. A secret too short or too plain to be told from
// the text around it (maskableInFreeText) is masked only where it is structured: a JSON
// `"password"` field, a credential header.
import { maskPasswordFields } from './password-field.js';

export const REDACTED = '***';

/**
 * The fewest characters, and different characters, a secret needs to be masked wherever it stands
 * in text. A shorter one ('e', 'json', 'UTF-8') stands inside the words, header values and numbers
 * of every exchange: masking it there mangles what the output says (`countere***ample`, `charset=***`)
 * and tells a reader which letters the password is made of. Eight is the least GitLab masks in a CI
 * log and the least NIST SP 800-63B (rev. 3) allows a memorised secret; a secret of three different
 * characters or fewer ('00000000', 'abababab') stands in this traffic's zero-padded numbers and
 * digit-filled template values however long it is.
 */
export const FREE_TEXT_MIN_LENGTH = 8;
export const FREE_TEXT_MIN_DISTINCT = 4;

/** Whether a secret is long and varied enough to be masked wherever it stands in text (in code points). */
export function maskableInFreeText(secret: string): boolean {
  const chars = [...secret];
  return chars.length >= FREE_TEXT_MIN_LENGTH && new Set(chars).size >= FREE_TEXT_MIN_DISTINCT;
}

export type RedactionRule =
  /** The secret as it is. */
  | 'raw'
  /** `\"`, `\\`, `\/`, `\n`…: JSON's short escapes, at any nesting depth (a body quoted in a string). */
  | 'json-escape'
  /** `\u00e9`, `\U00E9` of any character (a target may escape non-ASCII, or every character). */
  | 'unicode-escape'
  /** `%C3%A9`, `%c3%a9`, `+` for a space: URL / form encoding. */
  | 'url-encoded'
  /** `&#233;`, `&#xE9;`, `&quot;`: an HTML page that quotes the request. */
  | 'html-entity'
  /** The secret's bytes inside a base64 or base64url string, at any offset. */
  | 'base64'
  /** Longer secrets first, so a secret that contains another is masked whole. */
  | 'longest-first'
  /** A JSON `"password"` value, a string or a list of strings, whatever it holds (a wrong password too). */
  | 'password-field'
  /** The `authorization` headers' values. */
  | 'authorization-header'
  /** The `cookie` and `set-cookie` headers' values. */
  | 'cookie-header';

export const REDACTION_RULES: readonly RedactionRule[] = [
  'raw',
  'json-escape',
  'unicode-escape',
  'url-encoded',
  'html-entity',
  'base64',
  'longest-first',
  'password-field',
  'authorization-header',
  'cookie-header',
];

const JSON_SHORT: Record<string, string> = {
  '"': '"',
  '\\': '\\\\',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};
const HTML_NAMED: Record<string, string[]> = {
  '"': ['quot'],
  '&': ['amp'],
  '<': ['lt'],
  '>': ['gt'],
  "'": ['apos'],
  ' ': ['nbsp'],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `e9` → `[eE]9`: hex digits in either case. */
function hexPattern(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/** The forms of one character without a JSON escape: as it is, %XX, HTML entities (each by its rule). */
function plainForms(ch: string, rules: ReadonlySet<RedactionRule>, raw = rules.has('raw')): string[] {
  const forms: string[] = [];
  const cp = ch.codePointAt(0) as number;
  if (raw) forms.push(escapeRegExp(ch));
  if (rules.has('url-encoded')) {
    const bytes = [...Buffer.from(ch, 'utf8')];
    // %XX per UTF-8 byte, possibly encoded again (%25XX); %uXXXX (JavaScript's escape()).
    forms.push(bytes.map((b) => `%(?:25)*${hexPattern(b, 2)}`).join(''));
    if (cp <= 0xffff) forms.push(`%(?:25)*[uU]${hexPattern(cp, 4)}`);
    if (ch === ' ') forms.push('\\+');
  }
  if (rules.has('html-entity')) {
    forms.push(`&#0*${cp};`, `&#[xX]0*${hexPattern(cp, 1)};`);
    for (const name of HTML_NAMED[ch] ?? []) forms.push(`&${name};`);
  }
  return forms;
}

/** One backslash: as it is, URL-encoded or an HTML entity (by their rules). */
function backslashUnit(rules: ReadonlySet<RedactionRule>): string {
  return `(?:${plainForms('\\', rules, true).join('|')})`;
}

/**
 * The run of backslashes that starts an escape: one or more (an escape inside a string inside a
 * JSON string). Linear on any run a hostile body may hold: no nested quantifiers, nothing after
 * the run that could take backslashes too, and at the start of a secret (`first`) a run is taken
 * only from its beginning (the lookbehind), so it is not tried again from every position inside it.
 */
function backslashes(rules: ReadonlySet<RedactionRule>, first: boolean): string {
  const guard = first ? '(?<!\\\\|%5[cC]|&#0*92;|&#[xX]0*5[cC];|[uU]005[cC])' : '';
  return `${guard}${backslashUnit(rules)}+`;
}

/** A hex digit inside an escape sequence: as it is, in any plain form, or \u-escaped itself. */
function escapedDigit(c: string, rules: ReadonlySet<RedactionRule>): string {
  const cases = /[a-f]/i.test(c) ? [c.toLowerCase(), c.toUpperCase()] : [c];
  const forms = cases.flatMap((x) => plainForms(x, rules, true));
  if (rules.has('unicode-escape'))
    forms.push(...cases.map((x) => `${backslashUnit(rules)}+[uU]${hexPattern(x.charCodeAt(0), 4)}`));
  return `(?:${forms.join('|')})`;
}

/**
 * What follows the run of backslashes when the escaped character is `c`: `c` in a plain form, or,
 * when the run's last backslash was itself \u-escaped (`\\u005c`), `c` \u-escaped after it.
 */
function afterRun(c: string, rules: ReadonlySet<RedactionRule>): string {
  const forms = plainForms(c, rules, true);
  if (rules.has('unicode-escape')) {
    const hex = hexPattern(c.charCodeAt(0), 4);
    // \\u005c, then more escaped backslashes (deeper escaping), then `c` \u-escaped or plain.
    const chain = `[uU]005[cC](?:${backslashUnit(rules)}+[uU]005[cC])*`;
    forms.push(`${chain}${backslashUnit(rules)}+[uU]${hex}`, `${chain}${escapeRegExp(c)}`);
  }
  return `(?:${forms.join('|')})`;
}

/** Every form one character (one code point) of a secret can take in text, as a regex alternation. */
function charPattern(ch: string, rules: ReadonlySet<RedactionRule>, first = false): string {
  const forms = plainForms(ch, rules);
  const cp = ch.codePointAt(0) as number;
  const bs = backslashes(rules, first);
  if (rules.has('json-escape') && ch in JSON_SHORT) {
    const short = JSON_SHORT[ch] as string;
    // A backslash escaped at several depths in \u form is a chain of `\\u005c`s.
    const chain = rules.has('unicode-escape')
      ? `(?:[uU]005[cC](?:${backslashUnit(rules)}+[uU]005[cC])*)?`
      : '';
    forms.push(ch === '\\' ? `${bs}${chain}` : `${bs}${afterRun(short, rules)}`);
  }
  if (rules.has('unicode-escape')) {
    const units = ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [cp];
    const hex = (u: number) =>
      [...u.toString(16).padStart(4, '0')].map((d) => escapedDigit(d, rules)).join('');
    // After the run: `u` and the digits; or the run ended in an escaped backslash, then `u` plain
    // or escaped. A surrogate pair's second \u follows the first's digits directly.
    const unicodeForm = (u: number, run: string) =>
      `${run}(?:[uU]|[uU]005[cC](?:${backslashUnit(rules)}+[uU]005[cC])*(?:[uU]|${backslashUnit(rules)}+[uU]00(?:75|55)))${hex(u)}`;
    forms.push(units.map((u, k) => unicodeForm(u, k === 0 ? bs : `${backslashUnit(rules)}+`)).join(''));
  }
  return forms.length > 0 ? `(?:${forms.join('|')})` : '(?!)';
}

function secretPattern(secret: string, rules: ReadonlySet<RedactionRule>): string {
  return [...secret].map((ch, i) => charPattern(ch, rules, i === 0)).join('');
}

/** A base64 or base64url run, with `/` possibly JSON-escaped (`\/`) or URL-encoded (%2F, %2B, %3D). */
const BASE64_RUN = /(?:[A-Za-z0-9+_-]|(?<!\\)\\*\/|%2[BbFf]|%3[Dd]|=)+/g;

/**
 * What every form of a character other than itself holds (charPattern, plainForms): an escape's
 * backslash, %XX, an entity's &, and + for a space (so + only counts where a secret has a space).
 * In a text with none of them, the secrets' pattern can match only a secret as it is: most texts
 * (JSON bodies, header values) are masked with the raw secrets alone, instead of the pattern's
 * dozens of alternatives at every position.
 */
const ENCODING_MARKS = /[\\%&]/;
const ENCODING_MARKS_WITH_PLUS = /[\\%&+]/;
/** The bytes of the marks, looked for in decoded base64 before it is made text. */
const ENCODING_MARK_BYTES = [0x5c, 0x25, 0x26];
const PLUS = 0x2b;

/** How many clean base64 runs (and clean short texts) a Redactor remembers; past it, it starts over. */
const CLEAR_RUNS_KEPT = 10_000;
/** Only runs and texts up to this length are remembered: 10,000 of each take ~2 MB. */
const CLEAR_RUN_MAX_LENGTH = 100;

/**
 * V8 runs a new regex in its bytecode interpreter first and compiles it to machine code once it is
 * hot, or at once when its subject has 1,000 characters or more. For the secrets' patterns (thousands
 * of characters of alternations) making the bytecode costs about five times the machine code (a
 * pattern of two 6-character secrets: 20 + 4 ms against 4 ms): each is run once on such a subject
 * before its first use (Redactor.ready).
 */
const NATIVE_SUBJECT = ' '.repeat(1000);

/**
 * How many characters of a secret's beginning a tail (a secret cut off) holds at least, and the
 * prefix pattern looks for: two (a secret masked in free text has eight or more).
 */
const HEAD_LENGTH = 2;

/** Keeps a short string found clean in `seen`, which starts over once it holds CLEAR_RUNS_KEPT. */
function rememberClean(seen: Set<string>, text: string): void {
  if (text.length > CLEAR_RUN_MAX_LENGTH) return;
  if (seen.size >= CLEAR_RUNS_KEPT) seen.clear();
  seen.add(text);
}

export class Redactor {
  /** The secrets masked in free text (maskableInFreeText); the others only where they are structured. */
  private readonly secrets: string[];
  /** How many of the secrets are masked only where they are structured: too short or too plain. */
  readonly structuredOnly: number;
  private readonly rules: ReadonlySet<RedactionRule>;
  private readonly pattern: RegExp | undefined;
  /**
   * The secrets as they are, in the pattern's order: all the pattern can match in a text with no
   * encoding marks, at a fraction of its cost. Unset without the 'raw' rule.
   */
  private readonly rawPattern: RegExp | undefined;
  /** ENCODING_MARKS, with + when a secret holds a space; and the same as bytes. */
  private readonly marks: RegExp;
  private readonly markBytes: readonly number[];
  /**
   * The pattern of each secret's first two characters: wherever the
   * pattern or a tail (tailAtCut, tailAtEnd) matches, this matches too, so where this does not, they
   * need not be run (nor compiled: 4 ms for two secrets, where this takes a fifth of it): most texts
   * with a mark or a `…` hold no secret at all.
   */
  private readonly prefixPattern: RegExp | undefined;
  /** A secret's beginning (two characters or more) cut off by `…` (a case shortened a value). */
  private readonly tailAtCut: RegExp | undefined;
  /** A secret's beginning at the very end of a text cut at a limit. */
  private readonly tailAtEnd: RegExp | undefined;
  private readonly secretBytes: Buffer[];
  /** The shortest a base64 run holding a secret can be. */
  private readonly minBase64Run: number;
  /**
   * Base64 runs found to hold no secret. Field names, numbers and fixed texts recur in every body,
   * and decoding a run at four offsets and searching each is most of the cost of masking a text: a
   * run is judged once. Only short runs that hold nothing are kept (CLEAR_RUNS_KEPT, CLEAR_RUN_MAX_LENGTH).
   */
  private readonly clearRuns = new Set<string>();
  /** Short texts text() left as they were: nothing in them to mask (same bounds as clearRuns). */
  private readonly cleanTexts = new Set<string>();
  /** The patterns already compiled to machine code (NATIVE_SUBJECT). */
  private readonly compiled = new Set<RegExp>();

  /**
   * `rules` is every rule unless a test takes one out to prove it is needed.
   */
  constructor(secrets: Iterable<string | undefined>, rules: Iterable<RedactionRule> = REDACTION_RULES) {
    this.rules = new Set(rules);
    const all = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length > 0))];
    const unique = all.filter(maskableInFreeText);
    this.structuredOnly = all.length - unique.length;
    // A regex alternation takes the first alternative that matches: longest first masks a secret
    // whole even when a shorter secret is a part of it.
    this.secrets = this.rules.has('longest-first')
      ? unique.sort((a, b) => b.length - a.length)
      : unique.sort((a, b) => a.length - b.length);
    this.pattern =
      this.secrets.length > 0
        ? new RegExp(this.secrets.map((s) => secretPattern(s, this.rules)).join('|'), 'g')
        : undefined;
    const plus = this.secrets.some((secret) => secret.includes(' '));
    this.marks = plus ? ENCODING_MARKS_WITH_PLUS : ENCODING_MARKS;
    this.markBytes = plus ? [...ENCODING_MARK_BYTES, PLUS] : ENCODING_MARK_BYTES;
    // A tail (tailPattern) starts with as many characters.
    this.prefixPattern =
      this.secrets.length > 0
        ? new RegExp(
            this.secrets
              .map((s) => secretPattern([...s].slice(0, HEAD_LENGTH).join(''), this.rules))
              .join('|'),
          )
        : undefined;
    this.rawPattern =
      this.secrets.length > 0 && this.rules.has('raw')
        ? new RegExp(this.secrets.map(escapeRegExp).join('|'), 'g')
        : undefined;
    const tails = this.secrets.map((s) => this.tailPattern(s));
    // The cut may also have split the next character: its escape (`\\u00`, `%C3`, `&#2`) or its
    // surrogate pair.
    const partial =
      '(?:(?:\\\\|%5[cC])*(?:[uU][0-9a-fA-F]{0,3})?|%(?:25)*[0-9a-fA-F]{0,2}|&#?[xX]?[0-9a-zA-Z]*|[\\uD800-\\uDBFF])';
    this.tailAtCut = tails.length > 0 ? new RegExp(`(?:${tails.join('|')})${partial}(?=…)`, 'g') : undefined;
    this.tailAtEnd = tails.length > 0 ? new RegExp(`(?:${tails.join('|')})${partial}$`) : undefined;
    this.secretBytes = this.secrets.map((s) => Buffer.from(s, 'utf8'));
    const shortest = Math.min(...this.secretBytes.map((b) => b.length));
    this.minBase64Run = Number.isFinite(shortest) ? Math.max(2, Math.floor((shortest * 4) / 3)) : 0;
  }

  /**
   * Masks every secret long enough (maskableInFreeText), in every form, and every JSON
   * `"password"` field's value, whatever it holds, in a text.
   */
  text(input: string): string {
    // Header names and values, URLs and short bodies recur: a short text found clean is not checked again.
    if (this.cleanTexts.has(input)) return input;
    const out = this.masked(input);
    if (out === input) rememberClean(this.cleanTexts, input);
    return out;
  }

  private masked(input: string): string {
    let out = input;
    // The secrets first: a field rule that stopped at a quote inside a password would cut it in two.
    try {
      if (this.pattern) {
        // Where not even two characters of a secret stand in any form, the pattern cannot match.
        if (this.marks.test(out)) {
          if (this.holdsPrefix(out)) out = out.replace(this.ready(this.pattern), REDACTED);
        } else if (this.rawPattern) out = out.replace(this.rawPattern, REDACTED);
        if (this.rules.has('base64'))
          out = out.replace(BASE64_RUN, (run) => (this.base64Secret(run) ? REDACTED : run));
      }
      // A value a case shortened with `…` may end in the first characters of a secret (so they
      // stand somewhere in it).
      if (this.tailAtCut && out.includes('…') && this.holdsPrefix(out))
        out = out.replace(this.ready(this.tailAtCut), REDACTED);
    } catch {
      // The regex engine gave up (its stack, on a pathological text): show nothing of it.
      return `(${input.length} characters not shown: too irregular to check for secrets)`;
    }
    if (this.rules.has('password-field')) out = maskPasswordFields(out, REDACTED);
    return out;
  }

  /**
   * For text cut at a limit (a body read up to the cap): masks the text, and also a secret's
   * beginning left at the very end, whose rest was not read.
   */
  cut(input: string): string {
    return this.text(input).replace(this.tailAtEnd ? this.ready(this.tailAtEnd) : /(?!)/, REDACTED);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) {
      const masked =
        (this.rules.has('authorization-header') && /authorization/i.test(k)) ||
        (this.rules.has('cookie-header') && /cookie/i.test(k));
      out[this.text(k)] = masked ? REDACTED : this.text(v);
    }
    return out;
  }

  /** Whether a secret's first characters (prefixPattern) stand in `text` in any form. */
  private holdsPrefix(text: string): boolean {
    return this.prefixPattern !== undefined && this.ready(this.prefixPattern).test(text);
  }

  /** `re`, compiled to machine code the first time it is asked for (NATIVE_SUBJECT). */
  private ready(re: RegExp): RegExp {
    if (!this.compiled.has(re)) {
      re.test(NATIVE_SUBJECT);
      re.lastIndex = 0;
      this.compiled.add(re);
    }
    return re;
  }

  /** c1c2(?:c3(?:c4…)?)?: two characters or more of a secret's beginning, never all of it. */
  private tailPattern(secret: string): string {
    const chars = [...secret].map((ch, i) => charPattern(ch, this.rules, i === 0));
    let tail = '';
    for (let i = chars.length - 2; i >= HEAD_LENGTH; i--) tail = `(?:${chars[i]}${tail})?`;
    return `${chars.slice(0, HEAD_LENGTH).join('')}${tail}`;
  }

  /**
   * Whether the secrets' pattern matches somewhere in `text`. The pattern itself is used (from the
   * start, its lastIndex put back): a second RegExp of the same source would be compiled again, and
   * compiling the pattern is its largest cost (about 30 ms for two secrets).
   */
  private holds(text: string): boolean {
    if (!this.pattern || !this.holdsPrefix(text)) return false;
    const pattern = this.ready(this.pattern);
    pattern.lastIndex = 0;
    const hit = pattern.test(text);
    pattern.lastIndex = 0;
    return hit;
  }

  /** base64Holds, judged once per run: a run too short to hold a secret is not kept either. */
  private base64Secret(run: string): boolean {
    if (run.length < this.minBase64Run || this.clearRuns.has(run)) return false;
    if (this.base64Holds(run)) return true;
    rememberClean(this.clearRuns, run);
    return false;
  }

  /** Whether a base64 run decodes, at any of its four alignments, to text that holds a secret. */
  private base64Holds(run: string): boolean {
    const b64 =
      run.includes('\\') || run.includes('%')
        ? run
            .replace(/\\+\//g, '/')
            .replace(/%2[Ff]/g, '/')
            .replace(/%2[Bb]/g, '+')
            .replace(/%3[Dd]/g, '=')
        : run;
    if (b64.length < this.minBase64Run) return false;
    for (let offset = 0; offset < 4; offset++) {
      // Node's base64 decoder reads the base64url alphabet too.
      const bytes = Buffer.from(b64.slice(offset).replace(/=+/g, ''), 'base64');
      if (this.secretBytes.some((s) => bytes.includes(s))) return true;
      // A secret encoded some other way before it was base64-encoded (escaped JSON, %XX): the raw
      // form was just looked for, and every other form holds one of the marks.
      if (this.markBytes.some((b) => bytes.includes(b)) && this.holds(bytes.toString('utf8'))) return true;
    }
    return false;
  }
}
