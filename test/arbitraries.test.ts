// The arbitraries derived from the schemas: valid ones always validate (MUST and SHOULD rules),
// single-fault ones break exactly one rule, at the place meant, with the code predicted; the times
// and numbers a customer is pushed as valid are real ones (D23, D25).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  describePhoneNumber,
  describeSpecTime,
  faultyMessageArbitrary,
  messageArbitrary,
  NUMBERING_PLANS,
  phoneNumber,
  phoneNumberReadings,
  SPEC_TIME_LENGTH,
  SPEC_TIME_YEARS,
  specTime,
} from '../src/arbitraries/index.js';
import { RULES } from '../src/rules/index.js';
import { partRules } from '../src/rules/messages.js';
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

// Issue 26: what the customer suite pushes as valid is a real time and a real phone number.
describe('§1.6 times (D23)', () => {
  const realTime = (text: string) => {
    const [date = '', clock = ''] = text.split(' ');
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, mi, s] = clock.split(':').map(Number) as [number, number, number];
    // A Date rolls 30 February over to March: a real time comes back unchanged.
    const back = new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString();
    return back.slice(0, 19).replace('T', ' ') === text;
  };

  test.prop([specTime], { numRuns: 500 })(
    'a drawn time is a real date and time of 2000-2037, 19 characters, in the pattern',
    (time) => {
      expect(time).toHaveLength(SPEC_TIME_LENGTH);
      expect(realTime(time), time).toBe(true);
      const year = Number(time.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(SPEC_TIME_YEARS.min);
      expect(year).toBeLessThanOrEqual(SPEC_TIME_YEARS.max);
      const push = { mobile: '8613600000000', content: 'x', sendTime: time };
      expect(validators.NotifySmsMessageRequest.strictViolations(push)).toEqual([]);
      expect(RULES.push.uplink.timeFormat.checkValue(push)).toEqual([]);
    },
  );

  test('the edges are drawn: leap days, the first and last second, month and year ends', () => {
    const times = fc.sample(specTime, { numRuns: 2000, seed: 26 });
    const has = (what: string, p: (t: string) => boolean) => expect(times.some(p), what).toBe(true);
    has('29 February', (t) => t.slice(5, 10) === '02-29');
    has('29 February 2000', (t) => t.startsWith('2000-02-29'));
    has('23:59:59', (t) => t.endsWith('23:59:59'));
    has('00:00:00', (t) => t.endsWith('00:00:00'));
    has('31 December 23:59:59', (t) => t.slice(5) === '12-31 23:59:59');
    has('1 January', (t) => t.slice(5, 10) === '01-01');
    has('30 April', (t) => t.slice(5, 10) === '04-30');
    has('28 February of a common year', (t) => t.slice(5, 10) === '02-28' && Number(t.slice(0, 4)) % 4 !== 0);
  });

  test('a time is described by what it is', () => {
    expect(describeSpecTime('2024-02-29 23:59:59')).toBe(
      "29 February 2024 23:59:59 (a leap day; a day's last second)",
    );
    expect(describeSpecTime('2023-02-30 10:00:00')).toBe('30 February 2023, no such day');
    expect(describeSpecTime('0000-02-28 10:00:00')).toBe('year 0000, before year 1');
    expect(describeSpecTime('2024-01-01 24:00:00')).toBe('hour 24');
    expect(describeSpecTime('2017-05-15 16:08:544')).toBe('not a yyyy-MM-dd HH:mm:ss time');
  });
});

describe('§1.4 numbers (D25)', () => {
  test.prop([phoneNumber], { numRuns: 500 })(
    'a drawn number keeps the number rule of both sides and looks like a phone number',
    (mobile) => {
      // The customer side: the push's own SHOULD rule; the platform side: a message's (D12).
      const push = { mobile, content: 'x' };
      expect(RULES.push.uplink.schemaShould.checkValue(push)).toEqual([]);
      expect(
        partRules.MtSmsMessage.should.checkValue({ mobiles: [mobile], templateId: 't', signature: 's' }),
      ).toEqual([]);
      expect(mobile).toMatch(/^[1-9][0-9]{6,14}$/);
      expect(phoneNumberReadings(mobile).length, mobile).toBeGreaterThan(0);
    },
  );

  test('both §1.4 forms and several countries are drawn', () => {
    const numbers = fc.sample(phoneNumber, { numRuns: 1000, seed: 26 });
    expect(numbers.some((n) => /^1[3-9][0-9]{9}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^861[3-9][0-9]{9}$/.test(n))).toBe(true);
    const codes = new Set(
      NUMBERING_PLANS.filter((p) =>
        numbers.some((n) => n.startsWith(p.code) && n.length === p.code.length + p.length),
      ),
    );
    expect(codes.size).toBe(NUMBERING_PLANS.length);
  });

  test('a number is described by what it is', () => {
    expect(describePhoneNumber('0')).toBe("a one-digit number starting with 0, no country's mobile number");
    expect(describePhoneNumber('13600000000')).toBe('a Chinese mobile without its country code (11 digits)');
    expect(describePhoneNumber('8613600000000')).toBe('country code 86 (China) and 11 digits');
    expect(describePhoneNumber('+2349139355965')).toBe('country code 234 (Nigeria) and 10 digits, after a +');
  });
});
