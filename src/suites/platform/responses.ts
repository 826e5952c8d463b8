// §2 table 2-3 and §5.5: the platform's answer. One request with two messages (one with the
// customer's own messageId, one without) to three recipients is sent once and judged by several
// cases: schema, string codes, one result per recipient with the mobile as sent (D19), the
// customer's messageId echoed, JSON media type. A refused request's answer is judged too.
import { asRuleCase, type Case, type CaseRecorder } from '../../cases/case.js';
import {
  matchRecipients,
  noResultsProblem,
  RULES,
  resultsOf,
  type SendRule,
  WORDS,
} from '../../rules/index.js';
import { schemaCoverKeys } from '../../spec/coverage-keys.js';
import { type Answer, answerOf, short } from './checks.js';
import {
  type PlatformContext,
  platformCase,
  type SendResult,
  send,
  validMessage,
  validRequest,
} from './context.js';
import { sharedRun } from './shared-run.js';
import { distinctMobiles, type JsonObject, uniqueId } from './values.js';

const RESPONSE_COVERS = schemaCoverKeys('SendTemplateMessageResponse');
const A = RULES.send.answer;
const P = RULES.send.recipients;

interface Exchanged {
  request: JsonObject;
  r: SendResult;
  answer: Answer;
  customerMessageId: string;
}

/**
 * Two messages to the profile's numbers, the second with the customer's messageId: three
 * recipients (with two profile numbers), in an order that reads differently backwards.
 */
async function recipientsRun(ctx: PlatformContext, t: CaseRecorder): Promise<Exchanged> {
  return sharedRun(ctx, t, 'responses.recipients', async (scratch) => {
    const both = distinctMobiles(ctx.platform, 2);
    const second = both[both.length - 1] as string;
    const customerMessageId = uniqueId(ctx, 20);
    const request = validRequest(ctx.platform, {
      requestLists: [
        validMessage(ctx.platform, both),
        { ...validMessage(ctx.platform, [second]), messageId: customerMessageId },
      ],
    });
    const r = await send(ctx, scratch, request);
    return { request, r, answer: answerOf(scratch, r), customerMessageId };
  });
}

/** A request without requestLists: a business error (100002) whose answer is still table 2-3's. */
async function refusedRun(ctx: PlatformContext, t: CaseRecorder): Promise<{ r: SendResult; answer: Answer }> {
  return sharedRun(ctx, t, 'responses.refused', async (scratch) => {
    const { requestLists: _none, ...request } = validRequest(ctx.platform);
    const r = await send(ctx, scratch, request);
    return { r, answer: answerOf(scratch, r) };
  });
}

/**
 * A check over the results needs results: an answer with none would pass it vacuously. Fails the
 * case, saying what the answer holds instead.
 */
function needResults(t: CaseRecorder, e: Exchanged, what: string): void {
  if (resultsOf(e.answer).length > 0) return;
  const problem = noResultsProblem(e.answer, what);
  t.fail(problem.message, problem.expected, problem.actual);
}

function accepted(t: CaseRecorder, e: Exchanged): void {
  t.check(
    e.answer.resultCode === '0',
    `a valid request to three profile recipients was refused: ${short(String(e.answer.resultDesc ?? ''), 120)}`,
    'resultCode "0"',
    `resultCode ${JSON.stringify(e.answer.resultCode)}`,
  );
}

/**
 * A case that is one per-recipient rule's (src/rules/recipients.ts): the shared request's accepted
 * answer, judged by that rule; `needs` says what an answer without results cannot show (D19).
 */
function recipientCase(id: string, rule: SendRule, needs?: string): Case<PlatformContext> {
  return platformCase({
    id,
    ...asRuleCase(rule),
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const e = await recipientsRun(ctx, t);
      accepted(t, e);
      if (needs) needResults(t, e, needs);
      t.assertSend(e.r.wire, rule);
    },
  });
}

