// The proxy's report: the ledger's cases in the suites' RunReport, so the same renderers write
// report.json, report.html and junit.xml, and the same gate decides the exit code.

import { assembleReport } from '../engine/assemble.js';
import type { RunReport } from '../report/types.js';
import type { RunningProxy } from './server.js';

export interface ProxyReportInput {
  startedAt: Date;
  /** The command line, secrets redacted. */
  command: string;
  strict: boolean;
  target: string;
}

export function proxyReport(proxy: RunningProxy, input: ProxyReportInput): RunReport {
  const { ledger } = proxy;
  return assembleReport({
    startedAt: input.startedAt,
    command: input.command,
    strict: input.strict,
    seed: 0,
    embedded: false,
    observed: { between: `the customer's application and the platform at ${input.target}` },
    targets: { platform: input.target, reportUrl: proxy.callbackUrl, uplinkUrl: proxy.uplinkUrl },
    notes: [
      `conformance proxy: ${ledger.exchanges} exchange(s) judged as they passed between the customer's application and ${input.target}`,
      'each case is one rule (and, for schema rules, one clause); its exchanges are the first offending ones',
    ],
    results: ledger.cases(input.command),
  });
}
