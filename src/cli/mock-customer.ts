// `iot-sms-conformance mock-customer`: the mock customer endpoint from the command line. Prints
// its URLs and serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import {
  DEFAULT_REPORT_PATH,
  DEFAULT_UPLINK_PATH,
  type MockCustomer,
  startMockCustomer,
} from '../mock/customer/server.js';
import { listenError, parsePort } from './args.js';
import { EXIT, UserError } from './exit-codes.js';
import { untilShutdownSignal } from './signals.js';

export const MOCK_CUSTOMER_USAGE = `Usage: iot-sms-conformance mock-customer [--host H] [--port N] [--https] [--uplink-path P] [--report-path P]

Receives notifySmsMessage and notifyReportMessage pushes, answers {"resultCode":"0"} (or the code
of a push that breaks a MUST rule), and records them; its admin API under /__mock/ lists what came
and can make it fail or slow down pushes. Serves until SIGINT or SIGTERM.
  --host H            address to listen on (default 127.0.0.1)
  --port N            port (default 0: a free one)
  --https             HTTPS with a self-signed certificate made at start (default: plain HTTP)
  --uplink-path P     path of notifySmsMessage (default ${DEFAULT_UPLINK_PATH})
  --report-path P     path of notifyReportMessage (default ${DEFAULT_REPORT_PATH})
Exit codes: 0 stopped by a signal, 2 bad flags or cannot listen.`;

export async function runMockCustomer(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      https: { type: 'boolean', default: false },
      'uplink-path': { type: 'string', default: DEFAULT_UPLINK_PATH },
      'report-path': { type: 'string', default: DEFAULT_REPORT_PATH },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    out(MOCK_CUSTOMER_USAGE);
    return EXIT.ok;
  }
  const port = parsePort(values.port);
  const paths = { uplinkPath: values['uplink-path'], reportPath: values['report-path'] };
  for (const [flag, path] of [
    ['--uplink-path', paths.uplinkPath],
    ['--report-path', paths.reportPath],
  ] as const)
    if (!/^\/[^\s?#]*$/.test(path))
      throw new UserError(`${flag} must be a path starting with /, not ${JSON.stringify(path)}`);
  if (paths.uplinkPath === paths.reportPath)
    throw new UserError('--uplink-path and --report-path must differ');
  if (paths.uplinkPath.startsWith('/__mock/') || paths.reportPath.startsWith('/__mock/'))
    throw new UserError('/__mock/ is reserved for the admin API');

  let customer: MockCustomer;
  try {
    customer = await startMockCustomer({
      host: values.host,
      port,
      tls: values.https ? 'self-signed' : false,
      ...paths,
    });
  } catch (err) {
    throw listenError(err, values.host, port);
  }
  out(`mock-customer listening on ${customer.baseUrl}`);
  out(`  notifySmsMessage:    ${customer.uplinkUrl}`);
  out(`  notifyReportMessage: ${customer.reportUrl}`);
  const signal = await untilShutdownSignal();
  process.stderr.write(`mock-customer: ${signal}, stopping\n`);
  await customer.close();
  return EXIT.ok;
}
