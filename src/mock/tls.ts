// The certificate a mock serves, from its `tls` option: one made at start for the loopback names
// and the host it listens on, the one given, or none (plain HTTP). Both mocks take the option in
// this form; only their defaults differ (the platform HTTPS, the customer endpoint plain HTTP).
import type { TlsMaterial } from '../http/listen.js';
import { createSelfSignedCertificate } from '../http/self-signed.js';

export type TlsOption = 'self-signed' | TlsMaterial | false;

export function serverTls(option: TlsOption, host: string): TlsMaterial | undefined {
  if (option === false) return undefined;
  if (option === 'self-signed')
    return createSelfSignedCertificate({ altNames: [...new Set(['localhost', '127.0.0.1', '::1', host])] });
  return option;
}
