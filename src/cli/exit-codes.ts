// The kit's exit codes, one meaning each, the same for every command, and the CLI's mapping of
// what the lower layers say (a KitError's kind, a run's outcome, a setting's name) to them.
import { KitError, type KitErrorKind } from '../core/errors.js';
import type { RunOutcome } from '../core/terms.js';

export const EXIT = {
  /** Valid / conformant. */
  ok: 0,
  /** Invalid / a MUST case failed (a SHOULD case with --strict). */
  failed: 1,
  /** Usage error, unreadable or malformed input, bad profile. */
  usage: 2,
  /** The target could not be reached, timed out, or TLS failed. */
  unreachable: 3,
  /** The run's deadline (--deadline) passed: the cases left are reported as not run (none failed). */
  deadline: 4,
  /** verify-report: attestation.json's signature does not verify with the key given (or it is no envelope of the kit's). */
  badSignature: 5,
  /** verify-report: a file the attestation names was changed after signing (its SHA-256 differs). */
  changed: 6,
  /** verify-report: a file the attestation names, or attestation.json itself, is missing. */
  missing: 7,
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it; the reports say so. */
  sigint: 130,
  /** Stopped by SIGTERM (a CI job cancelled or timed out): 128 + 15; the reports say so. */
  sigterm: 143,
} as const;

/** How a run ended, as an exit code: a stop by a signal is 128 + its number. */
export const OUTCOME_EXIT: Record<RunOutcome, number> = {
  passed: EXIT.ok,
  failed: EXIT.failed,
  deadline: EXIT.deadline,
  SIGINT: EXIT.sigint,
  SIGTERM: EXIT.sigterm,
  aborted: EXIT.failed,
};

/** A KitError's kind, as an exit code. */
const ERROR_EXIT: Record<KitErrorKind, number> = {
  usage: EXIT.usage,
  profile: EXIT.usage,
  secret: EXIT.usage,
  io: EXIT.usage,
  unreachable: EXIT.unreachable,
};

/** An error of the command line itself (a flag, its value): one line, its own exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The profile fields a flag of the run sets, so a message about the field names the flag too. */
const FLAG_OF: Record<string, string> = {
  timeoutMs: '--timeout-ms',
  maxBodyBytes: '--max-body-bytes',
  'tls.ca': '--ca',
  'tls.insecure': '--insecure',
  'platform.maxAuthFailures': '--max-auth-failures',
};

/**
 * "the profile's timeoutMs" → "--timeout-ms or the profile's timeoutMs", in a line the CLI prints
 * (not in one that names the flag already, such as its own help).
 */
export function withFlags(text: string): string {
  return text.replace(/the profile's ([A-Za-z.]+[A-Za-z])/g, (all, field: string) => {
    const flag = FLAG_OF[field];
    return flag && !text.includes(`${flag} `) ? `${flag} or ${all}` : all;
  });
}

/** Any error a command raised, as the one line the CLI prints and its exit code; undefined for a bug. */
export function userFacing(err: unknown): { message: string; exitCode: number } | undefined {
  if (err instanceof UserError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof KitError) return { message: withFlags(err.message), exitCode: ERROR_EXIT[err.kind] };
  return undefined;
}
