// Property cases (fast-check): random valid requests for this target are always accepted with a
// valid answer and one result per recipient; random requests with exactly one fault are always
// refused with the code the fault calls for. The seed is the run's; a failure records fast-check's
// path to the shrunk counterexample, so `--seed N --path P` replays exactly it. Runs and list
// sizes shrink so that every run fits what is left of the budget. Valid requests cost SMS: they go
// to the profile's sink numbers when it has any, and all their runs together fit a cap of their
// own (platform.validRunsBudget), counted by what each request really has: one recipient, two, or
// a batch of several messages when the cap is wide enough; a drawn request that would go past
// the cap is not sent. Each is written as a sender's serializer writes it (compact, Python's
// json.dumps, pretty-printed; members as built, sorted or reversed: wire-body.ts).
import fc from 'fast-check';
import { type FaultyMessage, faultableConstraints, faultyMessageArbitrary } from '../../arbitraries/index.js';
import { type Case, CaseFailure, type CaseRecorder } from '../../cases/case.js';
import { isUndeliverable, SafetyRefusal } from '../../client/budget.js';
import { RULES, WORDS } from '../../rules/index.js';
import type { Constraint, Level } from '../../schema/constraints.js';
import type { Json } from '../../schema/instances.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { validRequestArbitrary } from './arbitraries.js';
import { expectAccepted, expectCode, expectFormatError, faultScope, short } from './checks.js';
import { type PlatformContext, platformCase, type SendResult, send, spendingMobiles } from './context.js';
import { pathKeyOf } from './values.js';
import { JSON_STYLES, MEMBER_ORDERS, WireBody } from './wire-body.js';

const TYPE = 'SendTemplateMessageRequest';
/** Longest list a property of faulty requests draws, whatever the budget: requests stay small and quick. */
const LIST_CAP = 5;
/** Most recipients a random valid request has, short of a batch (one message with two numbers, or two with one). */
const VALID_RECIPIENTS = 2;
/** A batch of several messages is drawn when the cap holds this many of its largest (3 messages or more). */
const BATCH_SHARE = 10;

interface Plan {
  runs: number;
  maxListLength: number;
  /** Valid runs: the recipients all of them together may get accepted (validRunsBudget, within what is left). */
  cap?: number;
  /** Valid runs: most recipients of one request (a batch's messages). */
  maxRecipients?: number;
}

/**
 * Runs and list length such that each request's recipients (messages × numbers) fit the budget
 * left. Requests that are meant to be accepted (`spends`) have a cap of their own, the profile's
 * `validRunsBudget`, that all the runs' recipients together fit; refused ones cost nothing on a
 * conforming platform and keep their count of runs.
 */
function plan(ctx: PlatformContext, caseId: string, spends: boolean): Plan | undefined {
  const left = ctx.budget.remainingFor(caseId);
  if (left === 0) return undefined;
  if (!spends)
    return { runs: ctx.runs, maxListLength: Math.max(1, Math.min(LIST_CAP, Math.floor(Math.sqrt(left)))) };
  const cap = Math.min(left, ctx.platform.validRunsBudget);
  // Every run draws; a request is sent while its recipients fit what is left of the cap, so the
  // cap is spent whole, by as many requests as it holds.
  const runs = cap > 0 ? ctx.runs : 0;
  const maxRecipients = Math.max(VALID_RECIPIENTS, Math.floor(cap / BATCH_SHARE));
  return runs > 0 ? { runs, maxListLength: LIST_CAP, cap, maxRecipients } : undefined;
}

/** Every number a lenient platform could read from a body: strings, numbers, one value for a list. */
function readableNumbers(body: unknown): string[] {
  const lists = (body as { requestLists?: unknown } | null)?.requestLists;
  const messages = Array.isArray(lists) ? lists : lists && typeof lists === 'object' ? [lists] : [];
  return messages.flatMap((m: unknown) => {
    const mobiles = (m as { mobiles?: unknown } | null)?.mobiles;
    const items = Array.isArray(mobiles) ? mobiles : mobiles === undefined ? [] : [mobiles];
    return items.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
  });
}

interface Failing {
  recorder: CaseRecorder;
  error: unknown;
}

/**
 * Runs the property with the run's seed (and --path, to replay), sends through `send()` only; a
 * request the guard refuses is skipped (fc.pre), never sent. On failure the case records the
 * shrunk counterexample's exchanges, the seed, the path and the counterexample (secrets masked).
 */
