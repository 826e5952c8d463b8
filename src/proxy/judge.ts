// Judging one exchange that passed through the proxy, with the suites' own checks: the validators
// (src/validate), the shared checks (suites/shared, suites/customer), the push checks and the
// per-recipient and correlation readings (suites/platform). Pure functions: bytes and headers in,
// findings out. The CaseRecorder-style checks run on a scratch recorder (failureOf).

import { CaseFailure, CaseRecorder } from '../cases/case.js';
import type { CaseLevel, Exchange } from '../cases/types.js';
import type { HttpResult } from '../client/http.js';
import { isJsonContentType, specContentTypeProblem } from '../http/content-type.js';
import { type JsonLimits, parseJsonBody } from '../http/json-body.js';
import type { ReceivedPush } from '../receiver/receiver.js';
import { type Answer, expectNotAccepted, matchRecipients } from '../suites/platform/checks.js';
import { checkPushContentType } from '../suites/platform/pushes.js';
import {
  acceptedRecipients,
  type Expected,
  foreignMobileProblem,
  messageIdEchoProblem,
  type Problem,
  recipientCountProblem,
  recipientOrderProblem,
  reportCorrelationProblems,
} from '../suites/platform/recipient-rules.js';
import { checkJsonAnswer } from '../suites/shared/checks.js';
import { validators } from '../validate/validators.js';
import type { Violation } from '../validate/violation.js';
import { type ProxyRule, type PushKind, RULES } from './rules.js';

/** One exchange breaking one rule. Schema findings carry the validator's clause, level and decision. */
export interface Finding {
  rule: ProxyRule;
  clause: string;
  level: CaseLevel;
  message: string;
  expected?: string;
  actual?: string;
  decision?: string;
}

/** What the judges see of one HTTP message: its headers (lower-case names) and raw body. */
export interface Message {
  headers: Record<string, string>;
  bytes: Buffer;
}

export interface Judged {
  findings: Finding[];
  /** The rules this exchange was judged by (a rule never applied is reported as skipped). */
  checked: ProxyRule[];
  /** The parsed body, when it was JSON. */
  json?: unknown;
  /** The MUST violations of the body's schema (a send request's, for judging the answer). */
  violations?: Violation[];
  /** A send request the platform must read as an API call: POST, a JSON media type, a JSON body (D8, D16). */
  apiCall?: boolean;
}

/** As the mocks' defaults: the largest valid request parses well within these. */
export const JSON_LIMITS: JsonLimits = { maxJsonDepth: 32, maxJsonValues: 10_000 };

function finding(rule: ProxyRule, problem: Omit<Finding, 'rule' | 'clause' | 'level'>): Finding {
  return { rule, clause: rule.clause, level: rule.level, ...problem };
}

function fromProblem(rule: ProxyRule, p: Problem | undefined): Finding[] {
  return p ? [finding(rule, p)] : [];
}

/** Runs a CaseRecorder-style check on a scratch recorder: the failure it raises, or undefined. */
export function failureOf(check: (t: CaseRecorder) => void): CaseFailure | undefined {
  try {
    check(new CaseRecorder());
    return undefined;
  } catch (err) {
    if (err instanceof CaseFailure) return err;
    throw err;
  }
}

function fromFailure(rule: ProxyRule, check: (t: CaseRecorder) => void): Finding[] {
  const f = failureOf(check);
  if (!f) return [];
  return [
    finding(rule, {
      message: f.message,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
    }),
  ];
}

/** Schema violations (MUST and our SHOULD readings), each with the clause the validator names. */
function schemaFindings(violations: readonly Violation[], must: ProxyRule, should: ProxyRule): Finding[] {
  return violations.map((v) => ({
    rule: v.level === 'MUST' ? must : should,
    clause: v.clause,
    level: v.level,
    message: v.message,
    ...(v.decision ? { decision: v.decision } : {}),
  }));
}

function parse(bytes: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  return parseJsonBody(bytes, JSON_LIMITS);
}

