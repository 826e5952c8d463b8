// The mocks' misbehaviours for load tests (a soak must catch them): the platform drops, duplicates
// or delays a seeded fraction of its status reports and says exactly which (deliveryFate(),
// GET /__mock/fates); the customer endpoint answers the slower the more pushes are in flight
// (slowdownPerInFlightMs) and fails every push after the first N (failAfter).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyReportMessageRequest, SendTemplateMessageResponse } from '../generated/types.js';
import {
  type DeliveryFates,
  type MockCustomer,
  type MockPlatform,
  type PlatformConfigInput,
  resolvePlatformConfig,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { waitUntil } from '../src/mock/wait.js';
import { call } from './helpers/mock-http.js';
import { validRequest } from './helpers/mock-requests.js';

const open: { close(options?: { graceMs?: number }): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close({ graceMs: 100 })));
});

function fastConfig(delivery: PlatformConfigInput['delivery']): PlatformConfigInput {
  return {
    delivery: { delayMs: 20, maxConcurrentPushes: 64, ...delivery },
    retry: { attempts: 5, baseDelayMs: 5, factor: 1.5, maxDelayMs: 50, pushTimeoutMs: 5_000 },
  };
}

async function platformWith(config: PlatformConfigInput): Promise<MockPlatform> {
  const platform = await startMockPlatform({ config, tls: false });
  open.push(platform);
  return platform;
}

async function customerWith(options: Parameters<typeof startMockCustomer>[0] = {}): Promise<MockCustomer> {
  const customer = await startMockCustomer(options);
  open.push(customer);
  return customer;
}

/** A report as it arrived at the tiny receiver, with performance.now() of its arrival. */
interface Arrival {
  report: NotifyReportMessageRequest;
  atMs: number;
}

