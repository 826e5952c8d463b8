// Platforms written elsewhere, as the kit meets them (issue 8): conforming VARIANTS of the mock
// that read the spec differently from it (the suite must pass them), and mutants with defects
// only a foreign platform has (the suite must fail them). All are the real mock with hooks, or
// behind the rewriting proxy.
import { request } from 'undici';
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { JSON_CONTENT_TYPE } from '../../../src/http/content-type.js';
import type { PlatformHooks, Rejection } from '../../../src/mock/index.js';
import { resultCodeFor } from '../../../src/validate/result-code.js';
import type { Violation } from '../../../src/validate/violation.js';
import type { Mutant } from './mutants.js';
import type { ProxyRewrites } from './proxy.js';

/** A platform that answers `{"resultCode":"0"}` to everything, with `resultLists` absent or empty. */
export function acceptAll(resultLists: 'absent' | 'empty'): PlatformHooks {
  const answer = () =>
    resultLists === 'absent' ? { resultCode: '0' } : { resultCode: '0', resultLists: [] };
  return {
    validate: () => () => [],
    authenticate: () => () => undefined,
    checkTemplates: () => () => undefined,
    buildResponse: () => () => answer(),
    buildFailure: () => () => answer(),
  };
}

/** The longest mobile a result may echo (§5.5 MtSmsMessageRsp.mobile, 20). */
const RESULT_MOBILE_MAX = 20;
/** The longest resultDesc (§5.5, 100). */
const DESC_MAX = 100;

/**
 * A conforming VARIANT: it answers a fault of one recipient or one message per recipient (§5.5
 * gives each its own resultCode; D9): top-level "0", the recipients at fault refused in
 * resultLists with the code of their fault, the others accepted (and reported on). Per recipient:
 * a number that breaks the number grammar (D12) and can be echoed as sent; per message: a fault of
 * one of its fields other than its list of numbers (a limit, a type, a missing value: the code
 * resultCodeFor gives that message's faults), and a template, variable or signature refusal (D11,
 * D17). Every other fault (credentials, the lists themselves) is refused at the top level.
 */
export function perRecipient(): PlatformHooks {
  // The handler runs the steps of one request without a pause: what validate and checkTemplates
  // set aside is read by planRecipients and buildResponse of the same request.
  let refused = new Map<string, Rejection>();
  const refusalOf = (message: number, mobile: number) =>
    refused.get(`${message}/${mobile}`) ?? refused.get(`${message}`);
  return {
    validate: (next) => (body) => {
      refused = new Map();
      const lists = (body as { requestLists?: unknown } | null)?.requestLists;
      const byMessage = new Map<string, Violation[]>();
      const kept = next(body).filter((v) => {
        const field = /^\/requestLists\/(\d+)\/(?!mobiles(\/|$))[^/]+/.exec(v.pointer);
        if (field && Array.isArray(lists)) {
          const i = field[1] as string;
          byMessage.set(i, [...(byMessage.get(i) ?? []), v]);
          return false;
        }
        const at = /^\/requestLists\/(\d+)\/mobiles\/(\d+)$/.exec(v.pointer);
        if (!at || v.keyword !== 'pattern' || !Array.isArray(lists)) return true;
        const message = lists[Number(at[1])] as { mobiles?: unknown[] } | undefined;
        const mobile = message?.mobiles?.[Number(at[2])];
        if (typeof mobile !== 'string' || [...mobile].length > RESULT_MOBILE_MAX) return true;
        refused.set(`${at[1]}/${at[2]}`, { code: resultCodeFor([v]), desc: v.message });
        return false;
      });
      // A message whose list of numbers is itself at fault cannot be answered per recipient.
      const listFault = (i: string) => kept.some((v) => v.pointer.startsWith(`/requestLists/${i}/mobiles`));
      for (const [i, vs] of byMessage) {
        if (listFault(i)) kept.push(...vs);
        else refused.set(i, { code: resultCodeFor(vs), desc: vs[0]?.message ?? 'invalid message' });
      }
      return kept;
    },
    checkTemplates: (next) => (req) => {
      req.requestLists.forEach((message, i) => {
        if (refused.has(`${i}`)) return;
        const refusal = next({ ...req, requestLists: [message] });
        if (refusal) refused.set(`${i}`, refusal);
      });
      return undefined;
    },
    planRecipients: (next) => (req) => {
      const positions = req.requestLists.flatMap((m, i) => m.mobiles.map((_, j) => [i, j] as const));
      return next(req).filter((_, k) => {
        const [i, j] = positions[k] ?? [0, 0];
        return refusalOf(i, j) === undefined;
      });
    },
    buildResponse: (next) => (req, accepted) => {
      const answer = next(req, accepted);
      const results = [...(answer.resultLists ?? [])];
      return {
        ...answer,
        resultLists: req.requestLists.flatMap((m, i) =>
          m.mobiles.map((mobile, j) => {
            const refusal = refusalOf(i, j);
            if (!refusal) return results.shift() as NonNullable<typeof answer.resultLists>[number];
            return {
              mobile,
              resultCode: refusal.code,
              resultDesc: [...refusal.desc].slice(0, DESC_MAX).join(''),
            };
          }),
        ),
      };
    },
  };
}

