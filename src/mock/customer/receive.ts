// One push received on a push path, once the transport checks passed: its fate (behaviour.ts: a
// delay, grown by the pushes in flight, a deliberate failure), the verdict on its body (handler.ts), the answer sent, and the
// record kept (received.ts).
import type { ServerResponse } from 'node:http';
import type { NotifyResponse } from '../../../generated/types.js';
import { PUSH_MESSAGE, type PushKind } from '../../core/terms.js';
import { type JsonParseResult, parseJsonBody } from '../../http/json-body.js';
import { sendJson } from '../../http/respond.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import type { FailureMode } from './behaviour.js';
import { judgePush } from './handler.js';
import type { CustomerRuntime } from './runtime.js';

export interface IncomingPush {
  kind: PushKind;
  path: string;
  contentType: string | undefined;
  bytes: Buffer;
}

/** The answer given: the verdict's, or a deliberate failure with the behaviour's resultCode. */
function answerGiven(
  failure: FailureMode | null,
  failResultCode: string,
  verdict: NotifyResponse,
): { status: number; answer: NotifyResponse } {
  if (failure === 'http-500')
    return {
      status: 500,
      answer: { resultCode: failResultCode, resultDesc: 'simulated failure (HTTP 500)' },
    };
  if (failure === 'result-code')
    return { status: 200, answer: { resultCode: failResultCode, resultDesc: 'simulated failure' } };
  return { status: 200, answer: verdict };
}

/** The body as recorded: its size alone when too large, the parsed value, or the raw text. */
function storedBody(bytes: Buffer, parsed: JsonParseResult, maxStoredBodyBytes: number): unknown {
  if (bytes.length > maxStoredBodyBytes) return { omitted: `${bytes.length} bytes` };
  return parsed.ok ? parsed.value : bytes.toString('utf8');
}

export async function receivePush(
  runtime: CustomerRuntime,
  res: ServerResponse,
  push: IncomingPush,
): Promise<void> {
  const parsed = parseJsonBody(push.bytes, runtime.limits);
  // In flight from here until its answer is sent (slowdownPerInFlightMs counts the others).
  const fate = runtime.control.decide(runtime.inFlight++);
  try {
    if (fate.delayMs > 0) await runtime.delays.sleep(fate.delayMs);
  } finally {
    runtime.inFlight--;
  }
  const verdict = judgePush(PUSH_MESSAGE[push.kind], parsed);
  const { status, answer } = answerGiven(
    fate.failure,
    runtime.control.current().failResultCode,
    verdict.answer,
  );
  sendJson(res, status, answer);
  runtime.log.add({
    type: push.kind,
    path: push.path,
    contentType: push.contentType ?? null,
    body: storedBody(push.bytes, parsed, runtime.maxStoredBodyBytes),
    status,
    answer,
    acknowledged: status === 200 && answer.resultCode === RESULT_CODES.success,
    violations: verdict.violations.map((v) => v.message),
    simulated: fate.failure,
    arrival: fate.arrival,
    inFlight: fate.inFlight,
    delayMs: fate.delayMs,
  });
}
