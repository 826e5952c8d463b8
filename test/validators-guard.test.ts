// The validators run a quick guard first (lengths in UTF-16 units, ajv.ts) and the exact validator
// (code points, D7) only for what the guard refuses. Proven here: the guard never accepts what the
// exact validator refuses, so `is`/`isStrict`/violations say exactly what the exact validators say,
// on the shipped vectors, on fast-check messages with and without a fault, and at every maxLength
// filled with characters outside the BMP (two UTF-16 units each), where the guard refuses and the
// exact validator accepts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VectorGroup } from '../scripts/render-vectors.js';
import { faultyMessageArbitrary, messageArbitrary } from '../src/arbitraries/index.js';
import { limitsOf } from '../src/schema/constraints.js';
import { boundaryMessage } from '../src/schema/instances.js';
import { MESSAGE_TYPES, type MessageType } from '../src/schema/message-types.js';
import { compiledValidator, makeAjv } from '../src/validate/ajv.js';
import { validators } from '../src/validate/validators.js';

const vectorDir = join(import.meta.dirname, '..', 'vectors');
const EMOJI = '\u{1F600}';

/** Both flavours' verdicts on one value, and what the public validator says. */
function verdicts(type: MessageType, data: unknown) {
  return {
    guard: compiledValidator(type, false, 'guard')(data),
    exact: compiledValidator(type, false, 'exact')(data),
    is: validators[type].is(data),
    violations: validators[type].violations(data).length,
    strictGuard: compiledValidator(type, true, 'guard')(data),
    strictExact: compiledValidator(type, true, 'exact')(data),
    isStrict: validators[type].isStrict(data),
    strictViolations: validators[type].strictViolations(data).length,
  };
}

function expectAgreement(type: MessageType, data: unknown): void {
  const v = verdicts(type, data);
  // The guard accepts only what the exact validator accepts.
  if (v.guard) expect(v.exact).toBe(true);
  if (v.strictGuard) expect(v.strictExact).toBe(true);
  // The public validators say what the exact ones say.
  expect(v.is).toBe(v.exact);
  expect(v.isStrict).toBe(v.strictExact);
  expect(v.violations === 0).toBe(v.exact);
  expect(v.strictViolations === 0).toBe(v.strictExact);
}

describe('validator guard', () => {
  it('agrees with the exact validators on every shipped vector', () => {
    let checked = 0;
    for (const file of readdirSync(vectorDir).filter((f) => f.endsWith('.json'))) {
      const groups = JSON.parse(readFileSync(join(vectorDir, file), 'utf8')) as VectorGroup[];
      for (const group of groups) {
        const type = group.schema.replace(/\.json$/, '') as MessageType;
        for (const { data } of group.tests) {
          expectAgreement(type, data);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each(MESSAGE_TYPES)(
    'agrees with the exact validators on generated %s messages, valid and faulty',
    (type) => {
      const valid = messageArbitrary(type);
      fc.assert(
        fc.property(valid, (data) => expectAgreement(type, data)),
        { numRuns: 150, seed: 12 },
      );
      fc.assert(
        fc.property(faultyMessageArbitrary(type, valid, { levels: ['MUST', 'SHOULD'] }), ({ message }) =>
          expectAgreement(type, message),
        ),
        { numRuns: 150, seed: 12 },
      );
    },
  );

  // Every maxLength of every message, filled to the limit with characters outside the BMP: within the
  // limit in code points (D7), over it in UTF-16 units. The guard refuses; the exact validator, and so
  // the public one, accepts. One code point more and all of them refuse.
  const atLimit = MESSAGE_TYPES.flatMap((type) =>
    limitsOf(type)
      .filter((c) => c.keyword === 'maxLength' && (c.limit as number) > 0)
      .map((c) => ({ type, c, name: `${type} ${c.path.join('.')} maxLength ${c.limit}` })),
  );

  it('has maxLength limits to try', () => {
    expect(atLimit.length).toBeGreaterThan(20);
  });

  it.each(atLimit)('$name: emoji at the limit pass, one more fails', ({ type, c }) => {
    const at = boundaryMessage(c, false, EMOJI);
    const over = boundaryMessage(c, true, EMOJI);
    const v = verdicts(type, at);
    const strictField = c.level === 'SHOULD';
    // A field whose grammar refuses emoji (a pattern) fails either way: then only agreement is asked.
    if (v.exact || (strictField && v.strictExact)) {
      expect(v.guard).toBe(false);
      if (v.exact) expect(v.is).toBe(true);
      if (v.strictExact) expect(v.isStrict).toBe(true);
    }
    expectAgreement(type, at);
    expectAgreement(type, over);
    expect(verdicts(type, over).is && !strictField).toBe(false);
  });

  it('the exact validator alone decides a value the guard refuses', () => {
    // templateParas values or any field without a grammar: find one maxLength where emoji pass.
    const found = atLimit.find(({ type, c }) => {
      const v = verdicts(type, boundaryMessage(c, false, EMOJI));
      return v.exact && !v.guard;
    });
    expect(found, 'a maxLength field that takes emoji').toBeDefined();
    if (!found) return;
    const at = boundaryMessage(found.c, false, EMOJI);
    expect(validators[found.type].is(at)).toBe(true);
    expect(validators[found.type].violations(at)).toEqual([]);
    const over = boundaryMessage(found.c, true, EMOJI);
    expect(validators[found.type].is(over)).toBe(false);
    expect(validators[found.type].violations(over).map((x) => x.keyword)).toContain('maxLength');
  });

  it('counts a minLength above 1 in code points, one of 0 or 1 in units: both as the exact validator', () => {
    // No shipped schema has a minLength above 1; the guard must stay exact for one that would.
    const guard = makeAjv(false, {}, 'guard');
    const exact = makeAjv(false);
    for (const min of [0, 1, 2, 3]) {
      const schema = { type: 'string', minLength: min, maxLength: 4 };
      const g = guard.compile(schema);
      const e = exact.compile(schema);
      for (const text of [
        '',
        'a',
        'ab',
        'abc',
        EMOJI,
        `${EMOJI}${EMOJI}`,
        `a${EMOJI}`,
        `${EMOJI}${EMOJI}${EMOJI}`,
      ]) {
        // Accepted by the guard only if accepted by the exact validator.
        if (g(text)) expect(e(text), `${JSON.stringify(text)} minLength ${min}`).toBe(true);
      }
      // Two emoji: 2 code points (enough for minLength 2), 4 units (within maxLength 4 for both).
      expect(g(`${EMOJI}${EMOJI}`)).toBe(e(`${EMOJI}${EMOJI}`));
    }
    // One emoji is one code point: under a minLength of 2 for both, though it is 2 units.
    expect(guard.compile({ type: 'string', minLength: 2 })(EMOJI)).toBe(false);
  });
});
