// The named steps of the mock platform, and hooks that replace or wrap them. A MUTANT platform (a
// copy with one deliberate defect, for testing that the conformance suites catch it) is the real
// server started with one hook, never a copy of its code.
//
// Hook points, in the order a sendTemplateMessage request meets them (D10):
//   parse           bytes → one JSON value, or why not (UTF-8, one JSON text, each name once: D29, D30)
//   validate        body → violations (strict: MUST + SHOULD); any → resultCodeFor(violations)
//   authenticate    account, password → 100001 / 100006 rejection, or undefined when accepted
//   checkTemplates  request → 100003 rejection (template, variables, signature: D11, D17)
//   planRecipients  request → one accepted recipient per mobile, with its messageId (D19)
//   buildResponse   request, recipients → the success answer (one MtSmsMessageRsp per recipient)
//   buildFailure    rejection → the failure answer (`resultLists: null`, D5)
//   buildReport     recipient, request → its status report (§4)
//   deliverReports  reports, statusCallback → push them after the delay, or retain them (§2, D6)
//   serialize       answer → the JSON text sent
// A hook receives the default step and returns the step to use:
//   hooks: { authenticate: () => () => undefined }                     // accepts any password
//   hooks: { buildResponse: (next) => (req, rs) => ({ ...next(req, rs), resultLists: [] }) }
import type {
  MtSmsMessage,
  NotifyReportMessageRequest,
  SendTemplateMessageRequest,
  SendTemplateMessageResponse,
} from '../../../generated/types.js';
import type { JsonParseResult } from '../../http/json-body.js';
import type { Violation } from '../../validate/violation.js';

/** Why a request is refused: a §5.1 code and its description. */
export interface Rejection {
  code: string;
  desc: string;
}

/** One recipient of an accepted request. */
export interface AcceptedRecipient {
  mobile: string;
  /** The message's own messageId, or one generated for this recipient. */
  messageId: string;
  /** Position of the message in requestLists. */
  messageIndex: number;
  message: MtSmsMessage;
  /** Signature and template text with the variables filled in. */
  text: string;
}

export interface PlatformSteps {
  /** The body's bytes as one JSON value; a failure is answered 100003 with its reason. */
  parse(bytes: Buffer): JsonParseResult;
  validate(body: unknown): Violation[];
  authenticate(account: string, password: string): Rejection | undefined;
  checkTemplates(request: SendTemplateMessageRequest): Rejection | undefined;
  planRecipients(request: SendTemplateMessageRequest): AcceptedRecipient[];
  buildResponse(
    request: SendTemplateMessageRequest,
    recipients: AcceptedRecipient[],
  ): SendTemplateMessageResponse;
  buildFailure(rejection: Rejection): SendTemplateMessageResponse;
  buildReport(recipient: AcceptedRecipient, request: SendTemplateMessageRequest): NotifyReportMessageRequest;
  /** `statusCallback` is undefined when the request had none or an empty one (D6). */
  deliverReports(reports: NotifyReportMessageRequest[], statusCallback: string | undefined): void;
  serialize(answer: SendTemplateMessageResponse): string;
}

/** For each step, a function from the default step to the step to use. */
export type PlatformHooks = {
  readonly [K in keyof PlatformSteps]?: (defaultStep: PlatformSteps[K]) => PlatformSteps[K];
};

export function applyHooks(defaults: PlatformSteps, hooks: PlatformHooks = {}): PlatformSteps {
  const wrap = <K extends keyof PlatformSteps>(name: K): PlatformSteps[K] => {
    const hook = hooks[name] as ((step: PlatformSteps[K]) => PlatformSteps[K]) | undefined;
    return hook ? hook(defaults[name]) : defaults[name];
  };
  return {
    parse: wrap('parse'),
    validate: wrap('validate'),
    authenticate: wrap('authenticate'),
    checkTemplates: wrap('checkTemplates'),
    planRecipients: wrap('planRecipients'),
    buildResponse: wrap('buildResponse'),
    buildFailure: wrap('buildFailure'),
    buildReport: wrap('buildReport'),
    deliverReports: wrap('deliverReports'),
    serialize: wrap('serialize'),
  };
}
