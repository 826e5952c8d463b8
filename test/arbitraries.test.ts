// The arbitraries derived from the schemas: valid ones always validate (MUST and SHOULD rules),
// single-fault ones break exactly one rule, at the place meant, with the code predicted.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { faultyMessageArbitrary, messageArbitrary } from '../src/arbitraries/index.js';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { toPointer } from '../src/schema/navigate.js';
import { resultCodeFor } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';

describe.each(MESSAGE_TYPES)('%s arbitraries', (type) => {
  test.prop([messageArbitrary(type)], { numRuns: 200 })('a valid instance validates, strictly', (message) => {
    expect(validators[type].strictViolations(message)).toEqual([]);
  });

  test.prop([faultyMessageArbitrary(type, messageArbitrary(type), { levels: ['MUST', 'SHOULD'] })], {
    numRuns: 200,
  })('a single-fault instance fails at the fault, with the predicted code', ({ message, fault }) => {
    const violations =
      fault.level === 'MUST'
        ? validators[type].violations(message)
        : validators[type].strictViolations(message);
    expect(violations.length, fault.description).toBeGreaterThan(0);
    // Compared as JSON Pointers: a map key "0" and a list index 0 read alike there, as in ajv's paths.
    expect(violations.map((v) => v.pointer)).toContain(toPointer(fault.path));
    expect(resultCodeFor(violations)).toBe(fault.expectedCode);
  });
});

describe('fault arbitraries', () => {
  test.prop([
    faultyMessageArbitrary('SendTemplateMessageRequest', messageArbitrary('SendTemplateMessageRequest')),
  ])('a MUST fault is only ever at MUST level and never valid', ({ message, fault }) => {
    expect(fault.level).toBe('MUST');
    expect(validators.SendTemplateMessageRequest.is(message)).toBe(false);
  });

  test('every kind of fault is drawn', () => {
    const kinds = new Set(
      fc
        .sample(
          faultyMessageArbitrary(
            'SendTemplateMessageRequest',
            messageArbitrary('SendTemplateMessageRequest'),
          ),
          {
            numRuns: 2000,
            seed: 42,
          },
        )
        .map((f) => f.fault.kind),
    );
    expect([...kinds].sort()).toEqual(['empty', 'missing', 'too-long', 'too-many', 'type']);
  });
});