async function runProperty<T>(
  ctx: PlatformContext,
  t: CaseRecorder,
  id: string,
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  check: (value: T, rec: CaseRecorder) => Promise<void>,
  show: (value: T) => unknown = (value) => value,
): Promise<{ sent: number; skipped: number }> {
  let last: Failing | undefined;
  let sent = 0;
  let skipped = 0;
  let sample: CaseRecorder | undefined;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const rec = t.scratch();
    try {
      await check(value, rec);
      sent++;
      if (rec.exchanges.length > 0) sample ??= rec;
    } catch (error) {
      if (error instanceof SafetyRefusal) {
        skipped++;
        fc.pre(false);
      }
      last = { recorder: rec, error };
      throw error;
    }
  });
  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: runs,
    ...(ctx.path ? { path: ctx.path } : {}),
  });
  if (!details.failed) {
    for (const e of sample?.exchanges ?? []) t.record({ ...e, label: 'one of the runs, as a sample' });
    return { sent, skipped };
  }
  const shrunk = details.counterexample?.[0];
  // As drawn: the password in it is masked where the report is written, as every output is.
  const counterexample = JSON.stringify(shrunk === undefined ? null : show(shrunk));
  const path = details.counterexamplePath ?? undefined;
  t.property = { seed: details.seed, runs, ...(path ? { path } : {}), counterexample };
  for (const e of last?.recorder.exchanges ?? []) t.record(e);
  const cause = details.errorInstance ?? last?.error;
  const failure = cause instanceof CaseFailure ? cause : undefined;
  const reason =
    failure?.message ??
    (details.interrupted
      ? 'the property was interrupted'
      : String((cause as Error | undefined)?.message ?? cause));
  throw new CaseFailure(
    `${reason} — shrunk counterexample (after ${details.numShrinks} shrinks): ${short(counterexample, 600)}; replay: --only ${id} --seed ${details.seed}${path ? ` --path ${path}` : ''}`,
    failure?.expected,
    failure?.actual,
    failure?.findings,
  );
}

/** The faults a single-fault property draws from, and those it leaves out because the budget cannot reserve them. */
function faultPool(ctx: PlatformContext, caseId: string, levels: readonly Level[], maxListLength: number) {
  const all = faultableConstraints(TYPE, levels).filter(
    (c) =>
      c.level === levels[0] &&
      // The profile may keep faults on credentials out of properties (an account that locks).
      (ctx.platform.propertyAuthFaults || !['account', 'password'].includes(pathKeyOf(c.path))),
  );
  const left = ctx.budget.remainingFor(caseId);
  // A list made one too long holds (limit + 1) items copied from the valid ones: that many
  // recipients are reserved, as if the platform wrongly accepted it.
  const cost = (c: Constraint) => {
    if (c.keyword !== 'maxItems') return maxListLength * maxListLength;
    const items = (c.limit as number) + 1;
    return pathKeyOf(c.path) === 'requestLists'
      ? items * maxListLength
      : items * (pathKeyOf(c.path).includes('mobiles') ? 1 : maxListLength * maxListLength);
  };
  return { pool: all.filter((c) => cost(c) <= left), left: all.filter((c) => cost(c) > left) };
}

