// What the proxy judges in live traffic: one rule per requirement, with the same clause, level and
// decisions as the suite's case that tests it on the kit's own traffic. A rule is a case of the
// proxy's report; a finding is one exchange breaking it (schema findings carry the clause the
// validator names, so the report groups them by clause).
import type { CaseLevel, Side } from '../cases/types.js';

export interface ProxyRule {
  id: string;
  clause: string;
  level: CaseLevel;
  title: string;
  /** Whose traffic the rule judges: the platform's answers and pushes, or the customer's requests and answers. */
  side: Side;
  decisions?: string[];
}

export type PushKind = 'report' | 'uplink';

const PUSH_TABLE = { report: '§4 table 4-2', uplink: '§3 table 3-2' } as const;
const ANSWER_TABLE = '§3 table 3-3 / §4 table 4-3';

function rule(
  id: string,
  side: Side,
  level: CaseLevel,
  clause: string,
  title: string,
  decisions?: string[],
): ProxyRule {
  return { id, side, level, clause, title, ...(decisions ? { decisions } : {}) };
}

function pushRules(kind: PushKind) {
  const p = `proxy.${kind}`;
  return {
    contentType: rule(
      `${p}.push.content-type`,
      'platform',
      'MUST',
      '§1.5 Content-Type',
      `each ${kind} push carries Content-Type: application/json;charset=UTF-8`,
      ['D16'],
    ),
    json: rule(`${p}.push.json`, 'platform', 'MUST', '§1.2 JSON UTF-8', `each ${kind} push is JSON in UTF-8`),
    schema: rule(
      `${p}.push.schema`,
      'platform',
      'MUST',
      PUSH_TABLE[kind],
      `each ${kind} push keeps every MUST rule of ${PUSH_TABLE[kind]}`,
    ),
    schemaShould: rule(
      `${p}.push.schema.should`,
      'platform',
      'SHOULD',
      PUSH_TABLE[kind],
      `each ${kind} push keeps our readings (number grammar, §1.6 time format)`,
      ['D12', 'D14'],
    ),
    answerForm: rule(
      `${p}.answer.form`,
      'customer',
      'MUST',
      ANSWER_TABLE,
      `the customer answers each ${kind} push with a JSON body and a JSON Content-Type`,
      ['D16'],
    ),
    answerSchema: rule(
      `${p}.answer.schema`,
      'customer',
      'MUST',
      ANSWER_TABLE,
      `the customer's answer to each ${kind} push is a valid NotifyResponse`,
    ),
    answerStatus: rule(
      `${p}.answer.http-status`,
      'customer',
      'SHOULD',
      ANSWER_TABLE,
      `an acknowledgement of a ${kind} push travels with an HTTP 2xx status`,
      ['D8', 'D20'],
    ),
    answered: rule(
      `${p}.answer.transport`,
      'customer',
      'MUST',
      ANSWER_TABLE,
      `the customer answers each ${kind} push within the proxy's timeout and body cap`,
    ),
    bodyCap: rule(
      `${p}.push.body-cap`,
      'platform',
      'SHOULD',
      PUSH_TABLE[kind],
      `each ${kind} push fits the proxy's body cap (a larger one is answered 413, not forwarded)`,
    ),
  };
}

