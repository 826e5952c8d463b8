// Mutant customer endpoints, one defect each, and the customer cases each must fail. Families are
// derived from the schemas like the cases (a §5.2 status forgotten, an optional field required,
// an off-by-one at each limit), so every MUST case has a defect aimed at it; the rest are the
// defects seen in real receivers (a numeric resultCode, `OK` as text, HTTP 500, a crash on a bad body).

import { JSON_CONTENT_TYPE } from '../../../src/client/http.js';
import type { Constraint } from '../../../src/schema/constraints.js';
import { nodeAt } from '../../../src/schema/navigate.js';
import { messageSchema } from '../../../src/schema/registry.js';
import { limitKey } from '../../../src/spec/coverage-keys.js';
import { PUSH_KINDS, PUSH_MESSAGE, type PushKind } from '../../../src/suites/customer/context.js';
import { customerCases } from '../../../src/suites/customer/index.js';
import {
  isTimeLength,
  knownStatuses,
  limitPush,
  optionalFields,
  pushLimits,
} from '../../../src/suites/customer/messages.js';
import { foreignA1CustomerMutants } from './foreign-a1.js';
import {
  answer,
  type Defect,
  type Endpoint,
  type Incoming,
  isAcknowledgement,
  refuse,
  startDefective,
} from './server.js';
import { validValueMutants } from './valid-values.js';

export interface CustomerMutant {
  name: string;
  /** The defect, in one line. */
  defect: string;
  /** Case ids that must fail against it (at least one). */
  kills: string[];
  start(): Promise<Endpoint>;
  /** A slow mutant runs only these cases (each costs its delay), with this short timeout. */
  run?: { only: string; timeoutMs: number };
}

function mutant(name: string, defect: string, kills: string[], fn: Defect): CustomerMutant {
  return { name, defect, kills, start: () => startDefective(fn) };
}

/** The ids of the customer cases that match: for a defect every case of a family must catch. */
function caseIds(matches: (id: string) => boolean): string[] {
  return customerCases.map((c) => c.id).filter(matches);
}

const field = (push: Incoming, name: string): unknown => push.body?.[name];
const codePoints = (s: string) => [...s].length;

/** `refuse()` in place of the honest acknowledgement when `when` holds; otherwise honest. */
function refuseWhen(when: (push: Incoming) => boolean, code = '100003'): Defect {
  return (push, honest) => (when(push) ? refuse(code, 'mutant refusal') : honest);
}

const statusMutants: CustomerMutant[] = [
  ...Object.keys(knownStatuses()).map((status) =>
    mutant(
      `forgets-status-${status}`,
      `a status switch without a branch for ${status}`,
      [`customer.report.status.${status}`],
      refuseWhen((p) => p.kind === 'report' && field(p, 'status') === status),
    ),
  ),
  mutant(
    'rejects-unknown-status',
    'refuses a status outside the eight of §5.2 (D1 says the set is open)',
    // The report property draws statuses from the whole open set, so it meets unknown ones.
    [
      'customer.report.status.DELIVED',
      'customer.report.status.other',
      'customer.report.property.valid',
      'customer.report.property.valid-multibyte',
    ],
    refuseWhen(
      (p) =>
        p.kind === 'report' &&
        typeof field(p, 'status') === 'string' &&
        !(String(field(p, 'status')) in knownStatuses()),
    ),
  ),
];

const fieldMutants: CustomerMutant[] = PUSH_KINDS.flatMap((kind) =>
  optionalFields(kind).flatMap((name) => [
    mutant(
      `requires-${kind}-${name}`,
      `treats the optional ${kind} field ${name} as required (100002)`,
      [`customer.${kind}.minimal`, `customer.${kind}.optional-absent.${name}`],
      refuseWhen((p) => p.kind === kind && p.body !== undefined && field(p, name) === undefined, '100002'),
    ),
    mutant(
      `forgets-${kind}-${name}`,
      `a field whitelist that forgot the optional ${kind} field ${name}`,
      [`customer.${kind}.maximal`],
      refuseWhen((p) => p.kind === kind && field(p, name) !== undefined),
    ),
  ]),
);

/** The length of the value a limit case pushes: the limit, but 19 for a time field (D24). */
function pushedLength(c: Constraint): number {
  const value = limitPush(c)[String(c.path[0])];
  return typeof value === 'string' ? codePoints(value) : (c.limit as number);
}

function atLimit(c: Constraint, value: unknown): boolean {
  const limit = c.limit as number;
  if (c.keyword === 'maxLength') return typeof value === 'string' && codePoints(value) >= pushedLength(c);
  if (c.keyword === 'maximum') return typeof value === 'number' && value >= limit;
  return typeof value === 'number' && value <= limit;
}

/** `<` for `<=`: the value at the limit itself is refused. */
const limitMutants: CustomerMutant[] = PUSH_KINDS.flatMap((kind) =>
  pushLimits(kind).map((c) => {
    const where = c.path.join('.');
    return mutant(
      `off-by-one-${kind}-${where}-${c.keyword}`,
      isTimeLength(c)
        ? `refuses ${where} of ${pushedLength(c)} characters, a whole §1.6 time (${limitKey(c)}, D24)`
        : `refuses ${where} at its ${c.keyword} ${String(c.limit)} (${limitKey(c)})`,
      [`customer.${kind}.limit.${where}.${c.keyword}`],
      refuseWhen((p) => p.kind === kind && atLimit(c, field(p, String(c.path[0])))),
    );
  }),
);

