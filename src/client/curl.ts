// A curl command that replays an exchange by hand. Its body's JSON password is never printed: the
// shell puts it back from $SMS_PASSWORD (README: "Replaying a failure"), whatever the exchange holds
// there (the password as sent, a wrong one, or one already masked).
import type { Exchange } from '../http/exchange.js';
import { REDACTED } from './redact.js';

/** The CA file a printed curl trusts, as the report folder holds it (the run's CA, copied there). */
export const CURL_CA_FILE = 'ca.pem';

/** The environment variable a printed curl reads the password from. */
export const CURL_PASSWORD_VARIABLE = 'SMS_PASSWORD';
const MASKED_PASSWORD = `"password":"${REDACTED}"`;
/** A JSON `"password": "…"` field, whatever its string holds. */
const PASSWORD_FIELD = /"password"\s*:\s*"(?:[^"\\]|\\.)*"/g;

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlTls {
  insecure?: boolean;
  /** Whether the run trusted a CA of its own: the curl then trusts CURL_CA_FILE. */
  ca?: boolean;
}

export function curlFor(exchange: Exchange, tls: CurlTls = {}): string {
  const parts = ['curl', '-sS', '-i', '-X', exchange.request.method];
  if (tls.insecure) parts.push('-k');
  if (tls.ca) parts.push('--cacert', CURL_CA_FILE);
  for (const [name, value] of Object.entries(exchange.request.headers)) {
    if (/^(host|content-length|connection)$/i.test(name)) continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (exchange.request.body.length > 0) {
    // '…"password":'"\"$SMS_PASSWORD\""'…': close the single quotes, let the shell expand the
    // variable between JSON quotes, reopen (a shape the reports' password masking leaves alone).
    const body = shellQuote(exchange.request.body.replace(PASSWORD_FIELD, MASKED_PASSWORD)).split(
      MASKED_PASSWORD,
    );
    parts.push('--data-binary', body.join(`"password":'"\\"$${CURL_PASSWORD_VARIABLE}\\""'`));
  }
  parts.push(shellQuote(exchange.request.url));
  return parts.join(' ');
}
