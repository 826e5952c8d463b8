// Flag values several commands read the same way; a bad one is a one-line user error.
import { readFileSync } from 'node:fs';
import type { ProfileOverrides } from '../profile/profile.js';
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

/** A whole-number flag's value (undefined when absent): at least `min`, or one line that says so. */
export function wholeFlag(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(text) || Number(text) < min)
    throw new UserError(`${flag} takes a whole number ≥ ${min}`);
  return Number(text);
}

/** The flags of a target that the suites and the soaks share, as they are given. */
export interface TargetFlags {
  url?: string | undefined;
  'uplink-url'?: string | undefined;
  'report-url'?: string | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  'timeout-ms'?: string | undefined;
  'max-body-bytes'?: string | undefined;
}

/** Those flags as the profile fields they override. */
export function targetOverrides(v: TargetFlags): ProfileOverrides {
  const timeoutMs = wholeFlag('--timeout-ms', v['timeout-ms'], 1);
  const maxBodyBytes = wholeFlag('--max-body-bytes', v['max-body-bytes'], 1024);
  return {
    ...(v.url ? { url: v.url } : {}),
    ...(v['uplink-url'] ? { uplinkUrl: v['uplink-url'] } : {}),
    ...(v['report-url'] ? { reportUrl: v['report-url'] } : {}),
    ...(v.ca ? { ca: v.ca } : {}),
    ...(v.insecure !== undefined ? { insecure: v.insecure } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
  };
}