/** Counts every limited string field of the push in another unit than code points (D7). */
function countsIn(unit: (s: string) => number): Defect {
  return refuseWhen((p) =>
    pushLimits(p.kind).some((c) => {
      const v = field(p, String(c.path[0]));
      return c.keyword === 'maxLength' && typeof v === 'string' && unit(v) > (c.limit as number);
    }),
  );
}

const unitMutants: CustomerMutant[] = [
  mutant(
    'counts-utf8-bytes',
    'counts lengths in UTF-8 bytes: 140 Chinese characters are 420',
    ['customer.uplink.content.cjk-at-limit', 'customer.uplink.property.valid-multibyte'],
    countsIn((s) => Buffer.byteLength(s)),
  ),
  mutant(
    'ascii-content-only',
    'refuses uplink content with any character outside ASCII (a receiver that decodes as ASCII)',
    [
      'customer.uplink.property.valid',
      'customer.uplink.property.valid-multibyte',
      'customer.uplink.content.cjk-at-limit',
    ],
    refuseWhen((p) => p.kind === 'uplink' && /[^\x20-\x7e]/.test(String(field(p, 'content') ?? ''))),
  ),
  mutant(
    'counts-utf16-units',
    'counts lengths in UTF-16 units (Java String.length): 140 emoji are 280',
    ['customer.uplink.content.emoji-at-limit'],
    countsIn((s) => s.length),
  ),
];

const mobileMutants: CustomerMutant[] = [
  mutant(
    'rejects-plus-mobile',
    'refuses a mobile with a leading + (D12)',
    ['customer.report.wild.real-report', 'customer.uplink.mobile.plus', 'customer.report.mobile.plus'],
    refuseWhen((p) => String(field(p, 'mobile') ?? '').startsWith('+')),
  ),
  mutant(
    'requires-country-code',
    'refuses an 11-digit domestic number without country code (§1.4 allows it)',
    ['customer.uplink.mobile.domestic', 'customer.report.mobile.domestic', 'customer.uplink.spec-example'],
    refuseWhen((p) => /^1[0-9]{10}$/.test(String(field(p, 'mobile') ?? ''))),
  ),
  mutant(
    'domestic-only',
    'takes only 11-digit Chinese numbers, refuses one with its country code',
    ['customer.uplink.mobile.country-code', 'customer.report.mobile.country-code'],
    refuseWhen((p) => p.body !== undefined && !/^1[0-9]{10}$/.test(String(field(p, 'mobile') ?? ''))),
  ),
  mutant(
    'smsCount-as-string',
    'expects smsCount as a string, as the form-encoded sample does, and refuses an int',
    ['customer.report.smsCount.typical'],
    refuseWhen((p) => p.kind === 'report' && typeof field(p, 'smsCount') === 'number'),
  ),
];

const resultDescMax = nodeAt(messageSchema('NotifyResponse'), ['resultDesc'])?.maxLength ?? 100;

const answerMutants: CustomerMutant[] = [
  mutant(
    'answers-000000',
    'acknowledges with "000000" (as the vendor sample receiver prints) instead of "0"',
    ['customer.uplink.minimal', 'customer.report.minimal'],
    (_p, honest) => (isAcknowledgement(honest) ? answer({ resultCode: '000000' }) : honest),
  ),
  mutant(
    'plain-text-ok',
    'answers the text OK',
    ['customer.uplink.answer.json', 'customer.report.answer.json'],
    () => ({ status: 200, contentType: 'text/plain', body: 'OK' }),
  ),
  mutant(
    'no-json-content-type',
    'answers JSON labelled text/plain',
    ['customer.uplink.answer.content-type', 'customer.report.answer.content-type'],
    (_p, honest) => ({ ...honest, contentType: 'text/plain' }),
  ),
  mutant(
    'no-charset',
    'answers Content-Type application/json without charset=UTF-8 (§1.5, D16)',
    ['customer.uplink.answer.content-type', 'customer.report.answer.content-type'],
    (_p, honest) => ({ ...honest, contentType: 'application/json' }),
  ),
  mutant(
    'numeric-result-code',
    'answers {"resultCode":0}, a number',
    ['customer.uplink.answer.result-code-string', 'customer.report.answer.result-code-string'],
    (_p, honest) => ({ ...honest, body: honest.body.replace('"resultCode":"0"', '"resultCode":0') }),
  ),
  mutant(
    'long-result-desc',
    `acknowledges with a resultDesc longer than ${resultDescMax}`,
    ['customer.uplink.answer.schema', 'customer.report.answer.schema'],
    (_p, honest) =>
      isAcknowledgement(honest)
        ? answer({ resultCode: '0', resultDesc: `received ${'.'.repeat(resultDescMax)}` })
        : honest,
  ),
  mutant(
    'http-500-ack',
    'answers a valid {"resultCode":"0"} with HTTP 500',
    ['customer.uplink.answer.http-status', 'customer.report.answer.http-status'],
    (_p, honest) => ({ ...honest, status: 500 }),
  ),
  {
    // Slow only where it acknowledges (refusing is quick, the work comes after a valid push), so
    // the run's preflight probe, an empty push, is still answered in time.
    name: 'slow',
    defect: 'acknowledges a valid push only after the timeout',
    kills: ['customer.uplink.answer.within-timeout', 'customer.report.answer.within-timeout'],
    start: () =>
      startDefective(async (_p, honest) => {
        if (isAcknowledgement(honest)) await new Promise((resolve) => setTimeout(resolve, 400));
        return honest;
      }),
    run: { only: 'customer.*.answer.*', timeoutMs: 200 },
  },
];

