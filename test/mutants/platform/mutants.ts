// Mutant platforms: the real mock with ONE deliberate defect each, made with its hooks (or, where
// no hook reaches, a proxy that rewrites what passes), and the cases each must fail. Together they
// must kill every MUST case of the platform suite (test/platform-mutants.test.ts checks it).
import { request } from 'undici';
import type { NotifyReportMessageRequest, SendTemplateMessageRequest } from '../../../generated/types.js';
import type { PlatformHooks } from '../../../src/mock/index.js';
import { platformCases } from '../../../src/suites/platform/index.js';
import { ACCOUNT, DISABLED, PASSWORD } from './config.js';
import { decoderMutants } from './decoders.js';
import { foreignA1Mutants } from './foreign-a1.js';
import { foreignMutants } from './foreign-a2.js';
import { atLimitViolations, coerce, rewriteInPlace, truncate } from './lenient.js';
import type { ProxyRewrites } from './proxy.js';
import { shouldMutants } from './should-mutants.js';

export interface Mutant {
  name: string;
  /** The defect, in one line. */
  defect: string;
  /** The cases run against it (--only patterns): enough to show the kill, no more. */
  only: string[];
  /** Ids of the cases that must fail against it. */
  kills: string[];
  hooks?: PlatformHooks;
  /** Serve plain HTTP instead of HTTPS. */
  plainHttp?: boolean;
  proxy?: ProxyRewrites;
}

const ids = (pick: (id: string) => boolean) => platformCases.map((c) => c.id).filter(pick);

const DOMESTIC = /^1[0-9]{10}$/;

/** A wrapped check of templates that lets through the refusals whose description matches. */
function ignoreTemplateRefusal(pattern: RegExp): PlatformHooks {
  return {
    checkTemplates: (next) => (req) => {
      const refusal = next(req);
      return refusal && pattern.test(refusal.desc) ? undefined : refusal;
    },
  };
}

/** Sets `broken` when a body that is not JSON comes; from then on every request crashes the handler. */
function wedgedAfterBadBody(): PlatformHooks {
  let broken = false;
  return {
    buildFailure: (next) => (rejection) => {
      if (/not JSON/.test(rejection.desc)) broken = true;
      return next(rejection);
    },
    validate: (next) => (body) => {
      if (broken) throw new Error('mutant: wedged since a body that was not JSON');
      return next(body);
    },
  };
}

/** Reports pushed by the mutant itself, as text/plain (the mock's push client always sends JSON). */
function reportsAsTextPlain(): PlatformHooks {
  return {
    deliverReports: () => (reports: NotifyReportMessageRequest[], callback: string | undefined) => {
      if (!callback) return;
      for (const report of reports)
        request(callback, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify(report),
        })
          .then((r) => r.body.dump())
          .catch(() => {});
    },
  };
}

function stickyCallback(): PlatformHooks {
  let last: string | undefined;
  return {
    deliverReports: (next) => (reports, callback) => {
      if (callback) last = callback;
      next(reports, callback ?? last);
    },
  };
}