export const RULES = {
  send: {
    method: rule('proxy.send.request.method', 'customer', 'MUST', '§1.3 POST', 'the send request uses POST'),
    contentType: rule(
      'proxy.send.request.content-type',
      'customer',
      'MUST',
      '§1.5 Content-Type',
      'the send request carries Content-Type: application/json;charset=UTF-8',
      ['D16'],
    ),
    json: rule(
      'proxy.send.request.json',
      'customer',
      'MUST',
      '§1.2 JSON UTF-8',
      'the send request is JSON in UTF-8',
    ),
    schema: rule(
      'proxy.send.request.schema',
      'customer',
      'MUST',
      '§2 table 2-2',
      'the send request keeps every MUST rule of table 2-2 and §5.4',
    ),
    schemaShould: rule(
      'proxy.send.request.schema.should',
      'customer',
      'SHOULD',
      '§2 table 2-2',
      'the send request keeps our readings (number grammar, callback URL)',
      ['D6', 'D12'],
    ),
    bodyCap: rule(
      'proxy.send.request.body-cap',
      'customer',
      'SHOULD',
      '§2 sendTemplateMessage',
      "the send request fits the proxy's body cap (a larger one is answered 413, not forwarded)",
    ),
    answered: rule(
      'proxy.send.answer.transport',
      'platform',
      'MUST',
      '§2 sendTemplateMessage',
      "the platform answers each send within the proxy's timeout and body cap",
    ),
    answerForm: rule(
      'proxy.send.answer.form',
      'platform',
      'MUST',
      '§1.2 JSON UTF-8',
      'the answer is a JSON body with a JSON Content-Type',
      ['D16'],
    ),
    answerSchema: rule(
      'proxy.send.answer.schema',
      'platform',
      'MUST',
      '§2 table 2-3',
      'the answer is a valid SendTemplateMessageResponse (table 2-3, §5.5)',
      ['D5'],
    ),
    answerSchemaShould: rule(
      'proxy.send.answer.schema.should',
      'platform',
      'SHOULD',
      '§2 table 2-3',
      'the answer keeps our readings of table 2-3 and §5.5',
    ),
    answerStatus: rule(
      'proxy.send.answer.http-status',
      'platform',
      'SHOULD',
      '§2 sendTemplateMessage',
      'an answer with a resultCode travels with HTTP 200',
      ['D8'],
    ),
    refusesInvalid: rule(
      'proxy.send.answer.refuses-invalid',
      'platform',
      'MUST',
      '§5.1 result codes',
      'a request missing a required field, over a list or (BMP) length limit, or of a type no binder reads is not accepted',
      ['D7', 'D9', 'D15', 'D21'],
    ),
    refusesInvalidShould: rule(
      'proxy.send.answer.refuses-invalid.should',
      'platform',
      'SHOULD',
      '§5.1 result codes',
      'a request breaking another MUST rule of table 2-2 (a number for a string, a null, a length in non-BMP text) is not accepted',
      ['D7', 'D10', 'D21'],
    ),
    recipientCount: rule(
      'proxy.send.answer.recipients.count',
      'platform',
      'MUST',
      '§5.5 MtSmsMessageRsp',
      'an accepted request is answered with one MtSmsMessageRsp per recipient',
      ['D19'],
    ),
    recipientMobile: rule(
      'proxy.send.answer.recipients.mobile',
      'platform',
      'MUST',
      '§5.5 MtSmsMessageRsp.mobile',
      "each result's mobile is a number exactly as it was sent",
      ['D19'],
    ),
    recipientOrder: rule(
      'proxy.send.answer.recipients.order',
      'platform',
      'SHOULD',
      '§5.5 MtSmsMessageRsp',
      'the results are in the order of the request (message by message, mobile by mobile)',
      ['D19'],
    ),
    messageIdEcho: rule(
      'proxy.send.answer.messageId.echo',
      'platform',
      'MUST',
      '§5.5 MtSmsMessageRsp.messageId',
      "the customer's messageId comes back for every recipient of its message",
      ['D19'],
    ),
  },
  report: {
    ...pushRules('report'),
    correlateMessageId: rule(
      'proxy.report.correlate.messageId',
      'platform',
      'MUST',
      '§4 NotifyReportMessageRequest.messageId',
      'each report carries a messageId the send answer returned',
    ),
    correlateMobile: rule(
      'proxy.report.correlate.mobile',
      'platform',
      'MUST',
      '§4 NotifyReportMessageRequest.mobile',
      "each report carries the mobile of its messageId's recipient",
    ),
    correlateRequestId: rule(
      'proxy.report.correlate.requestId',
      'platform',
      'MUST',
      '§4 NotifyReportMessageRequest.requestId',
      "each report's requestId, when present, is the send's",
    ),
    uncorrelated: rule(
      'proxy.report.uncorrelated',
      'platform',
      'INFO',
      '§4 notifyReportMessage',
      'reports the proxy could not tie to a send it saw answered (observed, never fails)',
    ),
  },
  uplink: pushRules('uplink'),
} as const;

/** Every rule, in report order. */
export const ALL_RULES: readonly ProxyRule[] = [
  ...Object.values(RULES.send),
  ...Object.values(RULES.report),
  ...Object.values(RULES.uplink),
];
