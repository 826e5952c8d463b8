// Mutants for the platform's SHOULD cases (our readings of ambiguities, docs/spec-decisions.md).
// Each defect is wrong under any reading of the spec, so that it is caught whether the case stays
// SHOULD or becomes MUST: a GET answered "0", a body that is not JSON answered with text, plain
// application/json refused, a refusal carried by HTTP 400, an ISO-8601 receiveTime, the
// customer's messageId replaced, and the faults only our readings refuse let through.
import { SEND_PATH } from '../../../src/mock/index.js';
import type { Mutant } from './mutants.js';

const JSON_TYPE = 'application/json;charset=UTF-8';
const NOT_JSON_MARK = 'mutant: not JSON';

export function shouldMutants(): Mutant[] {
  return [
    {
      name: 'not-json-text-answer',
      defect: 'answers a body that is not JSON with a plain-text refusal, not a JSON 100003',
      only: ['platform.transport.not-json'],
      kills: ['platform.transport.not-json.code'],
      hooks: {
        buildFailure: (next) => (rejection) =>
          /not JSON/.test(rejection.desc)
            ? { ...next(rejection), resultCode: '100003', resultDesc: NOT_JSON_MARK }
            : next(rejection),
        serialize: (next) => (answer) =>
          answer.resultDesc === NOT_JSON_MARK ? 'Bad Request: the body is not JSON' : next(answer),
      },
    },
    {
      name: 'get-accepted',
      defect: 'answers a GET of the send URL with HTTP 200 and resultCode "0"',
      only: ['platform.transport.get'],
      kills: ['platform.transport.get'],
      proxy: {
        intercept: (method, path) =>
          method === 'GET' && path.split('?')[0] === SEND_PATH
            ? {
                status: 200,
                headers: { 'content-type': JSON_TYPE },
                body: '{"resultCode":"0","resultDesc":"ok","resultLists":[]}',
              }
            : undefined,
      },
    },
    {
      name: 'charset-required',
      defect: 'refuses a request sent as application/json without charset (HTTP 415, 100003)',
      only: ['platform.transport.content-type.no-charset'],
      kills: ['platform.transport.content-type.no-charset'],
      proxy: {
        intercept: (method, path, headers) =>
          method === 'POST' && path === SEND_PATH && !/charset=/i.test(headers['content-type'] ?? '')
            ? {
                status: 415,
                headers: { 'content-type': JSON_TYPE },
                body: '{"resultCode":"100003","resultDesc":"mutant: charset required","resultLists":null}',
              }
            : undefined,
      },
    },
    {
      name: 'refusal-http-400',
      defect: 'answers every refused request with HTTP 400 (the JSON body unchanged)',
      only: ['platform.responses.http-status'],
      kills: ['platform.responses.http-status'],
      proxy: {
        status: (path, status, body) =>
          path === SEND_PATH && status === 200 && !/"resultCode"\s*:\s*"0"/.test(body) ? 400 : status,
      },
    },
    {
      name: 'iso-receive-time',
      defect: 'reports receiveTime in ISO 8601 (2024-09-05T06:13:12.000Z), not yyyy-MM-dd HH:mm:ss',
      only: ['platform.reports.time-format'],
      kills: ['platform.reports.time-format'],
      hooks: {
        buildReport: (next) => (r, req) => ({ ...next(r, req), receiveTime: new Date().toISOString() }),
      },
    },
    {
      // The customer's messageId in every recipient's result is SHOULD (D19: one result per
      // recipient is our reading); a platform that replaces it breaks "对应请求中的messageId" under
      // any reading.
      name: 'messageId-not-echoed',
      defect: "generates a messageId even when the message has the customer's own",
      only: ['platform.responses.messageId.echo'],
      kills: ['platform.responses.messageId.echo'],
      hooks: {
        planRecipients: (next) => (req) =>
          next({ ...req, requestLists: req.requestLists.map(({ messageId: _own, ...m }) => m) }),
      },
    },
    {
      name: 'checks-must-rules-only',
      defect: 'validates only the MUST rules: malformed numbers and callback URLs are accepted',
      only: ['platform.properties.faults.should'],
      kills: ['platform.properties.faults.should'],
      hooks: { validate: (next) => (body) => next(body).filter((v) => v.level !== 'SHOULD') },
    },
  ];
}
