// `iot-sms-conformance proxy`: the conformance proxy from the command line. Serves until SIGINT or
// SIGTERM with a live line per exchange, then writes the report family and exits with the gate
// (with --fail-on-violation) or 0.
import { parseArgs } from 'node:util';
import { Redactor } from '../client/redact.js';
import { createSelfSignedCertificate } from '../http/self-signed.js';
import { proxyReport } from '../proxy/report.js';
import { DEFAULT_MAX_BODY_BYTES, type ProxyOptions, type RunningProxy, startProxy } from '../proxy/server.js';
import { renderConsole, writeReports } from '../report/render/index.js';
import { listenError, oneLine, readPem } from './args.js';
import { EXIT, OUTCOME_EXIT, UserError } from './exit-codes.js';
import { untilShutdownSignal } from './signals.js';

export const PROXY_USAGE = `Usage: iot-sms-conformance proxy --target URL [options]

Sits between a customer's application and the platform and judges the live traffic with the
suites' checks: sendTemplateMessage requests and answers, status reports and uplink pushes and the
customer's answers. Forwards every exchange unchanged, except that a request's statusCallback is
rewritten to the proxy's callback listener (reports then go on to the original URL).
  --target URL                 the platform (its base URL)
  --listen HOST:PORT           where the application sends (default 127.0.0.1:0, a free port)
  --https                      serve HTTPS with a self-signed certificate made at start
  --cert F --key F             serve HTTPS with this certificate and key (PEM)
  --callback-listen HOST:PORT  a second listener for the platform's pushes (default: the main one)
  --callback-public-url URL    the base URL the platform reaches that listener at
  --uplink-forward URL         the customer's notifySmsMessage URL (give the platform the proxy's
                               uplink URL, printed at start)
  --report-dir DIR             write junit.xml, report.json and report.html there at exit
  --strict                     SHOULD violations fail the gate too
  --fail-on-violation          exit 1 when a MUST (with --strict also SHOULD) rule was broken
  --ca FILE | --insecure       trust this CA / any certificate towards the platform and customer
  --timeout-ms N               the longest an upstream exchange may take (default 30000)
  --max-body-bytes N           the largest body read from either side (default ${DEFAULT_MAX_BODY_BYTES})
  --no-color                   plain console output
Exit codes: 0 stopped by a signal (or no violation), 1 violations with --fail-on-violation,
2 bad flags or cannot listen.`;

function hostPort(flag: string, value: string): { host: string; port: number } {
  const m = /^(.*):([0-9]{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new UserError(`${flag} must be HOST:PORT, not ${JSON.stringify(value)}`);
  return { host: (m[1] as string).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', port };
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${flag} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(`${flag} must be an http(s) URL, not ${JSON.stringify(value)}`);
  return value;
}

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^[0-9]{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0)) throw new UserError(`${flag} must be a positive number, not ${JSON.stringify(value)}`);
  return n;
}

/** The flags of `proxy`, parsed (an unknown flag or a positional is refused). */
function parseProxyFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      target: { type: 'string' },
      listen: { type: 'string' },
      https: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      'callback-listen': { type: 'string' },
      'callback-public-url': { type: 'string' },
      'uplink-forward': { type: 'string' },
      'report-dir': { type: 'string' },
      strict: { type: 'boolean', default: false },
      'fail-on-violation': { type: 'boolean', default: false },
      ca: { type: 'string' },
      insecure: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
}

type ProxyFlags = ReturnType<typeof parseProxyFlags>;

/** Refuses flags that only go together, or that exclude each other. */
function refuseFlagClashes(values: ProxyFlags): void {
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UserError('--cert and --key go together');
  if (values.https && values.cert !== undefined) throw new UserError('--https or --cert/--key, not both');
  if (values.ca !== undefined && values.insecure) throw new UserError('--ca or --insecure, not both');
}

/** The proxy's own certificate: the --cert/--key pair, a self-signed one with --https, or none. */
function serverTls(values: ProxyFlags, listenHost: string): ProxyOptions['tls'] {
  if (values.cert !== undefined && values.key !== undefined)
    return { cert: readPem('--cert', values.cert), key: readPem('--key', values.key) };
  if (values.https)
    return createSelfSignedCertificate({
      altNames: [...new Set(['localhost', '127.0.0.1', '::1', listenHost])],
    });
  return undefined;
}

