// §1.4 numbers as a platform pushes them: "以国家码开头，例如8613600000000，其中国内短信可以不带国家码"
// (tables 3-2, 4-2). A valid number is one a real platform would push (D25): a country code and a
// subscriber number of that country's real length, or a Chinese mobile without its country code.
// Digits only, so each keeps the number rule both sides of the kit apply (MobileNumber's x-should,
// D12); never "0", which a careful endpoint rightly refuses.
import fc from 'fast-check';
import { resolve } from '../schema/navigate.js';
import type { SchemaNode } from '../schema/registry.js';

/** A country's mobile numbers: its code, how its national mobile numbers start, and their length. */
export interface NumberingPlan {
  country: string;
  code: string;
  /** What a national mobile number starts with (each lead the same length). */
  leads: readonly string[];
  /** Digits after the country code. */
  length: number;
}

/**
 * Mobile numbering plans of a few countries (ITU-T E.164 country codes), China first. Not +1
 * (North America): 1 and ten digits is also §1.4's domestic form, 11 digits starting with 1, and a
 * failure message should say which of the two a number is.
 */
export const NUMBERING_PLANS: readonly NumberingPlan[] = [
  { country: 'China', code: '86', leads: ['13', '14', '15', '16', '17', '18', '19'], length: 11 },
  { country: 'Hong Kong', code: '852', leads: ['5', '6', '9'], length: 8 },
  { country: 'Singapore', code: '65', leads: ['8', '9'], length: 8 },
  { country: 'Japan', code: '81', leads: ['70', '80', '90'], length: 10 },
  { country: 'India', code: '91', leads: ['6', '7', '8', '9'], length: 10 },
  { country: 'Nigeria', code: '234', leads: ['70', '80', '81', '90', '91'], length: 10 },
  { country: 'United Kingdom', code: '44', leads: ['7'], length: 10 },
  { country: 'Germany', code: '49', leads: ['15', '16', '17'], length: 11 },
  { country: 'France', code: '33', leads: ['6', '7'], length: 9 },
  { country: 'Australia', code: '61', leads: ['4'], length: 9 },
  { country: 'Brazil', code: '55', leads: ['119', '219', '619'], length: 11 },
];

const CHINA = NUMBERING_PLANS[0] as NumberingPlan;

/** The MobileNumber definition: a field that refers to it is a §1.4 number. */
const MOBILE_NODE = resolve({ $ref: 'definitions.json#/$defs/MobileNumber' });

/** Whether a (resolved) schema node is a §1.4 number: it carries MobileNumber's grammar (D12). */
export function isMobileNumberNode(node: SchemaNode | undefined): boolean {
  const pattern = MOBILE_NODE['x-should']?.pattern;
  return pattern !== undefined && node?.['x-should']?.pattern === pattern;
}

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** A national mobile number of a plan, without its country code. */
function nationalNumber(plan: NumberingPlan): fc.Arbitrary<string> {
  const rest = plan.length - (plan.leads[0]?.length ?? 0);
  return fc.tuple(fc.constantFrom(...plan.leads), digits(rest)).map(([lead, tail]) => lead + tail);
}

/** §1.4's domestic form: a Chinese mobile without its country code (13600000000). */
export const domesticMobile: fc.Arbitrary<string> = nationalNumber(CHINA);

/** §1.4's first form: a country code, then a national mobile number (8613600000000). */
export const internationalMobile: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: nationalNumber(CHINA).map((n) => CHINA.code + n) },
  ...NUMBERING_PLANS.slice(1).map((plan) => ({
    weight: 1,
    arbitrary: nationalNumber(plan).map((n) => plan.code + n),
  })),
);

/** A number a real platform would push (D25): digits, at a real length, in either §1.4 form. */
export const phoneNumber: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: domesticMobile },
  { weight: 2, arbitrary: internationalMobile },
);

/** Every reading of a number of digits as a phone number of the plans above (none: no phone number). */
export function phoneNumberReadings(digitsOnly: string): string[] {
  const readings: string[] = [];
  const fits = (plan: NumberingPlan, national: string) =>
    national.length === plan.length && plan.leads.some((lead) => national.startsWith(lead));
  if (fits(CHINA, digitsOnly)) readings.push('a Chinese mobile without its country code (11 digits)');
  for (const plan of NUMBERING_PLANS) {
    if (digitsOnly.startsWith(plan.code) && fits(plan, digitsOnly.slice(plan.code.length)))
      readings.push(`country code ${plan.code} (${plan.country}) and ${plan.length} digits`);
  }
  return readings;
}

const COUNTS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** What a number is, in words: "country code 86 (China) and 11 digits", "a one-digit number". */
export function describePhoneNumber(mobile: string): string {
  const plus = mobile.startsWith('+');
  const body = plus ? mobile.slice(1) : mobile;
  if (!/^[0-9]+$/.test(body)) return 'not a number of digits';
  const readings = phoneNumberReadings(body);
  const sign = plus ? ', after a +' : '';
  if (readings.length > 0) return `${readings.join(', or ')}${sign}`;
  const count = COUNTS[body.length] ?? String(body.length);
  return `a ${count}-digit number${body.startsWith('0') ? ' starting with 0' : ''}${sign}, no country's mobile number`;
}