export const responseCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.responses.schema.success',
    clause: '§5.5 MtSmsMessageRsp',
    level: 'MUST',
    title: 'the answer to an accepted request is a valid SendTemplateMessageResponse (table 2-3, §5.5)',
    covers: RESPONSE_COVERS,
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const e = await recipientsRun(ctx, t);
      accepted(t, e);
      t.assertSend(e.r.wire, A.schema);
    },
  }),
  platformCase({
    id: 'platform.responses.schema.failure',
    clause: '§2 SendTemplateMessageResponse.resultCode',
    level: 'MUST',
    title: 'the answer to a refused request is a valid SendTemplateMessageResponse (table 2-3)',
    decisions: ['D5'],
    words: [WORDS.table23, WORDS.missing],
    covers: RESPONSE_COVERS,
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { r, answer } = await refusedRun(ctx, t);
      t.check(
        answer.resultCode !== '0',
        'a request without requestLists was accepted',
        'a non-"0" resultCode',
        '"0"',
      );
      t.assertSend(r.wire, A.schema);
    },
  }),
  platformCase({
    id: 'platform.responses.resultCode.string',
    clause: '§2 SendTemplateMessageResponse.resultCode',
    level: 'MUST',
    title: 'resultCode is a string at the top level and for every recipient',
    covers: ['§5.5 MtSmsMessageRsp.resultCode'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const e = await recipientsRun(ctx, t);
      accepted(t, e);
      needResults(t, e, "each recipient's resultCode is a String");
      t.assertSend(e.r.wire, A.resultCodeString, P.resultCodeString);
    },
  }),
  recipientCase('platform.responses.recipients.count', P.count),
  recipientCase('platform.responses.recipients.mobile', P.mobile),
  recipientCase(
    'platform.responses.recipients.mobile.exact',
    P.mobileExact,
    "each result's mobile is a number as sent",
  ),
  recipientCase('platform.responses.recipients.order', P.order),
  recipientCase('platform.responses.messageId.echo', P.messageIdEcho),
  platformCase({
    id: 'platform.responses.content-type',
    clause: '§1.5 Content-Type',
    level: 'MUST',
    title: 'the answer carries Content-Type: application/json;charset=UTF-8',
    decisions: ['D16'],
    words: [WORDS.contentType],
    covers: ['§2 sendTemplateMessage', '§1.2 JSON UTF-8'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const e = await recipientsRun(ctx, t);
      t.assertSend(e.r.wire, A.contentType);
    },
  }),
  platformCase({
    id: 'platform.responses.http-status',
    clause: '§2 sendTemplateMessage',
    level: 'SHOULD',
    title: 'a business error (here 100002) is answered with HTTP 200',
    decisions: ['D8'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { r, answer } = await refusedRun(ctx, t);
      t.assertSend(r.wire, A.httpStatus);
      t.note(`HTTP ${r.status} with resultCode ${answer.resultCode}`);
    },
  }),
];

/** Two messages without messageId to two numbers, once per run: generated ids to judge. */
async function generatedRun(ctx: PlatformContext, t: CaseRecorder) {
  return sharedRun(ctx, t, 'responses.generated', async (scratch) => {
    // Two messages, so an id reused for another message shows even in a run of these cases alone.
    const [first, second] = distinctMobiles(ctx.platform, 2);
    const request = validRequest(ctx.platform, {
      requestLists: [
        validMessage(ctx.platform, [first as string]),
        validMessage(ctx.platform, [second ?? (first as string)]),
      ],
    });
    const r = await send(ctx, scratch, request);
    return { request, r, answer: answerOf(scratch, r) };
  });
}

/** Run late, so it compares every messageId the platform generated in the run. */
export const uniqueIdCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.responses.messageId.generated',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    level: 'MUST',
    title: 'a message without messageId gets a generated one in the answer, at most 30 long',
    decisions: ['D2', 'D19'],
    words: [...(P.messageIdGenerated.words ?? [])],
    covers: ['§5.4 MtSmsMessage.messageId'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { request, r, answer } = await generatedRun(ctx, t);
      t.check(
        answer.resultCode === '0',
        'a valid request was refused',
        'resultCode "0"',
        JSON.stringify(answer.resultCode),
      );
      const { results } = matchRecipients(request, answer);
      t.assertSend(r.wire, P.messageIdGenerated);
      t.note(`${results.length} result(s); each message has a generated messageId of at most 30`);
    },
  }),
  platformCase({
    id: 'platform.responses.messageId.unique',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    level: 'SHOULD',
    title: 'a generated messageId is never reused for another message of the run',
    decisions: ['D19'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { answer } = await generatedRun(ctx, t);
      t.check(
        answer.resultCode === '0',
        'a valid request was refused',
        'resultCode "0"',
        JSON.stringify(answer.resultCode),
      );
      const repeated = ctx.repeatedMessageIds ?? [];
      t.check(
        repeated.length === 0,
        `D19: a generated messageId is "用于对应状态报告" (to match status reports), so it is not reused for another message of the run (our reading: the words give no uniqueness); ${repeated.length} came back again`,
        'no generated messageId twice',
        repeated.slice(0, 5).join('; '),
      );
      t.note(`${ctx.generatedMessageIds.size} generated messageIds in the run, all distinct`);
    },
  }),
  platformCase({
    id: 'platform.responses.messageId.per-recipient',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    level: 'SHOULD',
    title: 'each recipient of one message gets its own generated messageId',
    decisions: ['D19'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const request = validRequest(ctx.platform, {
        requestLists: [validMessage(ctx.platform, distinctMobiles(ctx.platform, 2))],
      });
      const r = await send(ctx, t, request);
      const answer = answerOf(t, r);
      t.check(
        answer.resultCode === '0',
        'a valid request was refused',
        'resultCode "0"',
        JSON.stringify(answer.resultCode),
      );
      t.assertSend(r.wire, P.messageIdPerRecipient);
      const shared = ctx.sharedMessageIds ?? [];
      t.check(
        shared.length === 0,
        `D19: ${shared.length} generated messageId(s) in the run were shared by recipients of one message`,
        'one messageId per recipient',
        shared.slice(0, 5).join('; '),
      );
    },
  }),
];
