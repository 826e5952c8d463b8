// The Redactor: every form of a secret is masked (examples and fast-check), and every masking rule
// is necessary: with any one rule taken out, an input made for it leaks (issue 13 item 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maskableInFreeText,
  REDACTED,
  REDACTION_RULES,
  type RedactionRule,
  Redactor,
} from '../src/client/redact.js';
import { ENCODINGS, leaksOf } from './hostile/encodings.js';

const SECRET = 'Pé€ss w/"\\rd+%😀9';

function wrapped(encoded: string): string {
  return `{"resultDesc":"you sent ${encoded} here","list":["${encoded}",{"deep":{"x":"${encoded}"}}]}`;
}

/** A target that quotes the text in its JSON answer and escapes every non-ASCII character of it. */
function quotedEscaped(text: string): string {
  return JSON.stringify({ echo: text }).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

describe('Redactor: every form', () => {
  const redactor = new Redactor([SECRET]);
  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(`masks the secret ${name}, inside strings, lists and nested objects`, () => {
      const input = wrapped(encode(SECRET));
      expect(leaksOf(input, SECRET).length, 'the input holds the secret').toBeGreaterThan(0);
      const out = redactor.text(input);
      expect(leaksOf(out, SECRET)).toEqual([]);
      expect(out).toContain('you sent ');
    });
  }

  // Backslashes next to each other and next to escapes: each form of a request body that holds
  // the password, quoted again by a target that escapes its whole answer.
  for (const secret of [SECRET, '+Ω\\€J \\üé<K', 'QX\\"\\%\\éZ+üZ%"\\Ж']) {
    it(`masks ${JSON.stringify(secret)} in a request body echoed in every form, quoted and escaped again`, () => {
      const body = JSON.stringify({ account: 'acme', password: secret });
      const r = new Redactor([secret]);
      const leaks = Object.entries(ENCODINGS).flatMap(([name, encode]) =>
        [encode(body), quotedEscaped(encode(body))]
          .filter((text) => leaksOf(r.text(text), secret).length > 0)
          .map(() => name),
      );
      expect(leaks).toEqual([]);
    });
  }

  it('masks a secret whose bytes sit at any offset of a longer base64 string', () => {
    for (let pad = 0; pad < 6; pad++) {
      const b64 = Buffer.from(`${'q'.repeat(pad)}{"password":"${SECRET}","more":1}`).toString('base64');
      expect(leaksOf(redactor.text(`echo: ${b64}.`), SECRET)).toEqual([]);
    }
  });

  it('masks a text without encoding marks with the raw secrets exactly as the whole pattern does', () => {
    // Secrets cut from one string over a small alphabet (so that they overlap and contain one
    // another), long enough to be masked in free text, and texts made of them and other characters.
    const unit = fc.constantFrom('a', 'b', '1', '"', ':', '{', 'é', '\u{1F600}');
    const slice = fc.tuple(fc.nat(4), fc.integer({ min: 8, max: 12 }));
    const secretsAndText = fc
      .tuple(
        fc.array(unit, { minLength: 16, maxLength: 16 }),
        fc.array(slice, { minLength: 1, maxLength: 3 }),
      )
      .map(([base, cuts]) => cuts.map(([from, length]) => base.slice(from, from + length).join('')))
      .filter((secrets) => secrets.every(maskableInFreeText))
      .chain((secrets) =>
        fc.tuple(
          fc.constant(secrets),
          fc
            .array(fc.oneof(fc.constantFrom(...secrets), unit), { maxLength: 12 })
            .map((parts) => parts.join('')),
        ),
      );
    fc.assert(
      fc.property(secretsAndText, ([secrets, text]) => {
        const r = new Redactor(secrets) as unknown as { pattern?: RegExp; rawPattern?: RegExp };
        if (!r.pattern || !r.rawPattern) throw new Error('no pattern: the secrets are too short');
        expect(text.replace(r.rawPattern, REDACTED)).toBe(text.replace(r.pattern, REDACTED));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('judges a clean base64 run once, and masks a run that holds a secret every time', () => {
    // An 8-byte secret: a base64 run of 10 characters or more may hold it.
    const redactor = new Redactor(['pw12-xyz']);
    const holds = Redactor.prototype as unknown as { base64Holds(run: string): boolean };
    const decoded: string[] = [];
    const original = holds.base64Holds;
    holds.base64Holds = function (this: Redactor, run: string) {
      decoded.push(run);
      return original.call(this, run);
    };
    try {
      const clean = '{"resultCode":"0","messageId":"261202010259310400000001"}';
      const secret = Buffer.from('user:pw12-xyz').toString('base64');
      for (let i = 0; i < 3; i++) expect(redactor.text(clean)).toBe(clean);
      // Each run long enough to hold the secret is decoded the first time only.
      expect(decoded).toEqual(['resultCode', '261202010259310400000001']);
      for (let i = 0; i < 3; i++) expect(redactor.text(`Basic ${secret}`)).toBe(`Basic ${REDACTED}`);
      expect(decoded.slice(2)).toEqual([secret, secret, secret]);
    } finally {
      holds.base64Holds = original;
    }
  });

  it('masks headers by name and by value, and a password field of any value', () => {
    const h = redactor.headers({
      authorization: 'Bearer zz',
      cookie: 's=1',
      'set-cookie': 's=2',
      'x-echo': encodeURIComponent(SECRET),
    });
    expect(h).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-echo': REDACTED,
    });
    expect(redactor.text('{"password":"not-the-secret","a":1}')).toBe('{"password":"***","a":1}');
    expect(redactor.text('"q":"{\\"password\\":\\"other\\"}"')).toBe('"q":"{\\"password\\":\\"***\\"}"');
  });

  it('masks the beginning of a secret left at the end of text cut at a limit', () => {
    const cut = `${'x'.repeat(20)}${SECRET.slice(0, 5)}`;
    expect(redactor.text(cut)).toContain(SECRET.slice(0, 5));
    expect(redactor.cut(cut)).toBe(`${'x'.repeat(20)}${REDACTED}`);
  });

  it('masks the beginning of a secret that a case cut with … (the runner masks after the cut)', () => {
    const escaped = JSON.stringify(JSON.stringify({ password: SECRET }));
    for (let n = 14; n < escaped.length; n++) {
      const shortened = `${escaped.slice(0, n)}…`;
      expect(leaksOf(redactor.text(shortened), SECRET), shortened).toEqual([]);
    }
  });

  it('masks the first two characters of a secret cut with …, in any form', () => {
    // Its shortest tail: the pre-test that spares most texts the tail pattern looks for as much.
    const r = new Redactor(['é!-secret']);
    for (const form of ['é!', '\\u00e9!', '%C3%A9%21', '&#233;&#33;'])
      expect(r.text(`"a":"x${form}…"`), form).toBe(`"a":"x${REDACTED}…"`);
  });

  it('masks any random password in any form (fast-check)', () => {
    const encodings = Object.entries(ENCODINGS);
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 8, maxLength: 24 }).filter(maskableInFreeText),
        fc.constantFrom(...encodings),
        fc.string({ unit: fc.constantFrom(...'abc {}[]":,.;'), maxLength: 12 }),
        (secret, [, encode], around) => {
          const input = `${around}${wrapped(encode(secret))}${around}`;
          // Only a secret that the surrounding text does not already spell out (that is not a leak).
          fc.pre(leaksOf(input.split(encode(secret)).join(''), secret).length === 0);
          fc.pre(leaksOf(REDACTED, secret).length === 0);
          const out = new Redactor([secret]).text(input);
          expect(leaksOf(out, secret)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** `value` as JSON, quoted into a JSON string `depth` times (a body a target quotes in its answer). */
function quoted(value: unknown, depth: number): string {
  let text = JSON.stringify(value);
  for (let i = 0; i < depth; i++) text = JSON.stringify(text);
  return text;
}

describe('Redactor: a secret too short for free text is masked where it is structured (issue 26 finding 4)', () => {
  it('tells a secret long and varied enough for free text from one that is not', () => {
    for (const weak of [
      'e',
      'y',
      '0',
      'json',
      'UTF-8',
      's3cret',
      'Ж😀é',
      '00000000',
      'abababab',
      'abcabcabc',
    ])
      expect(maskableInFreeText(weak), weak).toBe(false);
    for (const strong of ['s3cret-x', 'Content-Type', 'application', 'abcdabcd', 'Pé€ss w/"\\rd+%😀9'])
      expect(maskableInFreeText(strong), strong).toBe(true);
  });

  it('leaves free text as it is: no mangled word, header or number', () => {
    const texts = {
      e: 'all interfaces use HTTPS; table 3-1 pushes',
      x: 'shrunk counterexample: {"mobile":"x"}',
      y: 'no JSON Content-Type (got application/json;charset=UTF-8)',
      'UTF-8': 'content-type: application/json;charset=UTF-8 and %55%54%46%2D%38 and VVRGLTg=',
      '0': 'resultCode "0", messageId 261202010259310400000001',
      '00000000': 'mobiles ["86136000000000000000"]',
    };
    for (const [secret, text] of Object.entries(texts)) {
      const r = new Redactor([secret]);
      expect(r.structuredOnly, secret).toBe(1);
      expect(r.text(text), secret).toBe(text);
      expect(r.cut(text), secret).toBe(text);
      expect(r.headers({ 'content-type': text }), secret).toEqual({ 'content-type': text });
    }
  });

  it('masks a "password" field, a string or a list of strings, at any depth of quoting (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (secret, depth, list) => {
          const body = (password: string) => {
            const value = list ? [password] : password;
            return { account: 'acme', password: value, nested: [{ password: value }], text: 'e "x" \\ y' };
          };
          const r = new Redactor([secret]);
          expect(r.text(quoted(body(secret), depth))).toBe(quoted(body(REDACTED), depth));
        },
      ),
      { numRuns: 300, seed: 26 },
    );
  });

  it('masks a password field cut inside its value, and the credential headers by name', () => {
    const r = new Redactor(['e']);
    expect(r.text('{"account":"acme","password":"e…')).toBe(`{"account":"acme","password":"${REDACTED}`);
    expect(r.text('{"password" : [ "e" , "e" ], "e": 1}')).toBe(
      `{"password" : [ "${REDACTED}" , "${REDACTED}" ], "e": 1}`,
    );
    expect(r.headers({ authorization: 'Basic ZTpl', cookie: 'p=e', 'x-e': 'e' })).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-e': 'e',
    });
  });

  it('still masks a longer secret given with it in free text', () => {
    const r = new Redactor(['e', 'Pé€ss-w0rd']);
    expect(r.structuredOnly).toBe(1);
    expect(r.text('here: Pé€ss-w0rd, there: P%C3%A9%E2%82%ACss-w0rd')).toBe(
      `here: ${REDACTED}, there: ${REDACTED}`,
    );
  });
});

describe('Redactor: linear on hostile text (no catastrophic backtracking)', () => {
  // A target may answer a megabyte of backslashes, escapes or %5C: redaction must not hang on it.
  // Complexity, not speed: 8 times the text may take about 8 times as long, never 64 times.
  const redactor = new Redactor([SECRET, 'ab"cd\\ef']);
  const hostile: Record<string, (n: number) => string> = {
    backslashes: (n) => `ab${'\\'.repeat(n)}x`,
    'escaped backslashes': (n) => `ab${'\\u005c'.repeat(n / 6)}x`,
    'url-encoded backslashes': (n) => `ab${'%5C'.repeat(n / 3)}x`,
    'a secret beginning, again and again': (n) => `Pé€${'\\'.repeat(20)}`.repeat(n / 23),
    'password fields never closed': (n) => '\\\\"password\\":\\"'.repeat(n / 16),
    'a password list that never ends': (n) => `{"password":[${'"x", '.repeat(n / 5)}`,
    'a password value of escaped quotes, never closed': (n) => `{"password":"${'\\"'.repeat(n / 2)}`,
    'password keys quoted deeper and deeper': (n) => '\\"password\\":\\\\\\"x'.repeat(n / 18),
  };
  const time = (text: string) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      redactor.text(text);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  for (const [name, make] of Object.entries(hostile)) {
    it(name, () => {
      const small = time(make(60_000));
      const large = time(make(480_000));
      expect(large / Math.max(small, 1)).toBeLessThan(30);
    });
  }
});

/** For each rule: secrets and an input that only this rule masks, and the piece that must not survive. */
const NEEDS: Record<RedactionRule, { secrets: string[]; input: string; leaked: string; headers?: boolean }> =
  {
    raw: { secrets: ['abcdefgh'], input: 'x abcdefgh y', leaked: 'abcdefgh' },
    'json-escape': { secrets: ['ab"cd\\ef'], input: '"ab\\"cd\\\\ef"', leaked: 'ab\\"cd\\\\ef' },
    'unicode-escape': {
      secrets: ['secret-é'],
      input: `"${'\\u0073\\u0065\\u0063\\u0072\\u0065\\u0074\\u002d\\u00e9'}"`,
      leaked: '\\u0073\\u0065\\u0063\\u0072',
    },
    'url-encoded': {
      secrets: ['@é€/ ?#!'],
      input: `q=${encodeURIComponent('@é€/ ?#!')}`,
      leaked: '%40%C3%A9',
    },
    'html-entity': {
      secrets: ['<&>é"x1y'],
      input: '&#60;&#38;&#62;&#233;&#34;&#120;&#49;&#121;',
      leaked: '&#60;&#38;',
    },
    base64: {
      secrets: ['hunter2!!'],
      input: Buffer.from('{"password-ish":"hunter2!!"}').toString('base64'),
      leaked: Buffer.from('{"password-ish":"hunter2!!"}').toString('base64'),
    },
    'longest-first': {
      secrets: ['abcdefgh', 'abcdefghijklmnop'],
      input: 'abcdefghijklmnop',
      leaked: 'ijklmnop',
    },
    'password-field': { secrets: ['real-one'], input: '{"password":"guessed"}', leaked: 'guessed' },
    'authorization-header': {
      secrets: ['real-one'],
      input: 'Bearer tok123',
      leaked: 'tok123',
      headers: true,
    },
    'cookie-header': { secrets: ['real-one'], input: 'session=tok123', leaked: 'tok123', headers: true },
  };

describe('Redactor: every rule is necessary', () => {
  const name = { 'authorization-header': 'authorization', 'cookie-header': 'cookie' } as Record<
    string,
    string
  >;
  for (const rule of REDACTION_RULES) {
    it(`${rule}: masked with every rule, leaked without it`, () => {
      const need = NEEDS[rule];
      const apply = (r: Redactor) =>
        need.headers ? JSON.stringify(r.headers({ [name[rule] as string]: need.input })) : r.text(need.input);
      expect(apply(new Redactor(need.secrets))).not.toContain(need.leaked);
      const without = new Redactor(
        need.secrets,
        REDACTION_RULES.filter((r) => r !== rule),
      );
      expect(apply(without)).toContain(need.leaked);
    });
  }
});