function short(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** An answer as the shared checks read it (they were written for the kit's own client). */
function asHttpResult(status: number, answer: Message): { result: HttpResult; json?: unknown } {
  const parsed = parse(answer.bytes);
  const exchange: Exchange = {
    direction: 'received',
    at: new Date().toISOString(),
    request: { method: 'POST', url: '', headers: {}, body: '' },
    response: { status, headers: answer.headers, body: answer.bytes.toString('utf8'), durationMs: 0 },
  };
  return {
    result: { exchange, status, isJson: parsed.ok, ...(parsed.ok ? { json: parsed.value } : {}) },
    ...(parsed.ok ? { json: parsed.value } : {}),
  };
}

/** The customer's sendTemplateMessage request: method, media type, JSON, table 2-2 and §5.4. */
export function judgeSendRequest(method: string, request: Message): Judged {
  const R = RULES.send;
  const findings: Finding[] = [];
  if (method !== 'POST')
    findings.push(
      finding(R.method, { message: `§1.3: the method is ${method}`, expected: 'POST', actual: method }),
    );
  const type = request.headers['content-type'];
  const typeProblem = specContentTypeProblem(type);
  if (typeProblem)
    findings.push(
      finding(R.contentType, {
        message: `§1.5, D16: every message carries Content-Type: application/json;charset=UTF-8; here ${typeProblem}`,
        expected: 'application/json;charset=UTF-8',
        actual: type || '(no Content-Type)',
      }),
    );
  const parsed = parse(request.bytes);
  const checked = [R.method, R.contentType, R.json];
  if (!parsed.ok) {
    findings.push(
      finding(R.json, {
        message: `§1.2: ${parsed.reason}`,
        expected: 'a JSON object in UTF-8',
        actual: short(request.bytes.toString('utf8')) || '(empty body)',
      }),
    );
    return { findings, checked };
  }
  const all = validators.SendTemplateMessageRequest.strictViolations(parsed.value);
  findings.push(...schemaFindings(all, R.schema, R.schemaShould));
  return {
    findings,
    checked: [...checked, R.schema, R.schemaShould],
    json: parsed.value,
    violations: all.filter((v) => v.level === 'MUST'),
    apiCall: method === 'POST' && isJsonContentType(type),
  };
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const BEYOND_BMP = /[\u{10000}-\u{10FFFF}]/u;

/**
 * Whether a platform MUST refuse a request for this violation whatever its JSON binder and length
 * unit: a field missing or empty (D9, D15), a list over its limit, a string over its limit in any
 * unit (no character beyond the BMP, D7), a type no default binder reads as the declared one (D21).
 */
export function refusalIsMust(v: Violation, request: unknown): boolean {
  if (v.kind === 'missing' || v.kind === 'empty' || v.kind === 'too-many') return true;
  const value = valueAt(request, v.pointer);
  if (v.kind === 'too-long') return typeof value === 'string' && !BEYOND_BMP.test(value);
  if (v.kind !== 'type') return false;
  const declared = String(v.limit ?? '');
  if (value !== null && typeof value === 'object') return declared === 'string';
  return typeof value === 'string' && ['array', 'object', 'integer'].includes(declared);
}

/**
 * The platform's answer to a judged send request: form, table 2-3, HTTP status (D8), refusal of
 * an invalid request, and per recipient (§5.5, D19) when accepted.
 */
export function judgeSendAnswer(sent: Judged, status: number, answer: Message): Judged {
  const R = RULES.send;
  const request = sent.json;
  const requestViolations = sent.violations ?? [];
  const { result, json } = asHttpResult(status, answer);
  const findings = fromFailure(R.answerForm, (t) => checkJsonAnswer(t, result));
  const checked: ProxyRule[] = [R.answered, R.answerForm];
  if (!result.isJson) return { findings, checked };
  // Judged on a well-formed answer only, so a bad media type is the form rule's finding alone.
  const formOk = findings.length === 0 && typeof (json as { resultCode?: unknown })?.resultCode === 'string';
  if (requestViolations.length > 0 && formOk) {
    const must = requestViolations.filter((v) => refusalIsMust(v, request));
    const rule = must.length > 0 ? R.refusesInvalid : R.refusesInvalidShould;
    const faults = (must.length > 0 ? must : requestViolations).map((v) => v.message);
    checked.push(rule);
    findings.push(
      ...fromFailure(rule, (t) =>
        expectNotAccepted(
          t,
          { ...result, accepted: 0 },
          `§5.1: the request breaks table 2-2 (${faults.join('; ')})`,
        ),
      ),
    );
  }
  findings.push(
    ...schemaFindings(
      validators.SendTemplateMessageResponse.strictViolations(json),
      R.answerSchema,
      R.answerSchemaShould,
    ),
  );
  checked.push(R.answerSchema, R.answerSchemaShould);
  const code = (json as { resultCode?: unknown } | null)?.resultCode;
  // D8: a business error travels with HTTP 200; a transport fault (method, media type) may get a 4xx.
  if (code !== undefined && sent.apiCall) {
    checked.push(R.answerStatus);
    if (status !== 200)
      findings.push(
        finding(R.answerStatus, {
          message: `D8: the vendor's clients read the body only on 2xx; resultCode ${JSON.stringify(code)} came with HTTP ${status}`,
          expected: 'HTTP 200',
          actual: `HTTP ${status}`,
        }),
      );
  }
  if (code !== '0' || request === undefined) return { findings, checked, json };
  // An accepted request: one result per recipient, as sent, in order, with the customer's ids (D19).
  const { planned, results } = matchRecipients(request, json as Answer);
  const count = recipientCountProblem(planned, results);
  const foreign = foreignMobileProblem(planned, results);
  findings.push(...fromProblem(R.recipientCount, count), ...fromProblem(R.recipientMobile, foreign));
  if (!count && !foreign)
    findings.push(...fromProblem(R.recipientOrder, recipientOrderProblem(planned, results)));
  const customerIds = new Set(planned.flatMap((p) => (p.messageId ? [p.messageId] : [])));
  for (const id of customerIds)
    findings.push(...fromProblem(R.messageIdEcho, messageIdEchoProblem(planned, results, id)));
  checked.push(R.recipientCount, R.recipientMobile, R.recipientOrder);
  if (customerIds.size > 0) checked.push(R.messageIdEcho);
  return { findings, checked, json };
}

const PUSH_MESSAGE = { report: 'NotifyReportMessageRequest', uplink: 'NotifySmsMessageRequest' } as const;

/** A push the platform made: media type (§1.5), JSON (§1.2), table 4-2 / 3-2 with our readings. */
export function judgePush(kind: PushKind, method: string, path: string, push: Message): Judged {
  const R = RULES[kind];
  const parsed = parse(push.bytes);
  const received: ReceivedPush = {
    kind,
    at: Date.now(),
    method,
    path,
    headers: push.headers,
    body: push.bytes.toString('utf8'),
    isJson: parsed.ok,
    answeredWith: {},
    ...(parsed.ok ? { json: parsed.value } : {}),
  };
  const findings = fromFailure(R.contentType, (t) => checkPushContentType(t, [received]));
  const checked: ProxyRule[] = [R.contentType, R.json];
  if (!parsed.ok) {
    findings.push(
      finding(R.json, {
        message: `§1.2: ${parsed.reason}`,
        expected: `a ${PUSH_MESSAGE[kind]} in JSON`,
        actual: short(received.body) || '(empty body)',
      }),
    );
    return { findings, checked };
  }
  findings.push(
    ...schemaFindings(
      validators[PUSH_MESSAGE[kind]].strictViolations(parsed.value),
      R.schema,
      R.schemaShould,
    ),
  );
  return { findings, checked: [...checked, R.schema, R.schemaShould], json: parsed.value };
}

/** What the proxy knows of the send a report belongs to, once its answer passed through. */
export interface SendCorrelation {
  requestId: string | undefined;
  /** Each accepted recipient with its messageId. */
  accepted: readonly Expected[];
}

/** §4: the report's messageId, mobile and requestId match its send; INFO when the send is unknown. */
export function judgeCorrelation(report: unknown, send: SendCorrelation | undefined, why: string): Judged {
  const R = RULES.report;
  if (!send)
    return {
      findings: [finding(R.uncorrelated, { message: `not correlated: ${why}` })],
      checked: [R.uncorrelated],
    };
  const rules = {
    messageId: R.correlateMessageId,
    mobile: R.correlateMobile,
    requestId: R.correlateRequestId,
  };
  const findings = reportCorrelationProblems(report, send.accepted, send.requestId).map(({ field, ...p }) =>
    finding(rules[field], p),
  );
  return { findings, checked: [...Object.values(rules), R.uncorrelated] };
}

/** The customer's answer to a push: form (D16), table 3-3 / 4-3, an acknowledgement with a 2xx (D8, D20). */
export function judgePushAnswer(kind: PushKind, status: number, answer: Message): Judged {
  const R = RULES[kind];
  const { result, json } = asHttpResult(status, answer);
  const findings = fromFailure(R.answerForm, (t) => checkJsonAnswer(t, result));
  const checked: ProxyRule[] = [R.answered, R.answerForm];
  if (!result.isJson) return { findings, checked };
  findings.push(
    ...schemaFindings(validators.NotifyResponse.strictViolations(json), R.answerSchema, R.answerSchema),
  );
  checked.push(R.answerSchema, R.answerStatus);
  const code = (json as { resultCode?: unknown } | null)?.resultCode;
  if (code === '0' && (status < 200 || status > 299))
    findings.push(
      finding(R.answerStatus, {
        message: `D8, D20: an acknowledgement came with HTTP ${status}; a platform may read it as a failed push and retry`,
        expected: 'HTTP 2xx',
        actual: `HTTP ${status}`,
      }),
    );
  return { findings, checked, json };
}

/** What a report of this send must carry: its requestId, and an accepted recipient's mobile and messageId. */
export function correlationOf(request: unknown, answer: unknown): SendCorrelation {
  const requestId = (request as { requestId?: unknown } | null)?.requestId;
  return {
    requestId: typeof requestId === 'string' ? requestId : undefined,
    accepted: acceptedRecipients(request, (answer ?? {}) as Answer),
  };
}
