// The pushes the platform makes to the kit's receiver (status reports §4, uplink §3): each is
// recorded in the case as an exchange and judged by the push rules (src/rules/push.ts).

import type { CaseRecorder } from '../../cases/case.js';
import type { PushKind } from '../../core/terms.js';
import type { ReceivedPush } from '../../receiver/receiver.js';
import { type PushExchange, type PushRule, RULES, type SendOfReport } from '../../rules/index.js';
import type { PlatformContext } from './context.js';

export function recordPushes(ctx: PlatformContext, t: CaseRecorder, pushes: readonly ReceivedPush[]): void {
  for (const push of pushes) t.record(ctx.receiver.toExchange(push));
}

export function field(push: ReceivedPush, name: string): unknown {
  return push.isJson ? (push.json as Record<string, unknown> | null)?.[name] : undefined;
}

/** A push the receiver took, as the rules judge it (the kit's own answer is not judged). */
export function pushExchange(kind: PushKind, push: ReceivedPush, send?: SendOfReport): PushExchange {
  return { kind, push: push.wire, ...(send ? { send } : {}) };
}

/** Asserts the rules on every push of one kind, in order. */
export function assertPushes<K extends PushKind>(
  t: CaseRecorder,
  kind: K,
  pushes: readonly ReceivedPush[],
  rules: (r: (typeof RULES.push)[K]) => readonly PushRule[],
  send?: SendOfReport,
): void {
  const chosen = rules(RULES.push[kind]);
  for (const push of pushes) t.assertPush(pushExchange(kind, push, send), ...chosen);
}
