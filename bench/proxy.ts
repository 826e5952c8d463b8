// The conformance proxy's overhead per exchange, as a ratio in one run: the same exchanges sent
// directly and through the proxy, interleaved round by round, best round counts.
//   send:   client → mock platform            vs  client → proxy → mock platform
//   report: platform-like pusher → mock customer  vs  pusher → proxy → mock customer
// Everything runs in this one process (the proxy's judging and forwarding compete for the same
// CPU as the servers, as they would on one box). Run: npm run bench:proxy
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import {
  DEFAULT_PLATFORM_CONFIG,
  SEND_PATH,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { startProxy } from '../src/proxy/server.js';
import { fixed, int, machine, table } from './format.js';

const CONCURRENCY = 8;
const PER_ROUND = 1_000;
const ROUNDS = 3;
const WARMUP = 200;
const CONTENT_TYPE = 'application/json;charset=UTF-8';

const account = DEFAULT_PLATFORM_CONFIG.accounts[0] as { account: string; password: string };
const sendBody = JSON.stringify({
  account: account.account,
  password: account.password,
  requestLists: [
    {
      mobiles: DEFAULT_PLATFORM_CONFIG.target.mobiles,
      templateId: 'tpl_code',
      templateParas: { code: '002569', name: 'Amigo' },
      signature: DEFAULT_PLATFORM_CONFIG.signatures[0],
    },
  ],
  requestId: 'bench-1',
});
const reportBody = JSON.stringify({
  requestId: 'bench-1',
  mobile: DEFAULT_PLATFORM_CONFIG.target.mobiles[0],
  messageId: 'bench-message-1',
  status: 'DELIVRD',
  receiveTime: '2026-12-01 08:00:00',
});

interface Figures {
  perSecond: number;
  medianMs: number;
  p99Ms: number;
}

/** `count` POSTs of `body` to `url`, `CONCURRENCY` at a time; each answer read whole. */
async function load(url: string, body: string, count: number): Promise<Figures> {
  const { origin, pathname, search } = new URL(url);
  const pool = new Pool(origin, { connections: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const t0 = performance.now();
        const res = await pool.request({
          path: `${pathname}${search}`,
          method: 'POST',
          headers: { 'content-type': CONTENT_TYPE },
          body,
        });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} from ${url}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: (count / elapsed) * 1000, medianMs: at(0.5), p99Ms: at(0.99) };
}

async function main(): Promise<void> {
  const platform = await startMockPlatform({ tls: false });
  const customer = await startMockCustomer({ maxRecords: 1_000 });
  const proxy = await startProxy({ target: platform.baseUrl, timeoutMs: 10_000 });
  // One send with a statusCallback gives the proxy's report URL for the customer's endpoint.
  const pool = new Pool(proxy.url);
  const res = await pool.request({
    path: SEND_PATH,
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE },
    body: JSON.stringify({ ...JSON.parse(sendBody), statusCallback: customer.reportUrl }),
  });
  await res.body.text();
  await pool.close();
  const rewritten = platform.journal().find((e) => e.kind === 'request')?.body as { statusCallback: string };
  const proxiedReportUrl = rewritten.statusCallback;

  const pairs = [
    { name: 'send', direct: platform.url, proxied: proxy.sendUrl, body: sendBody },
    { name: 'report push', direct: customer.reportUrl, proxied: proxiedReportUrl, body: reportBody },
  ];
  for (const p of pairs) {
    await load(p.direct, p.body, WARMUP);
    await load(p.proxied, p.body, WARMUP);
  }
  const best: Record<string, { direct?: Figures; proxied?: Figures }> = {};
  for (let round = 0; round < ROUNDS; round++)
    for (const p of pairs)
      for (const via of ['direct', 'proxied'] as const) {
        const f = await load(p[via], p.body, PER_ROUND);
        const slot = best[p.name] ?? {};
        best[p.name] = slot;
        if (!slot[via] || f.perSecond > (slot[via] as Figures).perSecond) slot[via] = f;
      }

  console.log(
    `Proxy overhead per exchange: ${PER_ROUND} exchanges per round, ${CONCURRENCY} at a time, ${ROUNDS} rounds interleaved, best round`,
  );
  console.log(machine());
  console.log(`exchanges judged by the proxy: ${int(proxy.ledger.exchanges)}`);
  console.log(
    table(
      [
        'exchange',
        'direct /s',
        'via proxy /s',
        'direct median ms',
        'via proxy median ms',
        'p99 direct / proxy ms',
        'time ratio proxy/direct',
      ],
      pairs.map((p) => {
        const d = best[p.name]?.direct as Figures;
        const x = best[p.name]?.proxied as Figures;
        return [
          p.name,
          int(d.perSecond),
          int(x.perSecond),
          fixed(d.medianMs, 2),
          fixed(x.medianMs, 2),
          `${fixed(d.p99Ms, 1)} / ${fixed(x.p99Ms, 1)}`,
          fixed(d.perSecond / x.perSecond, 2),
        ];
      }),
    ),
  );
  await proxy.close(100);
  await platform.close({ graceMs: 100 });
  await customer.close({ graceMs: 100 });
}

await main();
