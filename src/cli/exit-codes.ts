/** The kit's exit codes: one meaning each, the same for every command. */
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
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it; the reports say so. */
  sigint: 130,
  /** Stopped by SIGTERM (a CI job cancelled or timed out): 128 + 15; the reports say so. */
  sigterm: 143,
} as const;

/** An error meant for the user: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