/** A conforming VARIANT (D8): business errors (100001–100006) travel with HTTP 400, the JSON body unchanged. */
export const businessErrorsAs400: ProxyRewrites = {
  status: (path, status, body) =>
    !path.startsWith('/__mock/') && status === 200 && /"resultCode":"1000\d\d"/.test(body) ? 400 : status,
};

/** Status reports pushed by the mutant itself (the mock's push client always POSTs §1.5's Content-Type). */
function reportsPushedWith(method: 'POST' | 'PUT', contentType: string): PlatformHooks {
  return {
    deliverReports: () => (reports: NotifyReportMessageRequest[], callback: string | undefined) => {
      if (!callback) return;
      for (const report of reports)
        request(callback, {
          method,
          headers: { 'content-type': contentType },
          body: JSON.stringify(report),
        })
          .then((r) => r.body.dump())
          .catch(() => {});
    },
  };
}

/** The mutants of foreign platforms, with the cases each must fail (registered in mutants.ts). */
export function foreignMutants(): Mutant[] {
  return [
    {
      name: 'report-put',
      defect: 'pushes status reports with PUT (table 4-1: HTTPS + POST)',
      only: ['platform.reports.method'],
      kills: ['platform.reports.method'],
      hooks: reportsPushedWith('PUT', JSON_CONTENT_TYPE),
    },
    {
      name: 'wrong-report-requestId',
      defect: "reports a requestId other than the send's",
      only: ['platform.reports.correlate'],
      kills: ['platform.reports.correlate'],
      hooks: { buildReport: (next) => (r, req) => ({ ...next(r, req), requestId: 'KIT-NOT-SENT' }) },
    },
    {
      name: 'report-no-charset',
      defect: 'pushes status reports with Content-Type application/json, no charset (§1.5, D16)',
      only: ['platform.reports.content-type'],
      kills: ['platform.reports.content-type'],
      hooks: reportsPushedWith('POST', 'application/json'),
    },
    {
      name: 'answer-no-charset',
      defect: 'answers with Content-Type application/json, no charset (§1.5, D16)',
      only: ['platform.responses.content-type'],
      kills: ['platform.responses.content-type'],
      proxy: {
        headers: (path, headers) =>
          path.startsWith('/__mock/') ? headers : { ...headers, 'content-type': 'Application/JSON' },
      },
    },
    {
      name: 'report-iso-time',
      defect: 'pushes receiveTime as ISO 8601 (2024-09-05T06:28:13+08:00), not §1.6 yyyy-MM-dd HH:mm:ss',
      only: ['platform.reports.time-format'],
      kills: ['platform.reports.time-format'],
      hooks: {
        buildReport: (next) => (r, req) => ({ ...next(r, req), receiveTime: '2024-09-05T06:28:13+08:00' }),
      },
    },
    {
      name: 'foreign-result-mobile',
      defect: 'answers each result with a number that was not sent (the last digit changed)',
      only: ['platform.responses.recipients'],
      kills: ['platform.responses.recipients.mobile', 'platform.responses.recipients.mobile.exact'],
      hooks: {
        buildResponse: (next) => (req, rs) => {
          const answer = next(req, rs);
          return {
            ...answer,
            resultLists: (answer.resultLists ?? []).map((r) => ({
              ...r,
              mobile: r.mobile.replace(/.$/, (d) => (d === '9' ? '8' : '9')),
            })),
          };
        },
      },
    },
    {
      name: 'no-generated-ids',
      defect: 'returns no messageId when the message had none (§5.4: generated and returned)',
      only: ['platform.responses.messageId', 'platform.properties.valid'],
      kills: ['platform.responses.messageId.generated', 'platform.properties.valid'],
      hooks: {
        buildResponse: (next) => (req, rs) => {
          const answer = next(req, rs);
          return {
            ...answer,
            resultLists: (answer.resultLists ?? []).map(({ messageId, ...r }) =>
              req.requestLists.some((m) => m.messageId && m.messageId === messageId)
                ? { ...r, messageId }
                : r,
            ),
          };
        },
      },
    },
    // SHOULD readings: shown to be caught
    {
      name: 'report-utc-time',
      defect: 'pushes receiveTime in UTC, not UTC+8 (§1.6, D14)',
      only: ['platform.reports.time-zone'],
      kills: ['platform.reports.time-zone'],
      hooks: {
        buildReport: (next) => (r, req) => ({
          ...next(r, req),
          receiveTime: new Date().toISOString().slice(0, 19).replace('T', ' '),
        }),
      },
    },
    {
      name: 'report-without-requestId',
      defect: 'leaves requestId out of status reports (table 4-2 marks it 可选; D19)',
      only: ['platform.reports.requestId', 'platform.reports.correlate'],
      kills: ['platform.reports.requestId'],
      hooks: {
        buildReport: (next) => (r, req) => {
          const { requestId: _dropped, ...report } = next(r, req);
          return report;
        },
      },
    },
  ];
}
