// Checks of a customer endpoint's answer to a push: acknowledged (table 3-3 / 4-3, "0") or
// refused with the code D18 reads for the fault. Built on the shared checks, so a rule lives once.
import { CaseFailure, CaseRecorder } from '../../cases/case.js';
import type { HttpResult } from '../../client/http.js';
import { checkJsonAnswer, checkResultCodeIsString, checkSchema, expectResultCode } from '../shared/checks.js';

function short(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The answer's body parses as JSON (§1.2, table 3-3 / 4-3); the media type is checked apart. */
export function checkJsonBody(t: CaseRecorder, r: HttpResult): unknown {
  const body = r.exchange.response?.body ?? '';
  t.check(
    r.isJson,
    'the answer is not JSON (§1.2, table 3-3 / 4-3)',
    'a JSON body',
    short(body) || '(empty body)',
  );
  return r.json;
}

/** The push was acknowledged: a JSON NotifyResponse whose resultCode is the string "0". */
export function expectAcknowledged(t: CaseRecorder, r: HttpResult): void {
  const body = checkJsonAnswer(t, r);
  checkResultCodeIsString(t, body);
  checkSchema(t, 'NotifyResponse', body);
  expectResultCode(t, body, '0');
  t.note(`acknowledged with "0" (HTTP ${r.status ?? '?'})`);
}

/** The push was refused (D18): a JSON NotifyResponse, a code other than "0", and the code D18 gives. */
export function expectRefused(t: CaseRecorder, r: HttpResult, code: string, fault: string): void {
  const body = checkJsonAnswer(t, r);
  const actual = (body as { resultCode?: unknown } | null)?.resultCode;
  t.check(
    actual !== '0' && actual !== 0,
    `a push whose ${fault} was acknowledged with "0"`,
    `a code other than "0" (D18: ${code})`,
    JSON.stringify(actual),
  );
  checkResultCodeIsString(t, body);
  checkSchema(t, 'NotifyResponse', body);
  expectResultCode(t, body, code);
  t.note(`refused with ${code} (HTTP ${r.status ?? '?'})`);
}

/**
 * Why an answer is not an acknowledgement, in one line; undefined when it is one. The same checks
 * as expectAcknowledged, run on a scratch recorder (property runs judge hundreds of answers).
 */
export function notAcknowledged(r: HttpResult): string | undefined {
  if (r.error) return `no answer: ${r.error}`;
  try {
    expectAcknowledged(new CaseRecorder(), r);
    return undefined;
  } catch (err) {
    if (err instanceof CaseFailure) return err.actual ? `${err.message} (got ${err.actual})` : err.message;
    throw err;
  }
}

/** Whether an answer acknowledges the push ("0" as a string or, leniently, a number). */
export function acknowledges(r: HttpResult): boolean {
  const code = (r.json as { resultCode?: unknown } | null | undefined)?.resultCode;
  return r.isJson && (code === '0' || code === 0);
}
