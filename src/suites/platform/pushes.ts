// Checks of the pushes the platform makes to the kit's receiver (status reports §4, uplink §3):
// each push is recorded in the case as an exchange, judged by its body and its headers.

import type { CaseRecorder } from '../../cases/case.js';
import { JSON_CONTENT_TYPE, specContentTypeProblem } from '../../http/content-type.js';
import type { ReceivedPush } from '../../receiver/receiver.js';
import type { MessageType } from '../../schema/message-types.js';
import { validators } from '../../validate/validators.js';
import { checkUtf8 } from '../shared/checks.js';
import { short } from './checks.js';
import type { PlatformContext } from './context.js';

export function recordPushes(ctx: PlatformContext, t: CaseRecorder, pushes: readonly ReceivedPush[]): void {
  for (const push of pushes) t.record(ctx.receiver.toExchange(push));
}

export function field(push: ReceivedPush, name: string): unknown {
  return push.isJson ? (push.json as Record<string, unknown> | null)?.[name] : undefined;
}

/** Every push is JSON in UTF-8 (§1.2) and a valid message of `type` (every MUST rule of its table). */
export function checkPushBodies(
  t: CaseRecorder,
  type: MessageType,
  pushes: readonly ReceivedPush[],
  clause: string,
): void {
  for (const push of pushes) {
    t.check(
      push.isJson,
      `${clause}: the push body is JSON (§1.2)`,
      `a ${type} in JSON`,
      short(push.body) || '(empty body)',
    );
    checkUtf8(t, push.invalidUtf8, `${clause}: the push body`);
    const violations = validators[type].violations(push.json);
    t.check(
      violations.length === 0,
      `${clause}: the push is not a valid ${type}: ${violations.map((v) => v.message).join('; ')}`,
      `a ${type} as the spec's table gives it`,
      short(push.body),
    );
  }
}

/** Every push carries the §1.5 Content-Type, charset included (D16). */
export function checkPushContentType(t: CaseRecorder, pushes: readonly ReceivedPush[]): void {
  for (const push of pushes) {
    const type = push.headers['content-type'] ?? '';
    const problem = specContentTypeProblem(type);
    t.check(
      problem === undefined,
      `§1.5, D16: every message carries Content-Type: application/json;charset=UTF-8 (所有接口消息头必须要带), pushes included; this push has ${problem}`,
      JSON_CONTENT_TYPE,
      type || '(no Content-Type)',
    );
  }
}

/** Every push is a POST: tables 3-1 and 4-1 give the method as "HTTPS + POST" (§1 请求方法：POST). */
export function checkPushMethod(t: CaseRecorder, pushes: readonly ReceivedPush[], table: string): void {
  for (const push of pushes)
    t.check(
      push.method === 'POST',
      `${table}: the platform pushes with "HTTPS + POST"; this push came as ${push.method}`,
      'POST',
      push.method,
    );
}

/** The SHOULD-level violations (our readings: the §1.6 time format, D14) of the pushes' time fields. */
export function timeFormatViolations(
  type: MessageType,
  pushes: readonly ReceivedPush[],
  fields: readonly string[],
): string[] {
  return pushes.flatMap((push) =>
    validators[type]
      .strictViolations(push.json)
      .filter((v) => v.level === 'SHOULD' && fields.includes(v.path))
      .map((v) => v.message),
  );
}
