// sendTemplateMessage (§2): the steps run in the order of decision D10, and the first refusal is
// the answer. Business answers travel with HTTP 200 (D8). With `selfCheck`, every answer and
// report is validated against its schema (strict) before it leaves: a defect of the mock then
// fails loudly instead of passing as a platform's behaviour.
import type {
  NotifyReportMessageRequest,
  SendTemplateMessageRequest,
  SendTemplateMessageResponse,
} from '../../../generated/types.js';
import type { JsonParseResult } from '../../http/json-body.js';
import { RESULT_CODES, resultCodeFor } from '../../validate/result-code.js';
import { validators } from '../../validate/validators.js';
import type { Violation } from '../../validate/violation.js';
import type { PlatformSteps } from './hooks.js';

export interface SendAnswer {
  status: number;
  text: string;
}

/** The violations that decide the code come first in the description (D10: 100002 over 100003). */
function describe(violations: readonly Violation[]): string {
  const code = resultCodeFor(violations);
  const deciding = violations.filter((v) => resultCodeFor([v]) === code);
  const [first] = deciding;
  const more = violations.length - 1;
  return `${first?.message ?? 'invalid request'}${more > 0 ? ` (+${more} more)` : ''}`;
}

function selfChecked<T>(type: 'SendTemplateMessageResponse' | 'NotifyReportMessageRequest', value: T): T {
  // The guard answers without building a list of violations; they are listed only for the error.
  if (validators[type].isStrict(value)) return value;
  const violations = validators[type].strictViolations(value);
  if (violations.length > 0)
    throw new Error(`mock platform built an invalid ${type}: ${violations.map((v) => v.message).join('; ')}`);
  return value;
}

export function handleSendTemplateMessage(
  steps: PlatformSteps,
  parsed: JsonParseResult,
  selfCheck: boolean,
): SendAnswer {
  const answer = (response: SendTemplateMessageResponse): SendAnswer => ({
    status: 200,
    text: steps.serialize(selfCheck ? selfChecked('SendTemplateMessageResponse', response) : response),
  });
  if (!parsed.ok) return answer(steps.buildFailure({ code: RESULT_CODES.formatError, desc: parsed.reason }));

  const violations = steps.validate(parsed.value);
  if (violations.length > 0)
    return answer(steps.buildFailure({ code: resultCodeFor(violations), desc: describe(violations) }));
  const request = parsed.value as SendTemplateMessageRequest;

  const refused = steps.authenticate(request.account, request.password) ?? steps.checkTemplates(request);
  if (refused) return answer(steps.buildFailure(refused));

  const recipients = steps.planRecipients(request);
  const response = steps.buildResponse(request, recipients);
  const reports: NotifyReportMessageRequest[] = recipients.map((r) => steps.buildReport(r, request));
  if (selfCheck) for (const report of reports) selfChecked('NotifyReportMessageRequest', report);
  const accepted = answer(response);
  // D6: an empty statusCallback is "not set": reports are retained, not pushed.
  steps.deliverReports(reports, request.statusCallback ? request.statusCallback : undefined);
  return accepted;
}
