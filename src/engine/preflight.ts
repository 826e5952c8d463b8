// Before any case: can the target be reached at all (TCP, and TLS with the run's settings)? A
// refusal, a timeout or a certificate error here is exit code 3, said in one line; nothing is sent.
// It gives the fingerprint of the TLS leaf certificate it saw, for the report's provenance.
import { connect as netConnect } from 'node:net';
import { TLSSocket, connect as tlsConnect } from 'node:tls';
import { type HttpClient, readCa, type TlsOptions } from '../client/http.js';
import { describeTransportError, targetUnreachable } from '../client/transport-error.js';
import { isHtmlPage } from '../http/html.js';
import { trusting } from '../http/trust.js';

/** Resolves with the SHA-256 fingerprint (`AB:CD:…`) of the target's TLS leaf certificate; none over plain HTTP. */
export async function preflight(
  url: string,
  tls: TlsOptions,
  timeoutMs: number,
): Promise<string | undefined> {
  const u = new URL(url);
  const ca = tls.ca ? readCa(tls.ca) : undefined;
  const secure = u.protocol === 'https:';
  const port = Number(u.port || (secure ? 443 : 80));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise<string | undefined>((resolve, reject) => {
    const onError = (err: unknown) => {
      socket.destroy();
      reject(targetUnreachable(describeTransportError(err, url, timeoutMs)));
    };
    const socket = secure
      ? tlsConnect({
          host,
          port,
          servername: /^[0-9.:]+$/.test(host) ? undefined : host,
          rejectUnauthorized: !tls.insecure,
          // Trusted as the client will trust it (src/http/trust.ts).
          ...trusting(ca),
        })
      : netConnect({ host, port });
    socket.setTimeout(timeoutMs, () => onError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('error', onError);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      // The leaf certificate the run was made against, for its report (provenance.ts).
      const fingerprint =
        socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : undefined;
      socket.end();
      resolve(fingerprint || undefined);
    });
  });
}

/** The label of the probe's exchange (benches tell it from the cases' requests by it). */
export const PROBE_LABEL = 'preflight';

/**
 * One harmless request before any case: an empty JSON object, which a conforming target rejects
 * (a required field is missing) and which can reach nobody. No answer in time, or an HTML page
 * instead of the API (a proxy's error page, a wrong URL), stops the run with exit code 3. The body
 * decides, not the header: JSON under `text/html` is a testable target whose Content-Type cases
 * fail (exit 1); an HTML page under `application/json` is still no API.
 */
export async function probe(http: HttpClient, url: string): Promise<void> {
  const r = await http.send(url, {}, { label: PROBE_LABEL });
  // A body over the cap is an answer all the same: the cases report it, each with its size.
  if (r.error && !r.tooLarge) throw targetUnreachable(r.error);
  if (isHtmlPage(r.exchange.response?.body ?? '')) {
    throw targetUnreachable(`${url} answered an HTML page (HTTP ${r.status}), not the API: check the URL`);
  }
}