export function mutants(): Mutant[] {
  return [
    ...foreignMutants(),
    // Limits
    {
      name: 'limits-exclusive',
      defect: 'reads "at most n" as "less than n": every value exactly at its limit is refused',
      only: ['platform.limits'],
      kills: ids((id) => id.startsWith('platform.limits.') && id.endsWith('.at')),
      hooks: { validate: (next) => (body) => [...next(body), ...atLimitViolations(body)] },
    },
    {
      name: 'limits-truncate',
      defect: 'cuts over-long strings and lists to their limit instead of refusing them',
      only: ['platform.limits'],
      // Not the password: the kit sends a random wrong password there, never the real one padded,
      // so a truncating platform refuses it (100001); password-unchecked catches that case.
      kills: ids(
        (id) =>
          id.startsWith('platform.limits.') &&
          id.endsWith('.over') &&
          id !== 'platform.limits.password.maxLength.over',
      ),
      hooks: { validate: (next) => (body) => next(rewriteInPlace(body, truncate)) },
    },
    {
      name: 'accepts-21-messages',
      defect: 'accepts 21 messages in requestLists',
      only: ['platform.limits.requestLists.maxItems'],
      kills: ['platform.limits.requestLists.maxItems.over'],
      hooks: {
        validate: (next) => (body) =>
          next(body).filter((v) => !(v.keyword === 'maxItems' && v.path === 'requestLists')),
      },
    },
    {
      name: 'rejects-exactly-20',
      defect: 'refuses requestLists of exactly 20 messages',
      only: ['platform.limits.requestLists.maxItems'],
      kills: ['platform.limits.requestLists.maxItems.at'],
      hooks: {
        validate: (next) => (body) => [
          ...next(body),
          ...atLimitViolations(body).filter((v) => v.path === 'requestLists'),
        ],
      },
    },
    // Required fields and types
    {
      name: 'missing-as-100003',
      defect: 'answers 100003 instead of 100002 for a missing or empty required field',
      only: ['platform.required'],
      kills: ids((id) => id.startsWith('platform.required.')),
      hooks: {
        validate: (next) => (body) =>
          next(body).map((v) =>
            v.kind === 'missing' || v.kind === 'empty' ? { ...v, kind: 'type' as const } : v,
          ),
      },
    },
    {
      name: 'lenient-binder',
      defect: 'coerces JSON types (numbers to strings, one value to a list, a list of one to the value)',
      only: ['platform.types'],
      kills: ids((id) => id.startsWith('platform.types.')),
      hooks: { validate: (next) => (body) => next(rewriteInPlace(body, coerce)) },
    },
    {
      name: 'skips-validation',
      defect: 'does not validate requests at all',
      only: ['platform.properties.faults'],
      kills: ['platform.properties.faults'],
      hooks: { validate: () => () => [] },
    },
    // Authentication
    {
      name: 'accepts-wrong-password',
      defect: 'answers 0 to the right account with a wrong password',
      only: ['platform.auth'],
      kills: ['platform.auth.wrong-password'],
      hooks: {
        authenticate: (next) => (account, password) => {
          const refusal = next(account, password);
          return refusal?.code === '100001' && account === ACCOUNT ? next(account, PASSWORD) : refusal;
        },
      },
    },
    {
      name: 'password-unchecked',
      defect: 'reads a password of any length and lets the right account in with any password',
      only: ['platform.limits.password'],
      kills: ['platform.limits.password.maxLength.over'],
      hooks: {
        validate: (next) => (body) => next(body).filter((v) => v.path !== 'password'),
        authenticate: (next) => (account, password) => {
          const refusal = next(account, password);
          return refusal?.code === '100001' && account === ACCOUNT ? next(account, PASSWORD) : refusal;
        },
      },
    },
    {
      name: 'accepts-unknown-account',
      defect: 'lets an unknown account in',
      only: ['platform.auth'],
      kills: ['platform.auth.unknown-account'],
      hooks: {
        authenticate: (next) => (account, password) => {
          const refusal = next(account, password);
          return refusal?.code === '100001' && account !== ACCOUNT && account !== DISABLED.account
            ? undefined
            : refusal;
        },
      },
    },
    {
      name: 'disabled-accepted',
      defect: 'accepts a disabled account',
      only: ['platform.auth'],
      kills: ['platform.auth.disabled-account'],
      hooks: { authenticate: (next) => (a, p) => (next(a, p)?.code === '100006' ? undefined : next(a, p)) },
    },
    // Transport
    {
      name: 'plain-http',
      defect: 'is served over plain HTTP',
      only: ['platform.transport.https'],
      kills: ['platform.transport.https'],
      plainHttp: true,
    },
    {
      name: 'non-json-ok',
      defect: 'answers "0" to a body that is not JSON',
      only: ['platform.transport.not-json'],
      kills: ['platform.transport.not-json'],
      hooks: {
        buildFailure: (next) => (rejection) =>
          /not JSON/.test(rejection.desc)
            ? { resultCode: '0', resultDesc: 'ok', resultLists: [] }
            : next(rejection),
      },
    },
    {
      name: 'wedged-after-bad-body',
      defect: 'stops serving after a body that is not JSON',
      only: ['platform.transport.keeps-serving'],
      kills: ['platform.transport.keeps-serving'],
      hooks: wedgedAfterBadBody(),
    },
    {
      name: 'text-plain',
      defect: 'answers with Content-Type text/plain',
      only: ['platform.send.minimal', 'platform.responses.content-type'],
      kills: ['platform.send.minimal', 'platform.responses.content-type'],
      proxy: {
        headers: (path, headers) =>
          path.startsWith('/__mock/') ? headers : { ...headers, 'content-type': 'text/plain;charset=UTF-8' },
      },
    },
    // Mobile numbers
    {
      name: 'rejects-domestic',
      defect: 'refuses numbers without the country code',
      only: ['platform.mobiles'],
      kills: ['platform.mobiles.domestic'],
      hooks: {
        validate: (next) => (body) => {
          const lists = (body as SendTemplateMessageRequest).requestLists;
          const domestic =
            Array.isArray(lists) && lists.some((m) => m.mobiles?.some?.((x) => DOMESTIC.test(x)));
          return domestic
            ? [
                ...next(body),
                {
                  path: 'requestLists',
                  pointer: '/requestLists',
                  kind: 'format',
                  keyword: 'pattern',
                  clause: '§1.4 mobile numbers',
                  level: 'MUST',
                  message: 'mutant: country code required',
                },
              ]
            : next(body);
        },
      },
    },
    {
      name: 'rejects-country-code',
      defect: 'refuses numbers that start with the country code 86',
      only: ['platform.mobiles'],
      kills: ['platform.mobiles.country-code'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next(req) ??
          (req.requestLists.some((m) => m.mobiles.some((x) => x.startsWith('86') && !DOMESTIC.test(x)))
            ? { code: '100003', desc: 'mutant: domestic numbers only' }
            : undefined),
      },
    },
    // Templates and signatures
    {
      name: 'requires-paras',
      defect: 'requires templateParas even for a template without variables',
      only: ['platform.templates'],
      kills: ['platform.templates.plain'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next(req) ??
          (req.requestLists.some((m) => !m.templateParas)
            ? { code: '100003', desc: 'mutant: templateParas required' }
            : undefined),
      },
    },
    {
      name: 'variables-exclusive',
      defect: "refuses a variable value exactly as long as the variable's maximum",
      only: ['platform.templates'],
      kills: ['platform.templates.variables.at-max'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next(req) ??
          (req.requestLists.some((m) =>
            Object.entries(m.templateParas ?? {}).some(
              ([k, v]) => (k === 'code' && v.length === 6) || (k === 'name' && v.length === 10),
            ),
          )
            ? { code: '100003', desc: 'mutant: value too long' }
            : undefined),
      },
    },
    {
      name: 'ignores-missing-variable',
      defect: 'accepts a message that lacks one of its template variables',
      only: ['platform.templates'],
      kills: ['platform.templates.variables.missing', 'platform.templates.variables.missing.code'],
      hooks: ignoreTemplateRefusal(/lacks the template's variable/),
    },
    {
      name: 'ignores-variable-length',
      defect: "accepts a variable value longer than the variable's maximum",
      only: ['platform.templates'],
      kills: ['platform.templates.variables.too-long', 'platform.templates.variables.too-long.code'],
      hooks: ignoreTemplateRefusal(/the template allows/),
    },
    {
      name: 'accepts-unapproved-signature',
      defect: 'accepts a signature that is not approved',
      only: ['platform.templates.signature'],
      kills: ['platform.templates.signature.unapproved'],
      hooks: ignoreTemplateRefusal(/not an approved signature/),
    },
    // Responses
    {
      name: 'long-result-desc',
      defect: 'answers a resultDesc of 101 characters (table 2-3 allows 100)',
      only: ['platform.responses.schema'],
      kills: ['platform.responses.schema.success', 'platform.responses.schema.failure'],
      hooks: {
        buildResponse: (next) => (req, rs) => ({ ...next(req, rs), resultDesc: 'x'.repeat(101) }),
        buildFailure: (next) => (rejection) => ({ ...next(rejection), resultDesc: 'x'.repeat(101) }),
      },
    },
    {
      name: 'result-code-number',
      defect: 'answers resultCode as the number 0',
      only: ['platform.send.minimal', 'platform.responses.resultCode'],
      kills: ['platform.send.minimal', 'platform.responses.resultCode.string'],
      hooks: { serialize: (next) => (answer) => next(answer).replace(/"resultCode":"0"/g, '"resultCode":0') },
    },
    {
      name: 'drops-recipient',
      defect: 'drops the last recipient from resultLists',
      // One result per recipient is a reading (SHOULD, D19); no MUST case need fail it.
      only: ['platform.responses.recipients'],
      kills: ['platform.responses.recipients.count'],
      hooks: {
        buildResponse: (next) => (req, rs) => {
          const answer = next(req, rs);
          const list = answer.resultLists ?? [];
          return { ...answer, resultLists: list.length > 1 ? list.slice(0, -1) : list };
        },
      },
    },
    {
      name: 'mobile-rewritten',
      defect: 'answers domestic numbers with the country code added',
      only: ['platform.responses.recipients'],
      kills: ['platform.responses.recipients.mobile.exact'],
      hooks: {
        buildResponse: (next) => (req, rs) => {
          const answer = next(req, rs);
          return {
            ...answer,
            resultLists: (answer.resultLists ?? []).map((r) =>
              DOMESTIC.test(r.mobile) ? { ...r, mobile: `86${r.mobile}` } : r,
            ),
          };
        },
      },
    },
    {
      name: 'repeating-ids',
      defect: 'generates the same messageId for every recipient',
      only: ['platform.responses.messageId.unique'],
      kills: ['platform.responses.messageId.unique'],
      hooks: {
        planRecipients: (next) => (req) =>
          next(req).map((r) =>
            r.message.messageId ? r : { ...r, messageId: '100001200201240905061312278831' },
          ),
      },
    },
    {
      name: 'ids-per-message',
      defect: 'generates one messageId per message, shared by its recipients',
      only: ['platform.responses.messageId.per-recipient'],
      kills: ['platform.responses.messageId.per-recipient'],
      hooks: {
        planRecipients: (next) => {
          let request = 0;
          return (req) => {
            request += 1;
            return next(req).map((r) =>
              r.message.messageId
                ? r
                : { ...r, messageId: `M${request}x${req.requestLists.indexOf(r.message)}` },
            );
          };
        },
      },
    },
    // Status reports
    {
      name: 'no-reports',
      defect: 'never pushes a status report',
      only: ['platform.reports.arrive'],
      kills: ['platform.reports.arrive'],
      hooks: { deliverReports: () => () => {} },
    },
    {
      name: 'bad-report',
      defect: 'pushes a status of 12 characters (table 4-2 allows 10)',
      only: ['platform.reports.schema'],
      kills: ['platform.reports.schema'],
      hooks: { buildReport: (next) => (r, req) => ({ ...next(r, req), status: 'DELIVERED_OK' }) },
    },
    {
      name: 'report-text-plain',
      defect: 'pushes status reports with Content-Type text/plain',
      only: ['platform.reports.content-type'],
      kills: ['platform.reports.content-type'],
      hooks: reportsAsTextPlain(),
    },
    {
      name: 'wrong-report-messageId',
      defect: 'reports a messageId other than the one it returned',
      only: ['platform.reports.correlate'],
      kills: ['platform.reports.correlate'],
      hooks: { buildReport: (next) => (r, req) => ({ ...next(r, req), messageId: `${r.messageId}X` }) },
    },
    {
      name: 'sticky-callback',
      defect: 'pushes reports of a request without statusCallback to the last statusCallback it saw',
      only: ['platform.reports.none-*'],
      kills: ['platform.reports.none-without-callback', 'platform.reports.none-empty-callback'],
      hooks: stickyCallback(),
    },
    // SHOULD readings: not required to be killed, shown to be caught all the same
    {
      name: 'reversed-results',
      defect: 'answers the per-recipient results in reverse order',
      only: ['platform.responses.recipients'],
      kills: ['platform.responses.recipients.order'],
      hooks: {
        buildResponse: (next) => (req, rs) => {
          const answer = next(req, rs);
          return { ...answer, resultLists: [...(answer.resultLists ?? [])].reverse() };
        },
      },
    },
    {
      name: 'accepts-malformed-numbers',
      defect: 'accepts numbers with letters or dashes (D12)',
      only: ['platform.mobiles.malformed'],
      kills: ['platform.mobiles.malformed.letters', 'platform.mobiles.malformed.dashes'],
      hooks: { validate: (next) => (body) => next(body).filter((v) => v.keyword !== 'pattern') },
    },
    // Uplink
    {
      name: 'uplink-wrong-path',
      defect: "pushes uplink SMS to another path than the SP's URL",
      only: ['platform.uplink'],
      kills: ['platform.uplink.push'],
      proxy: {
        request: (path, body) => {
          if (!path.startsWith('/__mock/uplink')) return body;
          const input = JSON.parse(body) as { url?: string };
          return JSON.stringify({ ...input, url: `${input.url ?? ''}/elsewhere` });
        },
      },
    },
    ...foreignA1Mutants(),
    ...shouldMutants(),
    ...decoderMutants(),
  ];
}
