// Transport failures, named so a user reads one line: refused, timed out, TLS, DNS.

import { KitError } from '../core/errors.js';

/** The target could not be talked to at all (before any case runs, this ends the run). */
export function targetUnreachable(message: string): KitError {
  return new KitError('unreachable', message);
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_OSSL/i;

/** OpenSSL's words when a TLS client reads a plain-HTTP answer as a TLS record. */
const PLAIN_HTTP = /WRONG_VERSION_NUMBER|wrong version number|packet length too long|http request/i;

/** Where the timeout comes from, named so a user knows what to change. */
export function timeoutSetting(timeoutMs?: number): string {
  return `${timeoutMs !== undefined ? `${timeoutMs} ms` : 'the timeout'} (the profile's timeoutMs)`;
}

/** What kind of transport failure an error is, for counts (a soak's errors by kind). */
export type TransportFailureKind = 'timeout' | 'refused' | 'reset' | 'tls' | 'other';

/** The kind of a network error, by the same reading as describeTransportError. */
export function transportFailureKind(err: unknown, url: string): TransportFailureKind {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const message = e.cause?.message ?? e.message ?? String(err);
  if (code === 'ECONNREFUSED') return 'refused';
  if (/TIMEOUT/i.test(code) || /timeout/i.test(message)) return 'timeout';
  if (url.startsWith('https:') && (PLAIN_HTTP.test(code) || PLAIN_HTTP.test(message))) return 'tls';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  if (TLS_CODES.test(code) || TLS_CODES.test(message)) return 'tls';
  return 'other';
}

/** One line for a network error: what happened, where. */
export function describeTransportError(err: unknown, url: string, timeoutMs?: number): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const message = e.cause?.message ?? e.message ?? String(err);
  if (code === 'ECONNREFUSED') return `connection refused by ${url}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host of ${url}`;
  if (/TIMEOUT/i.test(code) || /timeout/i.test(message))
    return `no answer from ${url} within ${timeoutSetting(timeoutMs)}`;
  if (url.startsWith('https:') && (PLAIN_HTTP.test(code) || PLAIN_HTTP.test(message)))
    return `${url} speaks plain HTTP, not HTTPS: use an http:// URL`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `connection to ${url} was closed before an answer`;
  if (TLS_CODES.test(code) || TLS_CODES.test(message)) {
    const certificate = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/i.test(`${code} ${message}`);
    const hint = certificate
      ? " (trust its CA with the profile's tls.ca; the profile's tls.insecure only for a test target)"
      : '';
    return `TLS failed with ${url}: ${code ? `${code}: ` : ''}${message.split('\n')[0]}${hint}`;
  }
  return `cannot reach ${url}: ${code ? `${code} ` : ''}${message}`;
}
