// A status report and the send it belongs to (§4 table 4-2, D19): its messageId is one the send's
// answer returned, its mobile that recipient's, its requestId the send's; and a report the judge
// cannot tie to a send it saw is observed, never failed.
import { bodyOf, fieldOf } from './body.js';
import type { Problem, PushExchange, PushRule, SendOfReport } from './types.js';

type CorrelationField = 'messageId' | 'mobile' | 'requestId';

/** Each field of the report that does not match its send (§4), in that order. */
function correlationProblems(report: unknown, send: SendOfReport): Record<CorrelationField, Problem[]> {
  const out: Record<CorrelationField, Problem[]> = { messageId: [], mobile: [], requestId: [] };
  const messageId = fieldOf(report, 'messageId');
  const mobile = fieldOf(report, 'mobile');
  const requestId = fieldOf(report, 'requestId');
  const mobiles = send.accepted.filter((e) => e.messageId === messageId).map((e) => e.mobile);
  if (mobiles.length === 0)
    out.messageId.push({
      message: '§4: messageId is the same as the one the send response returned',
      expected: `one of ${[...new Set(send.accepted.map((e) => e.messageId))].join(', ')}`,
      actual: JSON.stringify(messageId) ?? 'undefined',
    });
  // The mobile is judged against the recipients the messageId names, so only for a known one.
  else if (!mobiles.includes(mobile as string))
    out.mobile.push({
      message: `§4: mobile is the same number as in the send request (for messageId ${String(messageId)})`,
      expected: mobiles.join(' or '),
      actual: JSON.stringify(mobile) ?? 'undefined',
    });
  if (requestId !== undefined && requestId !== send.requestId)
    out.requestId.push({
      message:
        '§4 table 4-2: requestId, when sent, is the requestId of the send (用于与下发消息时的requestId进行关联)',
      expected: String(send.requestId),
      actual: JSON.stringify(requestId) ?? 'undefined',
    });
  return out;
}

/** The report's fields beside its send; nothing when the send is unknown or the report is not JSON. */
function correlated(x: PushExchange, field: CorrelationField): Problem[] {
  const body = bodyOf(x.push);
  if (!x.send || !body.isJson) return [];
  return correlationProblems(body.json, x.send)[field];
}

function correlationRule(field: CorrelationField, clause: string, title: string): PushRule {
  return {
    on: 'push',
    kind: 'report',
    id: `report.push.correlate.${field}`,
    side: 'platform',
    level: 'MUST',
    clause,
    title,
    applies: (x) => x.send !== undefined,
    check: (x) => correlated(x, field),
  };
}

export const reportRules = {
  correlateMessageId: correlationRule(
    'messageId',
    '§4 NotifyReportMessageRequest.messageId',
    'each report carries a messageId the send answer returned',
  ),
  correlateMobile: correlationRule(
    'mobile',
    '§4 NotifyReportMessageRequest.mobile',
    "each report carries the mobile of its messageId's recipient",
  ),
  correlateRequestId: correlationRule(
    'requestId',
    '§4 NotifyReportMessageRequest.requestId',
    "each report's requestId, when present, is the send's",
  ),
  requestIdCarried: {
    on: 'push',
    kind: 'report',
    id: 'report.push.requestId',
    side: 'platform',
    level: 'SHOULD',
    clause: '§4 NotifyReportMessageRequest.requestId',
    title: 'a report for a request that carried requestId carries that requestId',
    decisions: ['D19'],
    applies: (x) => x.send?.requestId !== undefined,
    check: (x) => {
      const body = bodyOf(x.push);
      if (!x.send?.requestId || !body.isJson || fieldOf(body.json, 'requestId') !== undefined) return [];
      return [
        {
          message: `table 4-2, D19: requestId is "用于与下发消息时的requestId进行关联" (to correlate with the send's requestId); a report for a request with requestId ${x.send.requestId} carries none`,
          expected: `requestId ${JSON.stringify(x.send.requestId)}`,
          actual: `${String(fieldOf(body.json, 'messageId'))}: no requestId`,
        },
      ];
    },
  },
  uncorrelated: {
    on: 'push',
    kind: 'report',
    id: 'report.push.uncorrelated',
    side: 'platform',
    level: 'INFO',
    clause: '§4 notifyReportMessage',
    title: 'reports the judge could not tie to a send it saw answered (observed, never fails)',
    check: (x) => (x.uncorrelated ? [{ message: `not correlated: ${x.uncorrelated}` }] : []),
  },
} as const satisfies Record<string, PushRule>;
