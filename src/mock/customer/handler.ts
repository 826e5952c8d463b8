// A push as a customer endpoint answers it (D18): liberal, with the PLAIN validator (MUST rules
// only), so a `+` mobile, `DELIVED`, an unknown status, a 32-character messageId or a 36-character
// receiveTime are acknowledged; a push breaking a MUST rule gets resultCodeFor its violations; a
// body that is not JSON gets 100003. The answer is the spec's table 3-3 / 4-3.
import type { NotifyResponse } from '../../../generated/types.js';
import type { PUSH_MESSAGE, PushKind } from '../../core/terms.js';
import type { JsonParseResult } from '../../http/json-body.js';
import { RESULT_CODES, resultCodeFor } from '../../validate/result-code.js';
import { validators } from '../../validate/validators.js';
import type { Violation } from '../../validate/violation.js';
import { fitText, SCHEMA_LIMITS } from '../limits.js';

/** The message a push carries, by its kind (terms.ts PUSH_MESSAGE). */
export type PushType = (typeof PUSH_MESSAGE)[PushKind];

export interface PushVerdict {
  answer: NotifyResponse;
  violations: Violation[];
}

/** The answer to a request refused before its body is judged (404, 405, 415, 413, malformed HTTP, a fault). */
export function refusal(desc: string): NotifyResponse {
  return { resultCode: RESULT_CODES.formatError, resultDesc: desc };
}

export function judgePush(type: PushType, parsed: JsonParseResult): PushVerdict {
  if (!parsed.ok)
    return {
      answer: {
        resultCode: RESULT_CODES.formatError,
        resultDesc: fitText(parsed.reason, SCHEMA_LIMITS.notifyDesc),
      },
      violations: [],
    };
  const violations = validators[type].violations(parsed.value);
  if (violations.length === 0) return { answer: { resultCode: RESULT_CODES.success }, violations };
  const code = resultCodeFor(violations);
  const deciding = violations.find((v) => resultCodeFor([v]) === code) ?? violations[0];
  return {
    answer: {
      resultCode: code,
      resultDesc: fitText(deciding?.message ?? 'invalid push', SCHEMA_LIMITS.notifyDesc),
    },
    violations,
  };
}
