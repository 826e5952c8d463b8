// Platforms written elsewhere, as the kit meets them (issue 8): conforming VARIANTS of the mock
// that read the spec differently from it (the suite must pass them), and mutants with defects
// only a foreign platform has (the suite must fail them). All are the real mock with hooks, or
// behind the rewriting proxy.
import { request } from 'undici';
import type { NotifyReportMessageRequest } from '../../../generated/types.js';
import { JSON_CONTENT_TYPE } from '../../../src/http/content-type.js';
import type { PlatformHooks } from '../../../src/mock/index.js';
import type { Mutant } from './mutants.js';

/** A platform that answers `{"resultCode":"0"}` to everything, with `resultLists` absent or empty. */
export function acceptAll(resultLists: 'absent' | 'empty'): PlatformHooks {
  const answer = () =>
    resultLists === 'absent' ? { resultCode: '0' } : { resultCode: '0', resultLists: [] };
  return {
    validate: () => () => [],
    authenticate: () => () => undefined,
    checkTemplates: () => () => undefined,
    buildResponse: () => () => answer(),
    buildFailure: () => () => answer(),
  };
}

/** Status reports pushed by the mutant itself with `method` (the mock's push client always POSTs). */
function reportsWithMethod(method: 'PUT'): PlatformHooks {
  return {
    deliverReports: () => (reports: NotifyReportMessageRequest[], callback: string | undefined) => {
      if (!callback) return;
      for (const report of reports)
        request(callback, {
          method,
          headers: { 'content-type': JSON_CONTENT_TYPE },
          body: JSON.stringify(report),
        })
          .then((r) => r.body.dump())
          .catch(() => {});
    },
  };
}

/** The mutants of foreign platforms, with the cases each must fail (registered in mutants.ts). */
export function foreignMutants(): Mutant[] {
  return [
    {
      name: 'report-put',
      defect: 'pushes status reports with PUT (table 4-1: HTTPS + POST)',
      only: ['platform.reports.method'],
      kills: ['platform.reports.method'],
      hooks: reportsWithMethod('PUT'),
    },
    {
      name: 'wrong-report-requestId',
      defect: "reports a requestId other than the send's",
      only: ['platform.reports.correlate'],
      kills: ['platform.reports.correlate'],
      hooks: { buildReport: (next) => (r, req) => ({ ...next(r, req), requestId: 'KIT-NOT-SENT' }) },
    },
    // SHOULD readings: shown to be caught
    {
      name: 'report-without-requestId',
      defect: 'leaves requestId out of status reports (table 4-2 marks it 可选; D19)',
      only: ['platform.reports.requestId', 'platform.reports.correlate'],
      kills: ['platform.reports.requestId'],
      hooks: {
        buildReport: (next) => (r, req) => {
          const { requestId: _dropped, ...report } = next(r, req);
          return report;
        },
      },
    },
  ];
}
