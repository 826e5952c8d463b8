// One certificate for every mock and proxy of a test run: making one costs a key generation.
import type { TlsMaterial } from '../../../src/http/listen.js';
import { createSelfSignedCertificate } from '../../../src/http/self-signed.js';

let certificate: TlsMaterial | undefined;

export function sharedCertificate(): TlsMaterial {
  certificate ??= createSelfSignedCertificate({ altNames: ['localhost', '127.0.0.1'] });
  return certificate;
}
