// A curl command that replays an exchange by hand (its body already redacted: put the password back).
import type { Exchange } from '../cases/types.js';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlTls {
  insecure?: boolean;
  caFile?: string | null;
}

export function curlFor(exchange: Exchange, tls: CurlTls = {}): string {
  const parts = ['curl', '-sS', '-i', '-X', exchange.request.method];
  if (tls.insecure) parts.push('-k');
  if (tls.caFile) parts.push('--cacert', shellQuote(tls.caFile));
  for (const [name, value] of Object.entries(exchange.request.headers)) {
    if (/^(host|content-length|connection)$/i.test(name)) continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (exchange.request.body.length > 0) parts.push('--data-binary', shellQuote(exchange.request.body));
  parts.push(shellQuote(exchange.request.url));
  return parts.join(' ');
}
