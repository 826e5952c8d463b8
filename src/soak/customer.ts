// `soak customer`: the kit plays the platform and pushes a mix of valid uplink SMS and status
// reports to the customer's endpoints at a rate, judging every answer by the customer suite's
// rules. The mix is exact, not drawn: arrival i is an uplink when it takes the count of uplinks
// to a whole number more (so a share of 0.25 is every fourth), and the pushes come from pools
// drawn with the soak's seed.
import type { HttpClient } from '../client/http.js';
import { KitError } from '../core/errors.js';
import type { PushKind } from '../core/terms.js';
import { preflight, probe } from '../engine/preflight.js';
import type { CustomerProfile } from '../profile/profile.js';
import { cutOf, givenUpNote, progressOf, type SideOutcome, type SoakRun, soakClient } from './context.js';
import { drive } from './drive.js';
import { intervalWidthMs } from './intervals.js';
import { errorKindOf, judgePushAnswer, PUSH_STATUS_OK } from './judge.js';
import { drawPushes, Ids, PushBodies } from './pool.js';
import { SoakRecorder } from './recorder.js';

/** The kind of arrival `index` for a share of uplinks (0 to 1). */
export function kindOf(index: number, uplinkShare: number): PushKind {
  return Math.floor((index + 1) * uplinkShare) > Math.floor(index * uplinkShare) ? 'uplink' : 'report';
}

/** The share of uplinks the profile's URLs allow: all of one kind when the other has no URL (said in a note). */
function mixOf(
  run: SoakRun,
  customer: CustomerProfile,
  asked: number,
): { uplinkShare: number; notes: string[] } {
  const { uplinkUrl, reportUrl } = customer;
  if (!uplinkUrl && !reportUrl)
    throw new KitError('profile', 'the profile gives no customer.uplinkUrl nor customer.reportUrl');
  if (uplinkUrl && reportUrl) return { uplinkShare: asked, notes: [] };
  const note = `the profile gives only customer.${uplinkUrl ? 'uplinkUrl' : 'reportUrl'}: every push is ${uplinkUrl ? 'an uplink' : 'a status report'}`;
  run.emit({ type: 'note', text: note });
  return { uplinkShare: uplinkUrl ? 1 : 0, notes: [note] };
}

/** Down at the start is exit 3, as for the suites: the TCP/TLS preflight, then one harmless probe. */
async function checkReachable(
  run: SoakRun,
  http: HttpClient,
  urls: readonly (string | null)[],
): Promise<void> {
  for (const url of urls) {
    if (!url) continue;
    await preflight(url, run.profile.tls, run.profile.timeoutMs);
    await probe(http, url);
  }
}

/** Pushes arrival `index` (its kind by the mix, its body from the pool) and counts the answer. */
function pusher(run: SoakRun, http: HttpClient, urls: Record<PushKind, string | null>, uplinkShare: number) {
  const ids = new Ids();
  const bodies = {
    uplink: new PushBodies('uplink', drawPushes('uplink', run.seed), ids),
    report: new PushBodies('report', drawPushes('report', run.seed), ids),
  };
  const recorder = new SoakRecorder(performance.now(), intervalWidthMs(run.durationMs));
  const fire = async (index: number, scheduledAt: number): Promise<void> => {
    const kind = kindOf(index, uplinkShare);
    const r = await http.sendWire(urls[kind] as string, bodies[kind].body(index));
    const now = performance.now();
    const { findings } = judgePushAnswer(kind, r);
    recorder.complete(scheduledAt, now, errorKindOf(r, findings, PUSH_STATUS_OK), findings);
  };
  return { recorder, fire };
}

export async function soakCustomer(
  run: SoakRun,
  askedShare: number,
): Promise<SideOutcome & { uplinkShare: number }> {
  const customer = run.profile.customer;
  if (!customer)
    throw new KitError('profile', 'the profile has no customer section (nor a customer URL given apart)');
  const { uplinkUrl, reportUrl } = customer;
  const { uplinkShare, notes } = mixOf(run, customer, askedShare);
  const http = soakClient(run);
  try {
    await checkReachable(run, http, [uplinkUrl, reportUrl]);
    const { recorder, fire } = pusher(run, http, { uplink: uplinkUrl, report: reportUrl }, uplinkShare);
    const { arrivals, givenUp } = await drive({
      total: run.total,
      ratePerS: run.ratePerS,
      maxInFlight: run.maxInFlight,
      recorder,
      rss: run.rss,
      stop: run.stop,
      fire,
      everyMs: run.progressEveryMs,
      onTick: (phase, arrivals) =>
        run.emit({ type: 'progress', progress: progressOf('customer', run, recorder, arrivals, phase) }),
      cutMs: cutOf(run),
    });
    return {
      recorder,
      arrivals,
      endedAt: performance.now(),
      targets: { ...(uplinkUrl ? { uplinkUrl } : {}), ...(reportUrl ? { reportUrl } : {}) },
      notes: [...notes, ...givenUpNote(givenUp, run)],
      uplinkShare,
    };
  } finally {
    await (run.stop.aborted ? http.destroy() : http.close());
  }
}
