// Property cases (fast-check): any valid push drawn from the schemas is acknowledged with "0"
// (MUST), and any push with exactly one fault drawn from the schemas is not (SHOULD, D18). The
// runs are pushed at once, as a platform pushes (up to the run's concurrency, across the property
// cases). A failure records seed, path and the shrunk counterexample, replays it once so the
// report holds its exchange and curl, and says how to rerun exactly it.
import fc from 'fast-check';
import { faultyMessageArbitrary } from '../../arbitraries/faults.js';
import { messageArbitrary, type Overrides } from '../../arbitraries/from-schema.js';
import { isMobileNumberNode, phoneNumber } from '../../arbitraries/phone-number.js';
import { isSpecTimeNode, specTime } from '../../arbitraries/spec-time.js';
import { stringFor } from '../../arbitraries/strings.js';
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { Slots } from '../../cases/schedule.js';
import type { CaseLevel } from '../../cases/types.js';
import { WORDS } from '../../rules/index.js';
import type { Json } from '../../schema/instances.js';
import { codePointLength } from '../../schema/length.js';
import { resolve } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { acknowledges, notAcknowledged } from './checks.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  PUSH_MESSAGE,
  type PushKind,
  type PushResult,
  pushQuietly,
} from './context.js';
import { describeKinds } from './kinds.js';

const char = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

/**
 * Code points inside the BMP: mostly ASCII, some Chinese, some of the rest below the surrogates.
 * D7 makes text at a limit SHOULD wherever code points, UTF-16 units and UTF-8 bytes disagree (an
 * endpoint counting units or bytes is not proven wrong), so the properties draw from the BMP only,
 * where code points and UTF-16 units agree (emoji at the limit are
 * customer.uplink.content.emoji-at-limit, SHOULD); the MUST one also cuts each text to as many
 * code points as fit the limit in UTF-8 bytes (limitSafe).
 */
const bmpCodePoint = fc.oneof(
  { weight: 6, arbitrary: char(0x20, 0x7e) },
  { weight: 2, arbitrary: char(0x4e00, 0x9fa5) },
  { weight: 1, arbitrary: char(0xa0, 0xd7ff) },
);

