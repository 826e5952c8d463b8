// The errors the kit raises for its user, as types: each says in one line what went wrong and
// names the setting involved by its option name (`timeoutMs`, `tls.ca`), never a command-line flag.
// A front end maps them: the CLI to its flags and exit codes (src/cli/exit-codes.ts).

/**
 * What kind of trouble stopped the kit: a usage or profile error (bad options, a profile that
 * breaks its schema, an unreadable file), a target that cannot be reached or is no API, or a
 * missing secret that a run needs.
 */
export type KitErrorKind = 'usage' | 'profile' | 'unreachable' | 'secret' | 'io';

/** An error meant for the user: one line, never a stack trace. */
export class KitError extends Error {
  constructor(
    readonly kind: KitErrorKind,
    message: string,
    /** The option or profile field the message is about (`timeoutMs`, `tls.ca`, `maxBodyBytes`). */
    readonly setting?: string,
  ) {
    super(message);
    this.name = 'KitError';
  }
}

export function usageError(message: string, setting?: string): KitError {
  return new KitError('usage', message, setting);
}

export function profileError(message: string, setting?: string): KitError {
  return new KitError('profile', message, setting);
}
