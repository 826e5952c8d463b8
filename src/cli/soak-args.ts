// The soak command's command line: its usage, its flags, and the soak's options they make.
// Nothing here runs anything.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { KitError } from '../core/errors.js';
import { parseDuration } from '../engine/deadline.js';
import { parseShard } from '../engine/shard.js';
import { PROFILE_DEFAULTS, type ProfileOverrides } from '../profile/profile.js';
import {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_UPLINK_SHARE,
  MAX_RECIPIENTS_PER_REQUEST,
  type SoakOptions,
  type SoakThresholds,
} from '../soak/options.js';
import type { SoakSide } from '../soak/types.js';
import { targetOverrides, wholeFlag } from './args.js';
import { shellWord } from './conformance-args.js';
import { UserError } from './exit-codes.js';

const DEFAULT_RATE = '10/s';
const DEFAULT_DURATION = '30s';

export const SOAK_USAGE = `Usage: iot-sms-conformance soak <customer|platform> [options]

Loads a target at a steady rate for a time and judges every exchange by the suites' rules. Arrivals
are scheduled by the clock, not by the answers (an open model): a slow target cannot hide its
latency behind fewer requests, and each latency counts from its arrival's scheduled start.
  customer   push a mix of valid notifySmsMessage and notifyReportMessage to the customer's URLs
  platform   send valid sendTemplateMessage requests, statusCallback the kit's receiver, and
             account for every (messageId, recipient) accepted: on time, late, lost, duplicated
Without --profile it soaks the kit's own mocks, and takes no URL (a URL needs a profile).

  --profile FILE         the target profile (JSON; see docs/profile.md)
  --rate N/s             arrivals per second (default ${DEFAULT_RATE}; also N/m, N/h, or N for per second)
  --duration T           how long arrivals are scheduled (default ${DEFAULT_DURATION}): 90 (seconds), 90s, 5m, 1h; at most 24h
  --max-in-flight N      most exchanges in flight at once (default ${DEFAULT_MAX_IN_FLIGHT}); an arrival past it waits
                         for a free one, and its wait counts in its latency
  --seed N               seed of the pushes and requests drawn from the schemas
  --shard i/N            this runner's part of a soak over N runners: 1/N of the rate
  --report-dir DIR       write report.json, junit.xml and report.html there
  --sign-key FILE        sign them with this Ed25519 private key (PEM): attestation.json beside
                         them, which verify-report checks (docs/signing.md)
  --no-color             plain console output

Gates (the soak fails, exit 1, when one does not hold; a MUST rule broken always fails it):
  --max-p99-ms N         most p99 answer latency, in ms
  --max-error-rate R     most share of exchanges that failed or broke a MUST rule: 0.01 or 1%
  --max-lost N           platform: most pairs whose status report never came (default 0)
  --max-late N           platform: most pairs whose first status report came after the profile's
                         statusReportWaitMs (default 0)
  --max-duplicates N     platform: most pairs reported more than once (default 0)

customer:
  --uplink-share R       the share of uplink pushes in the mix (default ${DEFAULT_UPLINK_SHARE}; the rest are status reports)
  --uplink-url URL       the customer's notifySmsMessage URL (overrides customer.uplinkUrl)
  --report-url URL       the customer's notifyReportMessage URL (overrides customer.reportUrl)

platform:
  --url URL              the platform's base URL (overrides platform.url)
  --recipients N         recipients per request, one message each (default 1, at most ${MAX_RECIPIENTS_PER_REQUEST})
  --mobiles A,B          the numbers sent to (default: the profile's platform.sinkMobiles)
  --grace T              how long past statusReportWaitMs a status report still counts as
                         late, not lost (default: the profile's statusReportWaitMs); the soak
                         listens up to statusReportWaitMs + T after the last answer

Against a live platform (a profile given) the soak prints its spend first, and refuses to start
unless every number is one of the profile's platform.sinkMobiles and rate × duration × recipients
fits platform.maxAcceptedMessages. A URL given apart from the profile must be loopback or a host
the profile names, unless:
  --allow-any-host       soak such a URL anyway

  --ca FILE              trust this CA for the target's certificate
  --insecure             accept any certificate (self-signed test targets)
  --timeout-ms N         timeout of every exchange (default: the profile's timeoutMs, else ${PROFILE_DEFAULTS.timeoutMs})
  --max-body-bytes N     most bytes of an answer read (default: the profile's maxBodyBytes)

Exit codes: 0 every gate held, 1 a gate failed, 2 usage or profile error (a live platform's spend
refused included), 3 the target could not be reached at the start, 130 / 143 stopped by SIGINT /
SIGTERM (the reports are written, marked interrupted).`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'max-in-flight': { type: 'string' },
      seed: { type: 'string' },
      shard: { type: 'string' },
      'report-dir': { type: 'string' },
      'sign-key': { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      'max-p99-ms': { type: 'string' },
      'max-error-rate': { type: 'string' },
      'max-lost': { type: 'string' },
      'max-late': { type: 'string' },
      'max-duplicates': { type: 'string' },
      'uplink-share': { type: 'string' },
      'uplink-url': { type: 'string' },
      'report-url': { type: 'string' },
      url: { type: 'string' },
      recipients: { type: 'string' },
      mobiles: { type: 'string' },
      grace: { type: 'string' },
      'allow-any-host': { type: 'boolean', default: false },
      ca: { type: 'string' },
      insecure: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}

type Values = ReturnType<typeof parse>['values'];

