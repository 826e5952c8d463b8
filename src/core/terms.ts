// The API's terms and the kit's own, defined once: the three interfaces and their paths, the
// message names, the two kinds of push, the levels and verdicts of a case, and the gate rule.
// Every layer above imports them from here; nothing here imports anything.

/** The send interface's path (§2): `POST https://{IP:Port}/common/sms/sendTemplateMessage`. */
export const SEND_PATH = '/common/sms/sendTemplateMessage';

/** The two pushes from platform to customer: an uplink SMS (§3) and a status report (§4). */
export type PushKind = 'uplink' | 'report';

/** Both kinds, uplink first: what is made per kind is made in this order. */
export const PUSH_KINDS: readonly PushKind[] = ['uplink', 'report'];

/** The paths the spec gives the pushes (§3, §4); a customer's own URLs may use any. */
export const PUSH_PATH = {
  uplink: '/common/sms/notifySmsMessage',
  report: '/common/sms/notifyReportMessage',
} as const satisfies Record<PushKind, string>;

/** The message each push carries (§3 table 3-2, §4 table 4-2). */
export const PUSH_MESSAGE = {
  uplink: 'NotifySmsMessageRequest',
  report: 'NotifyReportMessageRequest',
} as const satisfies Record<PushKind, string>;

/** The interface of each push, as the clause index names it. */
export const PUSH_CLAUSE = {
  uplink: '§3 notifySmsMessage',
  report: '§4 notifyReportMessage',
} as const satisfies Record<PushKind, string>;

/** The tables of each push's message, and of the customer's answer to either. */
export const PUSH_TABLE = { uplink: '§3 table 3-2', report: '§4 table 4-2' } as const satisfies Record<
  PushKind,
  string
>;
export const PUSH_ANSWER_TABLE = '§3 table 3-3 / §4 table 4-3';

/**
 * The code of an answer the kit itself gives to a fault of its own (the mocks, the proxy): never a
 * §5.1 code, so no test mistakes it for the target's.
 */
export const INTERNAL_ERROR_CODE = '999999';

/** MUST: the spec says so. SHOULD: our documented reading or common practice. INFO: observed, never fails. */
export type Level = 'MUST' | 'SHOULD' | 'INFO';
export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'INFO'];

/** Which side a check judges: the platform (the kit plays the customer) or the customer's endpoints. */
export type Side = 'platform' | 'customer';
export const SIDES: readonly Side[] = ['platform', 'customer'];

export type Verdict = 'pass' | 'fail' | 'skip' | 'error' | 'info';
export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'skip', 'info'];

/** A verdict that counts as a failure where the level gates: a failed check, or a case that could not complete. */
export function isFailure(c: { verdict: Verdict }): boolean {
  return c.verdict === 'fail' || c.verdict === 'error';
}

/** The gate rule: which levels fail a run, by default (MUST) and when strict (MUST and SHOULD). INFO never does. */
export function levelGates(level: Level, strict: boolean): boolean {
  return level === 'MUST' || (level === 'SHOULD' && strict);
}

/** Whether this result fails the gate. */
export function isGating(c: { verdict: Verdict; level: Level }, strict: boolean): boolean {
  return isFailure(c) && levelGates(c.level, strict);
}

/** Why a run ended before every case had run: its deadline passed, a signal came, or its caller aborted it. */
export type StopReason = 'deadline' | 'SIGINT' | 'SIGTERM' | 'aborted';

/**
 * How a run ended, as the gate reads it: every gating case passed, one failed, or the run was
 * stopped (a stopped run never passes; a deadline with a failure counts as failed). A front end
 * turns it into its own signal: the CLI into an exit code.
 */
export type RunOutcome = 'passed' | 'failed' | StopReason;
