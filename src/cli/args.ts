// Flag values both mock commands read the same way; a bad one is a one-line user error.
import { readFileSync } from 'node:fs';
import { UserError } from './exit-codes.js';

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw new UserError(`--port must be a number from 0 to 65535, not ${JSON.stringify(value)}`);
  return port;
}

export function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** One line, whatever the error said (OpenSSL messages span several). */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/** A failure to start listening, as the user can act on it. */
export function listenError(err: unknown, host: string, port: number): UserError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
    return new UserError(`cannot listen on ${host}:${port}: ${e.code}`);
  return new UserError(`cannot start: ${oneLine(e.message)}`);
}