/** Where the proxy listens and whom it trusts, as the flags gave them (already checked). */
interface Endpoints {
  target: string;
  listen: { host: string; port: number };
  callback: { host: string; port: number } | undefined;
  tls: ProxyOptions['tls'];
  ca: string | undefined;
}

/** What startProxy is given; the URL and number flags left are checked here, in this order. */
function proxyOptions(values: ProxyFlags, at: Endpoints, out: (line: string) => void): ProxyOptions {
  return {
    target: at.target,
    host: at.listen.host,
    port: at.listen.port,
    ...(at.tls ? { tls: at.tls } : {}),
    ...(at.callback ? { callback: at.callback } : {}),
    ...(values['callback-public-url']
      ? { callbackPublicUrl: httpUrl('--callback-public-url', values['callback-public-url']) }
      : {}),
    ...(values['uplink-forward']
      ? { uplinkForward: httpUrl('--uplink-forward', values['uplink-forward']) }
      : {}),
    upstreamTls: { ...(at.ca ? { ca: at.ca } : {}), insecure: values.insecure },
    timeoutMs: positive('--timeout-ms', values['timeout-ms'], 30_000),
    maxBodyBytes: positive('--max-body-bytes', values['max-body-bytes'], DEFAULT_MAX_BODY_BYTES),
    onLine: out,
  };
}

/** Starts the proxy, or says in one line why it cannot serve with the certificate or listen. */
async function startOrExplain(
  options: ProxyOptions,
  listen: { host: string; port: number },
): Promise<RunningProxy> {
  try {
    return await startProxy(options);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (options.tls && !(err as NodeJS.ErrnoException).syscall)
      throw new UserError(`cannot serve with --cert/--key: ${oneLine((err as Error).message)}`);
    throw listenError(err, listen.host, listen.port);
  }
}

/** The lines that say where the application sends, where reports come back and the uplink URL. */
function announce(proxy: RunningProxy, target: string, out: (line: string) => void): void {
  out(`proxy listening on ${proxy.url}: send to ${proxy.sendUrl}`);
  out(`proxy forwards to ${target}; reports come back to ${proxy.callbackUrl}/proxy/…`);
  out(`proxy uplink URL (give it to the platform): ${proxy.uplinkUrl}`);
}

/** Judges what the stopped proxy saw: prints the report, writes the files, returns the exit code. */
async function reportAndExitCode(
  proxy: RunningProxy,
  argv: string[],
  values: ProxyFlags,
  run: { startedAt: Date; target: string },
  out: (line: string) => void,
): Promise<number> {
  const command = new Redactor([]).text(['iot-sms-conformance', 'proxy', ...argv].join(' '));
  const report = proxyReport(proxy, { ...run, command, strict: values.strict });
  // The exit code the gate line shows is the one the proxy ends with.
  const failOnViolation = values['fail-on-violation'] === true;
  report.gate.exitCode = failOnViolation ? OUTCOME_EXIT[report.gate.outcome] : EXIT.ok;
  out(renderConsole(report, { color: !values['no-color'] && process.stdout.isTTY === true }));
  if (!report.gate.passed && !failOnViolation)
    out('proxy: the gate failed, and the proxy exits 0 all the same: --fail-on-violation makes it exit 1');
  if (values['report-dir'] !== undefined) {
    const written = await writeReports(report, values['report-dir']);
    out(`reports: ${written.json}, ${written.html}, ${written.junit}`);
  }
  return report.gate.exitCode;
}

export async function runProxy(argv: string[], out: (line: string) => void): Promise<number> {
  const values = parseProxyFlags(argv);
  if (values.help) {
    out(PROXY_USAGE);
    return EXIT.ok;
  }
  if (values.target === undefined) throw new UserError('--target URL is required (see proxy --help)');
  const target = httpUrl('--target', values.target);
  refuseFlagClashes(values);
  const listen = hostPort('--listen', values.listen ?? '127.0.0.1:0');
  const callback = values['callback-listen']
    ? hostPort('--callback-listen', values['callback-listen'])
    : undefined;
  const tls = serverTls(values, listen.host);
  const ca = values.ca !== undefined ? readPem('--ca', values.ca) : undefined;
  const startedAt = new Date();
  const options = proxyOptions(values, { target, listen, callback, tls, ca }, out);
  const proxy = await startOrExplain(options, listen);
  announce(proxy, target, out);
  const signal = await untilShutdownSignal();
  out(`proxy: ${signal}, stopping`);
  await proxy.close();
  return reportAndExitCode(proxy, argv, values, { startedAt, target }, out);
}