/** The longest head of `text` whose UTF-8 bytes fit `max`: within the limit however it is counted (D7). */
export function limitSafe(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/**
 * Valid pushes: messageArbitrary with every free-text field drawn from the BMP, numbers a real
 * platform would push (digits at a country's real length, D25; a leading `+` is SHOULD, D12) and
 * times that are real dates in the §1.6 format (D23). `limit-safe` (what a customer MUST
 * acknowledge, D7) cuts each text to its limit in UTF-8 bytes and draws smsCount from 1 (D4);
 * `code-points` lets multi-byte text reach the limit in code points (SHOULD, D7).
 */
export function mustValidPush(
  to: PushKind,
  text: 'limit-safe' | 'code-points' = 'limit-safe',
): fc.Arbitrary<Json> {
  const schema = resolve(messageSchema(PUSH_MESSAGE[to]));
  const overrides: Record<string, fc.Arbitrary<Json>> = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const node = resolve(raw);
    // A count of parts ("长短信拆分的条数") from 1: 0, the minimum of D4's reading, is SHOULD
    // (customer.report.limit.smsCount.minimum), never what the MUST property pushes.
    const integer = node.type === 'integer' || (Array.isArray(node.type) && node.type.includes('integer'));
    if (integer && text === 'limit-safe' && (node.minimum ?? 0) < 1) {
      overrides[name] = fc.integer({ min: 1, max: Math.max(1, node.maximum ?? 1) });
      continue;
    }
    // An optional field is a string or null (D15); the arbitrary draws the string.
    if (!(node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string')))) continue;
    if (isMobileNumberNode(node)) {
      overrides[name] = phoneNumber;
    } else if (isSpecTimeNode(node)) {
      overrides[name] = specTime;
    } else if (!node['x-should']?.pattern) {
      const drawn = stringFor(node, bmpCodePoint);
      const max = node.maxLength;
      overrides[name] =
        text === 'limit-safe' && max !== undefined
          ? drawn.map((s) => limitSafe(s, max)).filter((s) => codePointLength(s) >= (node.minLength ?? 0))
          : drawn;
    }
  }
  return messageArbitrary(PUSH_MESSAGE[to], { overrides: overrides as Overrides });
}

interface PropertySpec<T> {
  id: string;
  to: PushKind;
  level: CaseLevel;
  title: string;
  decisions: string[];
  /** The original's words that compel a MUST that cites a decision. */
  words?: string[];
  arbitrary: () => fc.Arbitrary<T>;
  body: (value: T) => Json;
  /** Why the answer breaks the property, or undefined. */
  judge: (r: PushResult, value: T) => string | undefined;
  /** What every run held, for the note of a pass. */
  holds: string;
}

/** A run's push, made before fast-check walks the runs: its body as text, and its answer. */
interface Pushed {
  text: string;
  /** Undefined when it was not pushed: an earlier push got no answer. */
  result?: PushResult;
}

/**
 * Pushes the runs' values (those fast-check draws with the run's seed, in its order) at once, up to
 * the run's concurrency across the property cases (ctx.pushSlots), as a platform pushes. After a
 * push that got no answer, the ones not yet gone are not pushed.
 */
async function pushRuns<T>(ctx: CustomerContext, s: PropertySpec<T>, slots: Slots): Promise<Pushed[]> {
  const values: T[] = [];
  fc.check(
    fc.property(s.arbitrary(), (value) => {
      values.push(value);
    }),
    { seed: ctx.seed, numRuns: ctx.runs },
  );
  let unanswered = false;
  return Promise.all(
    values.map((value) =>
      slots.run(async (): Promise<Pushed> => {
        const body = s.body(value);
        const text = JSON.stringify(body);
        if (unanswered) return { text };
        const result = await pushQuietly(ctx, s.to, body);
        if (result.error) unanswered = true;
        return { text, result };
      }),
    ),
  );
}

async function checkProperty<T>(ctx: CustomerContext, t: CaseRecorder, s: PropertySpec<T>): Promise<void> {
  // After a transport failure every later run fails at once without sending: shrinking then
  // costs nothing, and the message says the endpoint stopped answering, not which push.
  let unreachable: string | undefined;
  // The runs are pushed first, at once (pushRuns); fast-check then walks the same values in order
  // over their answers, and pushes only what it shrinks to, one at a time. Replaying a path pushes
  // that one value.
  const early = ctx.pushSlots && !ctx.path ? await pushRuns(ctx, s, ctx.pushSlots) : [];
  let run = 0;
  let shrinking = false;
  const details = await fc.check(
    fc.asyncProperty(s.arbitrary(), async (value) => {
      if (unreachable) throw new Error(unreachable);
      const body = s.body(value);
      const before = shrinking ? undefined : early[run++];
      const r =
        before?.result && before.text === JSON.stringify(body)
          ? before.result
          : await pushQuietly(ctx, s.to, body);
      if (r.error) {
        shrinking = true;
        unreachable = `no answer: ${r.error}`;
        throw new Error(unreachable);
      }
      const problem = s.judge(r, value);
      if (problem) {
        shrinking = true;
        throw new Error(problem);
      }
    }),
    { seed: ctx.seed, numRuns: ctx.runs, ...(ctx.path ? { path: ctx.path } : {}) },
  );
  if (!details.failed) {
    t.property = { seed: details.seed, runs: details.numRuns };
    t.note(`${details.numRuns} pushes: ${s.holds}`);
    return;
  }
  if (details.counterexample === null) {
    t.property = { seed: details.seed, runs: ctx.runs };
    t.fail(
      `the property could not complete (${details.interrupted ? 'interrupted' : 'too many skipped values'})`,
    );
  }
  const body = s.body(details.counterexample[0]);
  const counterexample = JSON.stringify(body);
  const path = details.counterexamplePath;
  t.property = { seed: details.seed, runs: ctx.runs, path, counterexample };
  // The shrunk counterexample once more, recorded: the report shows its exchange and curl.
  const replay = await pushQuietly(ctx, s.to, body, { label: 'the shrunk counterexample, replayed' });
  t.record(replay.exchange);
  const reason =
    unreachable ??
    (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  t.fail(
    `${reason}; counterexample after ${details.numRuns} run(s) and ${details.numShrinks} shrink(s): ${counterexample}. ` +
      `Replay exactly it with --seed ${details.seed} --path ${path}`,
    s.holds,
    reason,
  );
}

function propertyCase<T>(s: PropertySpec<T>): Case<CustomerContext> {
  return customerCase({
    id: s.id,
    clause: PUSH_CLAUSE[s.to],
    level: s.level,
    title: s.title,
    kind: 'property',
    decisions: s.decisions,
    ...(s.words ? { words: s.words } : {}),
    covers: ['§3 table 3-3 / §4 table 4-3'],
    skipUnless: needsUrl(s.to),
    run: (ctx, t) => checkProperty(ctx, t, s),
  });
}

/** A problem with what the push's numbers and times are, so a shrunk counterexample names them. */
function withKinds(to: PushKind, push: Json, problem: string | undefined): string | undefined {
  const kinds = problem === undefined ? '' : describeKinds(to, push);
  return problem === undefined || kinds === '' ? problem : `${problem}; the push held ${kinds}`;
}

function casesFor(to: PushKind): Case<CustomerContext>[] {
  return [
    propertyCase<Json>({
      id: `customer.${to}.property.valid`,
      to,
      level: 'MUST',
      title: `any valid ${to} drawn from the schema (BMP text within its limits in UTF-8 bytes, real phone numbers, real times) is acknowledged with "0"`,
      decisions: ['D7', 'D12', 'D23', 'D25'],
      words: [
        to === 'uplink' ? WORDS.table32 : WORDS.table42,
        WORDS.mobile,
        WORDS.timeFormat,
        ...(to === 'report' ? [WORDS.otherStatus, WORDS.smsCount] : []),
      ],
      arbitrary: () => mustValidPush(to),
      body: (value) => value,
      judge: (r, value) => withKinds(to, value, notAcknowledged(r)),
      holds: 'every valid push acknowledged with "0"',
    }),
    propertyCase<Json>({
      id: `customer.${to}.property.valid-multibyte`,
      to,
      level: 'SHOULD',
      title: `any valid ${to} with BMP text up to its limits in code points (Chinese: 3 UTF-8 bytes each) is acknowledged with "0"`,
      decisions: ['D7', 'D12', 'D23', 'D25'],
      arbitrary: () => mustValidPush(to, 'code-points'),
      body: (value) => value,
      judge: (r, value) => withKinds(to, value, notAcknowledged(r)),
      holds: 'every valid push acknowledged with "0"',
    }),
    propertyCase({
      id: `customer.${to}.property.one-fault`,
      to,
      level: 'SHOULD',
      title: `any ${to} with one fault drawn from the schema (MUST rules) is not acknowledged with "0"`,
      decisions: ['D18', 'D15'],
      arbitrary: () => faultyMessageArbitrary(PUSH_MESSAGE[to], mustValidPush(to), { levels: ['MUST'] }),
      body: (value) => value.message,
      judge: (r, value) =>
        acknowledges(r) ? `a push whose ${value.fault.description} was acknowledged with "0"` : undefined,
      holds: 'no push with a fault acknowledged',
    }),
  ];
}

export const propertyCases: Case<CustomerContext>[] = PUSH_KINDS.flatMap(casesFor);
