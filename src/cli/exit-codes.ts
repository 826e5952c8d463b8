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
