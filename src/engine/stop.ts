// What ends a run early: its deadline, or its caller (the CLI on SIGINT or SIGTERM, a test runner,
// a user's own code) through an AbortSignal. Either aborts the run's one stop signal with the
// reason in words; the first one counts.
import type { StopReason } from '../core/terms.js';
import { formatDuration } from './deadline.js';
import type { StopRequest } from './options.js';

export interface RunStop {
  /** Aborted when the run must end now; its reason is the message in words. */
  readonly signal: AbortSignal;
  /** Why the run was stopped, once it was. */
  readonly reason: { reason: StopReason; message: string } | undefined;
  dispose(): void;
}

function isStopRequest(value: unknown): value is StopRequest {
  return (
    typeof (value as StopRequest | null)?.reason === 'string' &&
    typeof (value as StopRequest).message === 'string'
  );
}

/**
 * The run's stop: at `deadlineMs` after `startedAt` (`given`: whether the caller set it, which
 * the message says), or when `caller` aborts.
 */
export function runStop(deadlineMs: number, given: boolean, startedAt: Date, caller?: AbortSignal): RunStop {
  const controller = new AbortController();
  let reason: RunStop['reason'];
  const end = (why: StopReason, message: string) => {
    if (reason) return;
    reason = { reason: why, message };
    controller.abort(message);
  };
  const which = `${formatDuration(deadlineMs)}${given ? ', as given' : ' by default'}`;
  // The deadline counts from the run's start: the time spent reading the profile is already gone.
  const timer = setTimeout(
    () => end('deadline', `the run's deadline (${which}) passed`),
    Math.max(0, deadlineMs - (Date.now() - startedAt.getTime())),
  );
  const onAbort = () => {
    const asked: unknown = caller?.reason;
    if (isStopRequest(asked)) end(asked.reason, asked.message);
    else end('aborted', `stopped by its caller${asked === undefined ? '' : `: ${String(asked)}`}`);
  };
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
