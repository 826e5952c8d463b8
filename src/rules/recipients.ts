// The per-recipient readings of an accepted send (§5.4, §5.5, D19): one result per recipient, each
// naming a recipient of the request, in order, the customer's messageId echoed, a generated one
// for each message without it. Judged only when the answer accepted the request (resultCode "0").
import { codePointLength } from '../schema/length.js';
import {
  matchRecipients,
  messagesWithoutGeneratedId,
  type RecipientMatch,
  resultListsShown,
  sameRecipient,
} from './answer.js';
import { bodyOf, fieldOf } from './body.js';
import { answerJson } from './send-answer.js';
import type { Problem, SendExchange, SendRule } from './types.js';
import { tableRow, WORDS } from './words.js';

/** The request and its accepted answer, lined up; undefined when the request was not accepted. */
function acceptedMatch(x: SendExchange): (RecipientMatch & { answer: unknown }) | undefined {
  const request = bodyOf(x.request);
  const answer = answerJson(x);
  if (!request.isJson || fieldOf(answer, 'resultCode') !== '0') return undefined;
  return { ...matchRecipients(request.json, answer), answer };
}

function one(problem: Problem | undefined): Problem[] {
  return problem ? [problem] : [];
}

/** D19: a check over the results never passes an answer without any. */
export function noResultsProblem(answer: unknown, what: string): Problem {
  return {
    message: `§5.5: ${what}, but the answer to an accepted request has no per-recipient result to judge (${resultListsShown(answer)})`,
    expected: 'one MtSmsMessageRsp per recipient',
    actual: resultListsShown(answer),
  };
}

