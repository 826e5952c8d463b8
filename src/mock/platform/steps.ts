// The default implementation of each named step (hooks.ts): what a conforming platform does.
import type { NotifyReportMessageRequest, SendTemplateMessageResponse } from '../../../generated/types.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { validators } from '../../validate/validators.js';
import { fitText, KNOWN_STATUSES, SCHEMA_LIMITS } from '../limits.js';
import { seededRandom, weightedPicker } from '../prng.js';
import { cachedSpecTime } from '../spec-time.js';
import { createAuthenticator } from './auth.js';
import type { PlatformConfig } from './config.js';
import type { ReportDelivery } from './delivery.js';
import type { AcceptedRecipient, PlatformSteps } from './hooks.js';
import { createMessageIdGenerator } from './ids.js';
import { parseRequestBody } from './request-json.js';
import { createTemplateBook, smsCount, type TemplateBook } from './templates.js';

const ACCEPTED_DESC = 'submit success, waiting for delivery report.';

/** Each status's description, fitted to its field once: per report, only the status varies. */
function statusDescriptions(): (status: string) => string {
  const fitted = new Map<string, string>();
  return (status) => {
    let desc = fitted.get(status);
    if (desc === undefined) {
      desc = fitText(KNOWN_STATUSES[status] ?? status, SCHEMA_LIMITS.reportDesc);
      fitted.set(status, desc);
    }
    return desc;
  };
}

/** A message's recipients share its text: the part count of the last text is kept. */
function partCounter(): (text: string) => number {
  let countedText: string | undefined;
  let countedParts = 0;
  return (text) => {
    if (text !== countedText) {
      countedParts = smsCount(text);
      countedText = text;
    }
    return countedParts;
  };
}

function planRecipientsWith(
  templates: TemplateBook,
  nextMessageId: () => string,
): PlatformSteps['planRecipients'] {
  return (request) => {
    const recipients: AcceptedRecipient[] = [];
    for (const [messageIndex, message] of request.requestLists.entries()) {
      const text = templates.render(message);
      // An empty messageId is "not set" (an optional field left empty is no fault, D15).
      const own = message.messageId ? message.messageId : undefined;
      for (const mobile of message.mobiles)
        recipients.push({ mobile, messageId: own ?? nextMessageId(), messageIndex, message, text });
    }
    return recipients;
  };
}

function buildReportWith(config: PlatformConfig): PlatformSteps['buildReport'] {
  const nextStatus = weightedPicker(config.delivery.statusWeights, seededRandom(config.delivery.seed));
  const receiveTime = cachedSpecTime();
  const descOf = statusDescriptions();
  const partsOf = partCounter();
  return (recipient, request): NotifyReportMessageRequest => {
    const status = nextStatus();
    return {
      // A requestId given null is "not set" (D15): the report then carries none.
      ...(request.requestId != null ? { requestId: request.requestId } : {}),
      mobile: recipient.mobile,
      messageId: recipient.messageId,
      status,
      resultDesc: descOf(status),
      smsCount: partsOf(recipient.text),
      receiveTime: receiveTime(Date.now() + config.delivery.delayMs),
    };
  };
}

export function defaultSteps(config: PlatformConfig, delivery: ReportDelivery): PlatformSteps {
  const templates = createTemplateBook(config.templates, config.signatures);
  return {
    parse: (bytes) => parseRequestBody(bytes, config.limits),
    validate: (body) => validators.SendTemplateMessageRequest.strictViolations(body),
    authenticate: createAuthenticator(config.accounts),
    checkTemplates: (request) => templates.check(request),
    planRecipients: planRecipientsWith(templates, createMessageIdGenerator(SCHEMA_LIMITS.responseMessageId)),
    buildResponse: (_request, recipients): SendTemplateMessageResponse => ({
      resultCode: RESULT_CODES.success,
      resultDesc: 'success',
      resultLists: recipients.map((r) => ({
        mobile: r.mobile,
        resultCode: RESULT_CODES.success,
        resultDesc: ACCEPTED_DESC,
        messageId: r.messageId,
      })),
    }),
    buildFailure: (rejection) => ({
      resultCode: rejection.code,
      resultDesc: fitText(rejection.desc, SCHEMA_LIMITS.responseDesc),
      resultLists: null,
    }),
    buildReport: buildReportWith(config),
    deliverReports: (reports, statusCallback) => delivery.schedule(reports, statusCallback),
    serialize: (answer) => JSON.stringify(answer),
  };
}