function concurrencyLimited(limit: number): Defect {
  let inFlight = 0;
  return async (_p, honest) => {
    inFlight++;
    try {
      // Hold each push a moment, as a receiver doing real work does, so a burst overlaps.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return inFlight > limit ? answer({ resultCode: '100003', resultDesc: 'busy' }, 503) : honest;
    } finally {
      inFlight--;
    }
  };
}

function rejectsRepeats(): Defect {
  const seen = new Set<string>();
  return (p, honest) => {
    if (p.kind !== 'report') return honest;
    const key = p.text;
    if (seen.has(key)) return refuse('100003', 'duplicate report');
    seen.add(key);
    return honest;
  };
}

const known = (kind: PushKind) =>
  new Set(Object.keys(nodeAt(messageSchema(PUSH_MESSAGE[kind]), [])?.properties ?? {}));

const toleranceMutants: CustomerMutant[] = [
  {
    name: 'rejects-repeated-report',
    defect: 'refuses a report identical to one it acknowledged before (D20)',
    kills: ['customer.report.tolerance.duplicate'],
    start: () => startDefective(rejectsRepeats()),
  },
  mutant(
    'rejects-unknown-fields',
    'refuses a push with a field the table does not list',
    ['customer.uplink.tolerance.unknown-fields', 'customer.report.tolerance.unknown-fields'],
    refuseWhen((p) => Object.keys(p.body ?? {}).some((k) => !known(p.kind).has(k))),
  ),
  {
    name: 'concurrency-limited',
    defect: 'answers 503 when more than 4 pushes are in flight',
    kills: ['customer.uplink.tolerance.burst', 'customer.report.tolerance.burst'],
    start: () => startDefective(concurrencyLimited(4)),
  },
  mutant(
    'refuses-charset-parameter',
    'takes only a bare application/json, refusing the charset §1.5 itself names (415)',
    ['customer.uplink.tolerance.content-type.charset', 'customer.report.tolerance.content-type.charset'],
    (p, honest) =>
      p.contentType === 'application/json'
        ? honest
        : answer({ resultCode: '100003', resultDesc: 'media type' }, 415),
  ),
  mutant(
    'exact-charset',
    `refuses any Content-Type but exactly ${JSON_CONTENT_TYPE} (415)`,
    ['customer.uplink.tolerance.content-type.plain', 'customer.report.tolerance.content-type.plain'],
    (p, honest) =>
      p.contentType === JSON_CONTENT_TYPE
        ? honest
        : answer({ resultCode: '100003', resultDesc: 'media type' }, 415),
  ),
];

const rejectMutants: CustomerMutant[] = [
  mutant(
    'accepts-anything',
    'acknowledges every push, valid or not, JSON or not',
    caseIds(
      (id) =>
        (id.includes('.reject.') && !id.endsWith('.keeps-serving')) || id.endsWith('.property.one-fault'),
    ),
    () => answer({ resultCode: '0' }),
  ),
  mutant(
    'format-error-for-everything',
    'refuses every bad push with 100003, a missing field too (D18: 100002)',
    caseIds((id) => /\.reject\..*\.(missing|empty)$/.test(id)),
    (_p, honest) => (honest.body.includes('"100002"') ? refuse('100003') : honest),
  ),
  mutant(
    'crashes-on-non-json',
    'stops serving after a body that is not JSON',
    ['customer.uplink.reject.not-json.keeps-serving', 'customer.report.reject.not-json.keeps-serving'],
    (p, honest) => (p.body === undefined && p.contentType === JSON_CONTENT_TYPE ? 'crash' : honest),
  ),
  mutant(
    'html-error-page',
    'answers a body that is not JSON with an HTML error page (HTTP 400)',
    ['customer.uplink.reject.not-json', 'customer.report.reject.not-json'],
    (p, honest) =>
      p.body === undefined ? { status: 400, contentType: 'text/html', body: '<h1>Bad Request</h1>' } : honest,
  ),
];

export const CUSTOMER_MUTANTS: CustomerMutant[] = [
  ...statusMutants,
  ...fieldMutants,
  ...limitMutants,
  ...unitMutants,
  ...mobileMutants,
  ...answerMutants,
  ...toleranceMutants,
  ...rejectMutants,
  ...foreignA1CustomerMutants,
  ...validValueMutants,
];
