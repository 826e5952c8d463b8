// Transport failures, named so a user reads one line: refused, timed out, TLS, DNS.

/** The target could not be talked to at all: exit code 3 when it happens before any case runs. */
export class TargetUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnreachable';
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_OSSL/i;

/** One line for a network error: what happened, where. */
export function describeTransportError(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const message = e.cause?.message ?? e.message ?? String(err);
  if (code === 'ECONNREFUSED') return `connection refused by ${url}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host of ${url}`;
  if (/TIMEOUT/i.test(code) || /timeout/i.test(message)) return `no answer from ${url} within the timeout`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `connection to ${url} was closed before an answer`;
  if (TLS_CODES.test(code) || TLS_CODES.test(message))
    return `TLS failed with ${url}: ${message} (--ca FILE or --insecure)`;
  return `cannot reach ${url}: ${code ? `${code} ` : ''}${message}`;
}