export const recipientRules = {
  resultCodeString: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.recipients.result-code-string',
    side: 'platform',
    level: 'MUST',
    clause: '§5.5 MtSmsMessageRsp.resultCode',
    title: "each recipient's resultCode is a string, not a number",
    check: (x) => {
      const m = acceptedMatch(x);
      const codes = m ? m.results.map((r) => r.resultCode) : [];
      const bad = codes.filter((c) => typeof c !== 'string');
      if (bad.length === 0) return [];
      return [
        {
          message: `table 2-3 / §5.5: resultCode is a String; ${bad.length} recipient result(s) carry another type`,
          expected: 'a string resultCode such as "0" for every recipient',
          actual: codes.map((c) => JSON.stringify(c)).join(' '),
        },
      ];
    },
  },
  count: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.recipients.count',
    side: 'platform',
    level: 'SHOULD',
    clause: '§5.5 MtSmsMessageRsp',
    title: 'an accepted request is answered with one MtSmsMessageRsp per recipient',
    decisions: ['D19'],
    covers: ['§2 SendTemplateMessageResponse.resultLists'],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m || m.results.length === m.planned.length) return [];
      return [
        {
          message: `D19: one result per recipient (our reading: table 2-3 marks resultLists 可选 and never says "one per recipient"); the request had ${m.planned.length} recipients, the answer has ${m.results.length} results`,
          expected: `${m.planned.length} results`,
          actual:
            m.results.length === 0
              ? `0 results (${resultListsShown(m.answer)})`
              : `${m.results.length}: ${m.results.map((r) => JSON.stringify(r.mobile)).join(' ')}`,
        },
      ];
    },
  },
  mobile: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.recipients.mobile',
    side: 'platform',
    level: 'MUST',
    clause: '§5.5 MtSmsMessageRsp.mobile',
    title: "each result's mobile is the number of a recipient of the request (接收方手机号)",
    decisions: ['D19'],
    words: [WORDS.recipient],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m) return [];
      if (m.results.length === 0)
        return [noResultsProblem(m.answer, "each result's mobile is a recipient's number")];
      const sent = [...new Set(m.planned.map((p) => p.mobile))];
      const foreign = m.results.filter((r) => !sent.some((s) => sameRecipient(r.mobile, s)));
      if (foreign.length === 0) return [];
      return [
        {
          message: `§5.5: mobile is "接收方手机号", the recipient's number (with or without its country code, §1.4); ${foreign.map((r) => JSON.stringify(r.mobile)).join(', ')} is no recipient of the request`,
          expected: sent.join(', '),
          actual: m.results.map((r) => JSON.stringify(r.mobile)).join(' '),
        },
      ];
    },
  },
  mobileExact: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.recipients.mobile.exact',
    side: 'platform',
    level: 'SHOULD',
    clause: '§5.5 MtSmsMessageRsp.mobile',
    title: "each result's mobile is a number exactly as it was sent",
    decisions: ['D19'],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m) return [];
      const sent = new Set(m.planned.map((p) => p.mobile));
      const rewritten = m.results.filter((r) => typeof r.mobile !== 'string' || !sent.has(r.mobile));
      if (rewritten.length === 0) return [];
      return [
        {
          message: `D19: mobile is the number as sent (our reading: §5.5 says only 接收方手机号); ${rewritten.map((r) => JSON.stringify(r.mobile)).join(', ')} differs from what was sent`,
          expected: [...sent].join(', '),
          actual: m.results.map((r) => JSON.stringify(r.mobile)).join(' '),
        },
      ];
    },
  },
  order: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.recipients.order',
    side: 'platform',
    level: 'SHOULD',
    clause: '§5.5 MtSmsMessageRsp',
    title: 'the results are in the order of the request (message by message, mobile by mobile)',
    decisions: ['D19'],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m) return [];
      const expected = m.planned.map((p) => p.mobile).join(' ');
      const actual = m.results.map((r) => String(r.mobile)).join(' ');
      if (expected === actual) return [];
      return [
        {
          message: 'D19: results follow the request order',
          expected,
          actual: m.results.length === 0 ? `(${resultListsShown(m.answer)})` : actual,
        },
      ];
    },
  },
  messageIdEcho: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.messageId.echo',
    side: 'platform',
    // SHOULD: "对应请求中的messageId" makes a returned messageId the request's, but the table marks
    // it 可选 and never says one result per recipient (D19): that every recipient's result carries
    // it is our reading.
    level: 'SHOULD',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    title: "the customer's messageId comes back for every recipient of its message",
    decisions: ['D19'],
    covers: ['§5.4 MtSmsMessage.messageId'],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m) return [];
      const ids = new Set(m.planned.flatMap((p) => (p.messageId ? [p.messageId] : [])));
      return [...ids].flatMap((id) => {
        const want = m.planned.filter((p) => p.messageId === id).length;
        const got = m.results.filter((r) => r.messageId === id).length;
        if (got === want) return [];
        return [
          {
            message: `§5.5: messageId is the request's messageId; ${want} recipient(s) were sent with ${id}, ${got} result(s) carry it`,
            expected: `${want} results with messageId ${id}`,
            actual: m.results.map((r) => `${String(r.mobile)}:${JSON.stringify(r.messageId)}`).join(' '),
          },
        ];
      });
    },
  },
  messageIdGenerated: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.messageId.generated',
    side: 'platform',
    level: 'MUST',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    title: 'a message without messageId gets a generated one in the answer, at most 30 long',
    decisions: ['D2', 'D19'],
    words: [WORDS.generated, tableRow('MtSmsMessageRsp', ['messageId'])],
    covers: ['§5.4 MtSmsMessage.messageId'],
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m) return [];
      const missing = messagesWithoutGeneratedId(bodyOf(x.request).json, m.answer);
      const tooLong = m.results
        .map((r) => r.messageId)
        .filter((id): id is string => typeof id === 'string' && codePointLength(id) > 30);
      return [
        ...one(
          missing.length === 0
            ? undefined
            : {
                message: `§5.4: "客户未定义时，系统生成并在响应消息中返回" (when the customer sets no messageId, the system generates one and returns it in the answer); none came for requestLists[${missing.join('], [')}]`,
                expected: 'a generated messageId for each message',
                actual:
                  m.results.length === 0
                    ? resultListsShown(m.answer)
                    : m.results.map((r) => `${String(r.mobile)}:${JSON.stringify(r.messageId)}`).join(' '),
              },
        ),
        ...one(
          tooLong.length === 0
            ? undefined
            : {
                message: '§5.5, D2: a messageId is at most 30 characters',
                expected: 'at most 30',
                actual: tooLong.join(', '),
              },
        ),
      ];
    },
  },
  messageIdPerRecipient: {
    on: 'send',
    applies: (x) => acceptedMatch(x) !== undefined,
    id: 'send.answer.messageId.per-recipient',
    side: 'platform',
    level: 'SHOULD',
    clause: '§5.5 MtSmsMessageRsp.messageId',
    title: 'each recipient of one message gets its own generated messageId',
    decisions: ['D19'],
    // Judged where the results line up with the recipients (D19's order): by message, among the
    // recipients of a message that had no messageId of its own.
    check: (x) => {
      const m = acceptedMatch(x);
      if (!m || m.results.length !== m.planned.length) return [];
      const shared: string[] = [];
      const seen = new Map<string, number>();
      m.planned.forEach((p, i) => {
        const id = m.results[i]?.messageId;
        if (p.messageId !== undefined || typeof id !== 'string') return;
        const key = `${p.messageIndex}\u0000${id}`;
        if (seen.has(key)) shared.push(id);
        else seen.set(key, i);
      });
      if (shared.length === 0) return [];
      return [
        {
          message: `D19: a status report is per recipient, so each recipient's generated messageId is its own; shared in one answer: ${shared.join(', ')}`,
          expected: 'distinct messageIds',
          actual: m.results.map((r) => String(r.messageId)).join(' '),
        },
      ];
    },
  },
} as const satisfies Record<string, SendRule>;