/** A tiny statusCallback: acknowledges every push ({"resultCode":"0"}) and keeps what came, when. */
async function receiver(): Promise<{ url: string; arrivals: Arrival[] }> {
  const arrivals: Arrival[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push({
        report: JSON.parse(Buffer.concat(chunks).toString('utf8')) as NotifyReportMessageRequest,
        atMs: performance.now(),
      });
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end('{"resultCode":"0"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/report`, arrivals };
}

/** One accepted recipient: its key, and performance.now() just before its request was sent. */
interface Sent {
  key: string;
  sentAtMs: number;
}

const keyOf = (r: { messageId: string; mobile: string }) => `${r.messageId}|${r.mobile}`;

/** `requests` sequential sends (two recipients each) asking for reports at `statusCallback`. */
async function sendMany(platform: MockPlatform, requests: number, statusCallback?: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < requests; i++) {
    const sentAtMs = performance.now();
    const answer = await call(
      platform.url,
      validRequest(platform.profile, {
        requestId: `load-${i}`,
        ...(statusCallback ? { statusCallback } : {}),
      }),
    );
    const body = answer.json as SendTemplateMessageResponse;
    expect(body.resultCode).toBe('0');
    for (const r of body.resultLists ?? [])
      sent.push({ key: keyOf({ messageId: r.messageId ?? '', mobile: r.mobile }), sentAtMs });
  }
  return sent;
}

/** How many times each key arrived. */
function tally(arrivals: readonly Arrival[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of arrivals) counts.set(keyOf(a.report), (counts.get(keyOf(a.report)) ?? 0) + 1);
  return counts;
}

/** Each accepted recipient's fate, in the order they were sent. */
function fateSequence(sent: readonly Sent[], fates: DeliveryFates): string[] {
  const byKey = new Map<string, string>();
  for (const list of [fates.dropped, fates.duplicated, fates.late])
    for (const r of list) byKey.set(keyOf(r), r.fate);
  return sent.map((s) => byKey.get(s.key) ?? 'normal');
}

describe('platform: reports dropped on purpose (delivery.loseFraction)', () => {
  it('the reports that arrive are exactly the accepted ones minus those it says it dropped; reproducible', async () => {
    const run = async () => {
      const target = await receiver();
      const platform = await platformWith(fastConfig({ loseFraction: 0.1, seed: 3 }));
      const sent = await sendMany(platform, 30, target.url);
      await platform.whenIdle(8_000);
      return { target, platform, sent, fates: platform.deliveryFate() };
    };
    const { target, platform, sent, fates } = await run();
    expect(sent).toHaveLength(60);
    expect(fates.counts).toMatchObject({ reports: 60, duplicated: 0, late: 0, lateWaiting: 0 });
    expect(fates.counts.dropped).toBeGreaterThan(0);
    expect(fates.counts.dropped).toBe(fates.dropped.length);
    expect(fates.counts.normal).toBe(60 - fates.counts.dropped);

    const dropped = new Set(fates.dropped.map(keyOf));
    const arrived = tally(target.arrivals);
    expect([...arrived.keys()].sort()).toEqual(
      sent
        .map((s) => s.key)
        .filter((k) => !dropped.has(k))
        .sort(),
    );
    expect([...arrived.values()].every((n) => n === 1)).toBe(true);
    for (const r of fates.dropped) {
      expect(r).toMatchObject({ fate: 'dropped', url: target.url, pushAt: null, pushIds: [] });
      expect(r.requestId).toMatch(/^load-\d+$/);
    }
    // Never pushed, not kept either.
    expect(platform.pushes()).toHaveLength(60 - dropped.size);
    expect(platform.retainedReports()).toEqual([]);

    // The admin API says the same; a filter picks one report.
    const admin = (await call(`${platform.baseUrl}/__mock/fates`, undefined, { method: 'GET' }))
      .json as DeliveryFates;
    expect(admin).toEqual(fates);
    const [first] = fates.dropped;
    const one = await call(
      `${platform.baseUrl}/__mock/fates?messageId=${first?.messageId}&mobile=${first?.mobile}`,
      undefined,
      { method: 'GET' },
    );
    expect((one.json as DeliveryFates).dropped).toEqual([first]);

    // The same seed and the same order of requests: the same recipients dropped.
    const again = await run();
    expect(fateSequence(again.sent, again.fates)).toEqual(fateSequence(sent, fates));

    // A reset forgets the fates.
    platform.reset();
    expect(platform.deliveryFate()).toEqual({
      counts: { reports: 0, normal: 0, dropped: 0, duplicated: 0, late: 0, lateWaiting: 0 },
      dropped: [],
      duplicated: [],
      late: [],
    });
  });

  it('reports without a statusCallback are kept as usual, never given a fate', async () => {
    const platform = await platformWith(fastConfig({ loseFraction: 1, delayMs: 0 }));
    await sendMany(platform, 3);
    await platform.whenIdle(5_000);
    expect(platform.retainedReports()).toHaveLength(6);
    expect(platform.deliveryFate().counts).toMatchObject({ reports: 0, dropped: 0 });
  });
});

describe('platform: reports pushed twice (delivery.duplicateFraction)', () => {
  it('those it says it duplicated arrive exactly twice, with the same body; the others once', async () => {
    const target = await receiver();
    const platform = await platformWith(fastConfig({ duplicateFraction: 0.25, seed: 5 }));
    const sent = await sendMany(platform, 25, target.url);
    await platform.whenIdle(8_000);
    const fates = platform.deliveryFate();
    expect(fates.counts).toMatchObject({ reports: 50, dropped: 0, late: 0 });
    expect(fates.counts.duplicated).toBeGreaterThan(0);
    expect(fates.duplicated).toHaveLength(fates.counts.duplicated);

    const duplicated = new Set(fates.duplicated.map(keyOf));
    const arrived = tally(target.arrivals);
    expect(arrived.size).toBe(50);
    for (const s of sent) expect(arrived.get(s.key), s.key).toBe(duplicated.has(s.key) ? 2 : 1);
    expect(target.arrivals).toHaveLength(50 + duplicated.size);

    // Two separate pushes of one body, both delivered; their ids are in the fate's record.
    const pushes = new Map(platform.pushes().map((p) => [p.id, p]));
    for (const r of fates.duplicated) {
      expect(r.pushIds).toHaveLength(2);
      const [a, b] = r.pushIds.map((id) => pushes.get(id));
      expect(a?.state).toBe('delivered');
      expect(b?.state).toBe('delivered');
      expect(a?.body).toEqual(b?.body);
      expect(a?.body).toMatchObject({ messageId: r.messageId, mobile: r.mobile, status: r.status });
      const copies = target.arrivals.filter((x) => keyOf(x.report) === keyOf(r)).map((x) => x.report);
      expect(copies[0]).toEqual(copies[1]);
    }
  });
});

describe('platform: reports pushed late (delivery.lateFraction, lateDelayMs)', () => {
  it('those it says are late arrive once, no sooner than delayMs + lateDelayMs after their request', async () => {
    const lateDelayMs = 600;
    const target = await receiver();
    const platform = await platformWith(fastConfig({ lateFraction: 0.3, lateDelayMs, seed: 9 }));
    const sent = await sendMany(platform, 20, target.url);
    await platform.whenIdle(8_000);
    const fates = platform.deliveryFate();
    expect(fates.counts).toMatchObject({ reports: 40, dropped: 0, duplicated: 0, lateWaiting: 0 });
    expect(fates.counts.late).toBeGreaterThan(0);
    expect(fates.late).toHaveLength(fates.counts.late);

    const late = new Set(fates.late.map(keyOf));
    const arrived = new Map(target.arrivals.map((a) => [keyOf(a.report), a.atMs]));
    expect(target.arrivals).toHaveLength(40);
    for (const s of sent) {
      const after = (arrived.get(s.key) ?? Number.NaN) - s.sentAtMs;
      // A timer never fires early: delayMs (20) + lateDelayMs at least, from before the request left.
      if (late.has(s.key)) expect(after, s.key).toBeGreaterThanOrEqual(20 + lateDelayMs - 1);
    }
    for (const r of fates.late) {
      expect(Date.parse(r.pushAt ?? '') - Date.parse(r.dueAt)).toBe(lateDelayMs);
      expect(r.pushIds).toHaveLength(1);
    }
    // Each late report arrived once, after the push its record names.
    const pushes = new Map(platform.pushes().map((p) => [p.id, p]));
    for (const r of fates.late)
      expect(pushes.get(r.pushIds[0] ?? -1)?.body).toMatchObject({
        messageId: r.messageId,
        mobile: r.mobile,
      });
    expect(new Set(target.arrivals.map((a) => keyOf(a.report))).size).toBe(40);
  });

  it('counts a late report as waiting until it is pushed, and whenIdle waits for it', async () => {
    const target = await receiver();
    const platform = await platformWith(fastConfig({ lateFraction: 1, lateDelayMs: 1_500, delayMs: 0 }));
    await sendMany(platform, 1, target.url);
    await waitUntil(() => platform.deliveryFate().counts.late === 2, { timeoutMs: 1_000 });
    expect(platform.deliveryFate().counts).toMatchObject({ reports: 2, late: 2, lateWaiting: 2 });
    expect(platform.pushStats().scheduled).toBe(2);
    expect(target.arrivals).toHaveLength(0);
    await platform.whenIdle(5_000);
    expect(target.arrivals).toHaveLength(2);
    expect(platform.deliveryFate().counts.lateWaiting).toBe(0);
  });
});

describe('platform: the three fates at once, pushed to the mock customer endpoint', () => {
  it('what arrives is accounted for exactly by deliveryFate()', async () => {
    const customer = await customerWith();
    const platform = await platformWith(
      fastConfig({
        loseFraction: 0.1,
        duplicateFraction: 0.1,
        lateFraction: 0.1,
        lateDelayMs: 300,
        seed: 11,
      }),
    );
    const sent = await sendMany(platform, 30, customer.reportUrl);
    await platform.whenIdle(8_000);
    const fates = platform.deliveryFate();
    const { counts } = fates;
    expect(counts.reports).toBe(sent.length);
    expect(counts.normal + counts.dropped + counts.duplicated + counts.late).toBe(counts.reports);
    for (const fate of ['dropped', 'duplicated', 'late'] as const) {
      expect(counts[fate], fate).toBeGreaterThan(0);
      expect(fates[fate]).toHaveLength(counts[fate]);
    }
    const expected = new Map(sent.map((s) => [s.key, 1]));
    for (const r of fates.dropped) expected.set(keyOf(r), 0);
    for (const r of fates.duplicated) expected.set(keyOf(r), 2);
    const received = customer.received({ type: 'report', acknowledged: true });
    const arrived = new Map<string, number>();
    for (const r of received) {
      const key = keyOf(r.body as NotifyReportMessageRequest);
      arrived.set(key, (arrived.get(key) ?? 0) + 1);
    }
    for (const [key, times] of expected) expect(arrived.get(key) ?? 0, key).toBe(times);
    expect(received).toHaveLength(counts.normal + counts.late + 2 * counts.duplicated);
    // The customer endpoint marks the second copy of each duplicated report.
    expect(received.filter((r) => r.duplicate)).toHaveLength(counts.duplicated);
  });
});

describe('platform: the fate settings are checked', () => {
  it('refuses fractions out of range or adding up to more than 1, in one line', () => {
    expect(() => resolvePlatformConfig({ delivery: { loseFraction: 1.5 } })).toThrow(
      /^config: \/delivery\/loseFraction must be <= 1$/,
    );
    expect(() => resolvePlatformConfig({ delivery: { lateDelayMs: -1 } })).toThrow(/lateDelayMs/);
    expect(() =>
      resolvePlatformConfig({ delivery: { loseFraction: 0.5, duplicateFraction: 0.3, lateFraction: 0.3 } }),
    ).toThrow(/^config: \/delivery loseFraction \+ duplicateFraction \+ lateFraction must be at most 1/);
    expect(resolvePlatformConfig({}).delivery).toMatchObject({
      loseFraction: 0,
      duplicateFraction: 0,
      lateFraction: 0,
      lateDelayMs: 60_000,
    });
  });
});

describe('customer: slower as pushes in flight grow (slowdownPerInFlightMs)', () => {
  const report = { messageId: 'm1', mobile: '8613600000000', status: 'DELIVRD' };

  it('holds each answer delayMs + k × the pushes in flight when it arrived', async () => {
    const customer = await customerWith({ behaviour: { delayMs: 300, slowdownPerInFlightMs: 100 } });
    const timed = async (i: number) => {
      const started = performance.now();
      const answer = await call(customer.reportUrl, { ...report, messageId: `m${i}` });
      return {
        messageId: `m${i}`,
        ms: performance.now() - started,
        code: (answer.json as { resultCode: string }).resultCode,
      };
    };
    const alone = await timed(0);
    const together = await Promise.all([1, 2, 3, 4, 5].map(timed));
    const records = customer.received();
    expect(records).toHaveLength(6);
    for (const r of records) expect(r.delayMs).toBe(300 + 100 * r.inFlight);
    const byId = new Map(records.map((r) => [(r.body as { messageId: string }).messageId, r]));
    expect(byId.get('m0')?.inFlight).toBe(0);
    // Five at once: each arrived while the earlier ones were held (300 ms at least).
    expect(together.map((t) => byId.get(t.messageId)?.inFlight).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const t of [alone, ...together]) {
      expect(t.code).toBe('0');
      expect(t.ms).toBeGreaterThanOrEqual((byId.get(t.messageId)?.delayMs ?? 0) - 1);
    }
    const slowest = together.reduce((a, b) => (a.ms > b.ms ? a : b));
    expect(byId.get(slowest.messageId)?.inFlight).toBe(4);
    expect(slowest.ms).toBeGreaterThanOrEqual(700 - 1);
    expect(customer.behaviour()).toMatchObject({ slowdownPerInFlightMs: 100 });
  });

  it('refuses a slowdown that is not a whole number of ms, in one line', async () => {
    await expect(startMockCustomer({ behaviour: { slowdownPerInFlightMs: 1.5 } })).rejects.toThrow(
      'behaviour: slowdownPerInFlightMs must be a whole number from 0 to 120000',
    );
  });
});

describe('customer: fails every push after the first N (failAfter)', () => {
  const report = { messageId: 'm1', mobile: '8613600000000', status: 'DELIVRD' };
  const codes = async (customer: MockCustomer, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const answer = await call(customer.reportUrl, report);
      expect(answer.status).toBe(200);
      out.push((answer.json as { resultCode: string }).resultCode);
    }
    return out;
  };

  it('answers "0" to the first N, then HTTP 200 with failResultCode (whatever failMode); setting it restarts the count', async () => {
    const customer = await customerWith({ behaviour: { failAfter: 3, failResultCode: '100001' } });
    expect(await codes(customer, 6)).toEqual(['0', '0', '0', '100001', '100001', '100001']);
    expect(customer.received().map((r) => [r.arrival, r.simulated])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 'result-code'],
      [5, 'result-code'],
      [6, 'result-code'],
    ]);

    // Through the admin API: two more pass from now on.
    const set = await call(`${customer.baseUrl}/__mock/behaviour`, { failAfter: 2 });
    expect(set.json).toMatchObject({ failAfter: 2, failMode: 'http-500' });
    expect(await codes(customer, 4)).toEqual(['0', '0', '100001', '100001']);

    customer.setBehaviour({ failAfter: null });
    expect(await codes(customer, 2)).toEqual(['0', '0']);

    // A reset returns to the initial behaviour and counts from 1 again.
    customer.reset();
    expect(await codes(customer, 4)).toEqual(['0', '0', '0', '100001']);
    expect(customer.received().map((r) => r.arrival)).toEqual([1, 2, 3, 4]);
  });

  it('failAfter 0 fails every push; a bad value is refused in one line', async () => {
    const customer = await customerWith({ behaviour: { failAfter: 0, failMode: 'result-code' } });
    expect(await codes(customer, 2)).toEqual(['100003', '100003']);
    const bad = await call(`${customer.baseUrl}/__mock/behaviour`, { failAfter: -1 });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'failAfter must be null (off) or a whole number ≥ 0' });
    expect(() => customer.setBehaviour({ failAfter: 'x' as unknown as number })).toThrow(
      /^failAfter must be/,
    );
  });
});
