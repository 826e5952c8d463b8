// Every report says what it was run against and with: one embedded run in-process (the package's
// runConformance), its provenance checked against what the test knows apart from the kit: the
// package.json, process.version, the mocks' certificates (the report's own ca.pem, by subject);
// then shown in the console and HTML headers, kept in report.json after the targets, and carried
// by a merged report.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeReports } from '../src/engine/merge.js';
import { runConformance } from '../src/library/run.js';
import { renderConsole, renderHtml, renderJson } from '../src/report/render/index.js';
import type { RunReport } from '../src/report/types.js';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** The fingerprint of the certificate in `pem` whose subject names `who`. */
function fingerprintOf(pem: string, who: string): string | undefined {
  const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return certs.map((c) => new X509Certificate(c)).find((c) => c.subject.includes(`CN=${who}`))
    ?.fingerprint256;
}

let report: RunReport;

beforeAll(async () => {
  report = await runConformance({ only: 'platform.send.minimal,customer.report.minimal', seed: 1 });
}, 60_000);

describe('the provenance of a run', () => {
  it('names the kit by its package.json, the spec, and the Node.js that ran it', () => {
    const p = report.provenance;
    expect(p?.kit).toMatchObject({ name: 'iot-sms-conformance', version: pkg.version });
    expect(p?.kit.packageJsonSha256).toMatch(/^[0-9a-f]{64}$/);
    // In this checkout, its HEAD (absent where the kit is no checkout: never a failure).
    if (p?.kit.commit !== undefined) expect(p.kit.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(p?.spec).toEqual({ title: 'IoT 云通信 API 参考', version: '1.5', date: '2024-04-08' });
    expect(p?.node).toBe(process.version);
    expect(p?.profileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("holds each target's TLS leaf certificate: the embedded mocks' own", () => {
    const ca = report.ca ?? '';
    const platform = fingerprintOf(ca, 'iot-sms-conformance mock platform');
    const customer = fingerprintOf(ca, 'iot-sms-conformance mock customer');
    expect(platform).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(report.provenance?.certificates).toEqual({ platform, uplinkUrl: customer, reportUrl: customer });
  });

  it('is shown in the console and HTML headers and kept in report.json after the targets', () => {
    const p = report.provenance;
    const fingerprint = p?.certificates.platform ?? '';
    const console = renderConsole(report, { color: false });
    expect(console).toContain('  spec      IoT 云通信 API 参考 v1.5 (2024-04-08)');
    expect(console).toContain(`  profile   sha256 ${p?.profileSha256}`);
    expect(console).toContain(`node ${process.version}`);
    expect(console).toContain(`TLS certificate sha256 ${fingerprint}`);
    const html = renderHtml(report);
    expect(html).toContain('<dt>Spec</dt><dd>IoT 云通信 API 参考 v1.5 (2024-04-08)</dd>');
    expect(html).toContain(`<code>${fingerprint}</code>`);
    expect(html).toContain(p?.profileSha256);
    const json = JSON.parse(renderJson(report)) as Record<string, unknown>;
    const keys = Object.keys(json);
    expect(keys.indexOf('provenance')).toBe(keys.indexOf('targets') + 1);
    expect(Object.keys(json.provenance as object)).toEqual([
      'kit',
      'spec',
      'profileSha256',
      'certificates',
      'node',
    ]);
    expect(json.provenance).toEqual(p);
  });

  it('is carried by a merged report: one when the shards agree, each shard’s beside it when not', () => {
    const half = (index: number, cases: RunReport['cases']): RunReport => ({
      ...report,
      shard: { index, total: 2 },
      cases,
    });
    const [first, second] = report.cases;
    const merged = mergeReports([half(1, [first as never]), half(2, [second as never])], 'merge');
    expect(merged.provenance).toEqual(report.provenance);
    const elsewhere = {
      ...half(2, [second as never]),
      provenance: { ...report.provenance, node: 'v99.0.0' },
    };
    const mixed = mergeReports([half(1, [first as never]), elsewhere as RunReport], 'merge');
    expect(mixed.provenance?.shards?.map((s) => s.node)).toEqual([process.version, 'v99.0.0']);
  });
});