const PER_UNIT_S: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** `50/s`, `3000/m`, `50`: arrivals per second. */
export function parseRate(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(?:\/(s|sec|m|min|h))?$/.exec(text.trim());
  const rate = m ? Number(m[1]) / (PER_UNIT_S[m[2] ?? 's'] ?? 1) : Number.NaN;
  if (!(rate > 0))
    throw new UserError(
      `--rate takes arrivals per unit of time: 50/s, 3000/m (or 50), not ${JSON.stringify(text)}`,
    );
  return rate;
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new UserError(`${flag} takes a duration: seconds (90), or 90s, 5m, 1h`);
  return ms;
}

const whole = wholeFlag;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || !Number.isFinite(n))
    throw new UserError(`${flag} takes a number ≥ 0`);
  return n;
}

/** `0.01` or `1%`: a share from 0 to 1. */
function share(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = text.trim().endsWith('%');
  const n = number(flag, percent ? text.trim().slice(0, -1) : text);
  const value = percent && n !== undefined ? n / 100 : n;
  if (value === undefined || value > 1)
    throw new UserError(`${flag} takes a share from 0 to 1, or a percentage: 0.01 or 1%`);
  return value;
}

function thresholdsOf(v: Values): SoakThresholds {
  const maxP99Ms = number('--max-p99-ms', v['max-p99-ms']);
  const maxErrorRate = share('--max-error-rate', v['max-error-rate']);
  const maxLost = whole('--max-lost', v['max-lost'], 0);
  const maxLate = whole('--max-late', v['max-late'], 0);
  const maxDuplicates = whole('--max-duplicates', v['max-duplicates'], 0);
  return {
    ...(maxP99Ms !== undefined ? { maxP99Ms } : {}),
    ...(maxErrorRate !== undefined ? { maxErrorRate } : {}),
    ...(maxLost !== undefined ? { maxLost } : {}),
    ...(maxLate !== undefined ? { maxLate } : {}),
    ...(maxDuplicates !== undefined ? { maxDuplicates } : {}),
  };
}

const overridesOf = (v: Values): ProfileOverrides => targetOverrides(v);

/** The flags that belong to the other side: a soak of one side refuses them rather than ignore them. */
function checkSide(side: SoakSide, v: Values): void {
  const other =
    side === 'customer'
      ? (['url', 'recipients', 'mobiles', 'grace', 'max-lost', 'max-late', 'max-duplicates'] as const)
      : (['uplink-share', 'uplink-url', 'report-url'] as const);
  const given = other.find((name) => v[name] !== undefined);
  if (given) throw new UserError(`--${given} is not for soak ${side} (see --help)`);
}

export interface SoakCommandLine {
  help: boolean;
  color: boolean;
  reportDir?: string;
  /** The private key `--sign-key` names: the reports are signed with it. */
  signKey?: string;
  options: SoakOptions & { seed: number };
}

export function soakCommandLine(argv: string[]): SoakCommandLine {
  const { values: v, positionals } = parse(argv);
  if (v.help)
    return { help: true, color: false, options: { side: 'customer', ratePerS: 1, durationMs: 1, seed: 0 } };
  const [side, ...extra] = positionals;
  if (side !== 'customer' && side !== 'platform')
    throw new UserError(
      `soak needs a side: soak customer or soak platform${side ? `, not ${JSON.stringify(side)}` : ''} (see --help)`,
    );
  if (extra.length > 0) throw new UserError(`unexpected argument ${extra[0]} (see --help)`);
  checkSide(side, v);
  if (v['sign-key'] && !v['report-dir'])
    throw new UserError('--sign-key signs the reports: it needs --report-dir DIR');
  const seed = v.seed === undefined ? randomInt(0, 2 ** 31 - 1) : (whole('--seed', v.seed, 0) as number);
  const maxInFlight = whole('--max-in-flight', v['max-in-flight'], 1);
  const recipientsPerRequest = whole('--recipients', v.recipients, 1);
  const uplinkShare = share('--uplink-share', v['uplink-share']);
  const shard = v.shard === undefined ? undefined : shardOf(v.shard);
  const mobiles = v.mobiles
    ?.split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  return {
    help: false,
    color: !v['no-color'] && process.stdout.isTTY === true,
    ...(v['report-dir'] ? { reportDir: v['report-dir'] } : {}),
    ...(v['sign-key'] ? { signKey: v['sign-key'] } : {}),
    options: {
      side,
      ...(v.profile ? { profile: v.profile } : {}),
      overrides: overridesOf(v),
      ratePerS: parseRate(v.rate ?? DEFAULT_RATE),
      durationMs: duration('--duration', v.duration ?? DEFAULT_DURATION),
      ...(maxInFlight !== undefined ? { maxInFlight } : {}),
      seed,
      ...(uplinkShare !== undefined ? { uplinkShare } : {}),
      ...(recipientsPerRequest !== undefined ? { recipientsPerRequest } : {}),
      ...(mobiles ? { mobiles } : {}),
      ...(v.grace !== undefined ? { graceMs: duration('--grace', v.grace) } : {}),
      thresholds: thresholdsOf(v),
      ...(shard ? { shard } : {}),
      ...(v['allow-any-host'] ? { allowAnyHost: true } : {}),
      command: ['iot-sms-conformance', 'soak', ...argv.map(shellWord)].join(' '),
    },
  };
}

function shardOf(text: string) {
  try {
    return parseShard(text);
  } catch (err) {
    if (err instanceof KitError) throw new UserError(`--shard: ${err.message}`);
    throw err;
  }
}