function faultCase(level: 'MUST' | 'SHOULD'): Case<PlatformContext> {
  const id = level === 'MUST' ? 'platform.properties.faults' : 'platform.properties.faults.should';
  return platformCase({
    id,
    clause: level === 'MUST' ? '§5.1 100003' : '§1.4 mobile numbers',
    level,
    title:
      level === 'MUST'
        ? 'random valid requests with exactly one fault are refused with the code it calls for (100002 / 100003)'
        : 'random valid requests with one fault of our readings (number grammar, callback URL) are refused with 100003',
    kind: 'property',
    decisions: level === 'MUST' ? ['D10', 'D15', 'D17'] : ['D6', 'D12'],
    ...(level === 'MUST' ? { words: [WORDS.missing, WORDS.format] } : {}),
    covers: level === 'MUST' ? ['§5.1 100002', codeKey('100002'), codeKey('100003')] : [codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const p = plan(ctx, t.caseId, false);
      if (!p) t.skip('the budget is spent: no request can be reserved');
      const { pool, left } = faultPool(ctx, t.caseId, [level], p.maxListLength);
      if (pool.length === 0) t.skip('no fault fits the budget left');
      const valid = validRequestArbitrary(ctx.platform, {
        statusCallback: ctx.receiver.reportUrl,
        maxListLength: p.maxListLength,
        mobiles: spendingMobiles(ctx.platform),
      });
      const arbitrary = faultyMessageArbitrary(TYPE, valid, { constraints: pool });
      const { sent, skipped } = await runProperty(
        ctx,
        t,
        id,
        arbitrary,
        p.runs,
        async ({ message, fault }: FaultyMessage, rec: CaseRecorder) => {
          // A coercing platform could read a number out of a wrongly typed value: never one outside the profile.
          const foreign = readableNumbers(message).filter(
            (m) =>
              !isUndeliverable(m) &&
              !ctx.platform.mobiles.includes(m) &&
              !ctx.platform.sinkMobiles.includes(m),
          );
          if (foreign.length > 0) throw new SafetyRefusal(`a fault would name ${foreign.join(', ')}`);
          const r: SendResult = await send(ctx, rec, message as Json);
          const requirement = `${fault.constraint.clause}: ${fault.description}, so the request is refused with ${fault.expectedCode}`;
          const faulty = { request: message, scope: faultScope(fault.path) };
          if (fault.expectedCode === '100003')
            expectFormatError(rec, r, pathKeyOf(fault.constraint.path), requirement, faulty);
          else expectCode(rec, r, [fault.expectedCode], requirement, faulty);
        },
      );
      const out =
        left.length > 0
          ? `; left out for the budget: ${left.map((c) => `${pathKeyOf(c.path)} ${c.keyword}`).join(', ')}`
          : '';
      t.note(`${sent} faulty request(s) refused as expected, ${skipped} not sent (the guard)${out}`);
    },
  });
}

export const propertyCases: Case<PlatformContext>[] = [
  faultCase('MUST'),
  faultCase('SHOULD'),
  platformCase({
    id: 'platform.properties.valid',
    clause: '§5.1 0',
    level: 'MUST',
    title:
      'random valid requests for the profile are accepted, with a valid answer and a generated messageId for each message without one',
    kind: 'property',
    decisions: ['D7', 'D9', 'D19', 'D27', 'D30'],
    words: [WORDS.send, WORDS.json, WORDS.generated],
    covers: [codeKey('0'), '§2 sendTemplateMessage', '§5.5 MtSmsMessageRsp'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const p = plan(ctx, t.caseId, true);
      if (!p?.cap)
        t.skip(
          ctx.budget.remainingFor(t.caseId) === 0
            ? 'the budget is spent: no valid request can be sent'
            : `platform.validRunsBudget (${ctx.platform.validRunsBudget}) leaves no run`,
        );
      const mobiles = spendingMobiles(ctx.platform);
      const arbitrary = fc.record({
        request: validRequestArbitrary(ctx.platform, {
          statusCallback: ctx.receiver.reportUrl,
          maxListLength: p.maxListLength,
          mobiles,
          maxRecipients: p.maxRecipients ?? VALID_RECIPIENTS,
        }),
        style: fc.constantFrom(...JSON_STYLES),
        order: fc.constantFrom(...MEMBER_ORDERS),
      });
      // What the runs may still get accepted; past a first failure, shrinking sends what it needs
      // (within the budget), as a failing platform is being shown.
      const allowance = { left: p.cap, failed: false, unsent: 0 };
      const { sent, skipped } = await runProperty(
        ctx,
        t,
        'platform.properties.valid',
        arbitrary,
        p.runs,
        async ({ request, style, order }, rec: CaseRecorder) => {
          const cost = ctx.budget.deliverable(request);
          if (!allowance.failed && cost > allowance.left) {
            allowance.unsent += 1;
            return;
          }
          allowance.left -= cost;
          const body =
            style === 'compact' && order === 'as-built'
              ? request
              : WireBody.styled(request as { [key: string]: Json }, style, order);
          try {
            const r = await send(ctx, rec, body);
            expectAccepted(rec, r, '§5.1 0: a request valid for this target is accepted');
            // One result per recipient and unique ids are readings (SHOULD, D19): the MUST is §5.4's.
            rec.assertSend(r.wire, RULES.send.recipients.messageIdGenerated);
          } catch (error) {
            if (!(error instanceof SafetyRefusal)) allowance.failed = true;
            throw error;
          }
        },
      );
      const to = ctx.platform.sinkMobiles.length > 0 ? 'sink numbers' : "the profile's phones";
      t.note(
        `${sent - allowance.unsent} random valid request(s) accepted (${p.cap - allowance.left} recipient(s) to ${to}, at most ${p.maxRecipients} per request; validRunsBudget ${ctx.platform.validRunsBudget}), ${allowance.unsent} drawn past the cap not sent, ${skipped} not sent (the budget)`,
      );
    },
  }),
];
