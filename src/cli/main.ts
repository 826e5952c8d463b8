#!/usr/bin/env node
// The command line: one subcommand per job. A user error is one line on stderr and a distinct
// exit code (src/cli/exit-codes.ts), never a stack trace.
import { EXIT, userFacing, withFlags } from './exit-codes.js';

const USAGE = `Usage: iot-sms-conformance <command> [options]

Commands:
  run [--profile FILE]     run every suite (no profile: against the kit's own mocks)
  platform --profile FILE  run the platform conformance suite
  customer --profile FILE  run the customer callback conformance suite
  validate <file.json|->   validate one message against the spec's schemas
  mock-platform            serve a reference mock platform (prints its URL and a target profile)
  mock-customer            serve a reference mock customer endpoint (receives pushes)
  merge-reports            merge the reports of a sharded run (--shard i/N) into one
  verify-report DIR --key PUBLIC.pem   check a signed report folder (--sign-key)
  proxy --target URL       judge a real application's live traffic, pushes included
  soak customer|platform   load a target at a rate for a time, every exchange judged (no
                           profile: the kit's own mocks), with latency, error and delivery gates

Run a command with --help for its options.`;

type Command = (argv: string[], out: (line: string) => void) => number | Promise<number>;

/**
 * Each command's module is loaded when that command runs: loading them all made every command
 * (the mocks' start above all) pay for the suites, fast-check and the report renderers.
 */
const conformance =
  (side: 'run' | 'platform' | 'customer'): Command =>
  async (argv, out) =>
    (await import('./conformance.js')).runConformanceCommand(side, argv, out);
const COMMANDS: Record<string, Command> = {
  run: conformance('run'),
  platform: conformance('platform'),
  customer: conformance('customer'),
  validate: async (argv, out) => (await import('./validate.js')).runValidate(argv, out),
  'mock-platform': async (argv, out) => (await import('./mock-platform.js')).runMockPlatform(argv, out),
  'mock-customer': async (argv, out) => (await import('./mock-customer.js')).runMockCustomer(argv, out),
  'merge-reports': async (argv, out) => (await import('./merge.js')).runMergeReports(argv, out),
  'verify-report': async (argv, out) => (await import('./verify-report.js')).runVerifyReport(argv, out),
  proxy: async (argv, out) => (await import('./proxy.js')).runProxy(argv, out),
  soak: async (argv, out) => (await import('./soak.js')).runSoakCommand(argv, out),
};

/** Node's parseArgs messages span lines and talk of its own syntax: one line, in the kit's words. */
export function parseArgsLine(err: Error & { code: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (see --help)`;
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''} (see --help)`;
  if (/ambiguous/.test(err.message))
    return `${option} needs a value; a value that starts with a dash is written ${option}=VALUE (see --help)`;
  if (/argument missing/.test(err.message)) return `${option} needs a value (see --help)`;
  return err.message.split('\n')[0] ?? 'bad arguments';
}

export async function main(argv: string[]): Promise<number> {
  // What the lower layers say of a profile field, printed with the flag that sets it too.
  const out = (line: string) => process.stdout.write(`${withFlags(line)}\n`);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`iot-sms-conformance: unknown command ${name}\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest, out);
  } catch (err) {
    const known = userFacing(err);
    if (known) {
      process.stderr.write(`iot-sms-conformance ${name}: ${known.message}\n`);
      return known.exitCode;
    }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        `iot-sms-conformance ${name}: ${parseArgsLine(err as Error & { code: string })}\n`,
      );
      return EXIT.usage;
    }
    process.stderr.write(`iot-sms-conformance ${name}: internal error: ${(err as Error).message}\n`);
    return 70;
  }
}

// A reader that stops early (`--list | head`) closes the pipe: that ends the output, not in a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
