// The platform's admin API under /__mock/ (JSON), for tests and for a person watching a run:
//   GET  /__mock/journal   requests received and push attempts made (passwords "***"); ?kind=request|push
//   GET  /__mock/reports   reports retained for lack of a statusCallback; ?messageId=&mobile=
//   GET  /__mock/pushes    every push with its attempts and state, and the counts; ?kind=&state=
//   GET  /__mock/fates     reports dropped, duplicated or pushed late on purpose (delivery.loseFraction,
//                          duplicateFraction, lateFraction): exact counts and lists; ?messageId=&mobile=
//   POST /__mock/uplink    inject an uplink SMS (a NotifySmsMessageRequest or part of one, plus
//                          optional "url" and "wait"); pushed as notifySmsMessage with retries
//   POST /__mock/reset     forget journal, reports and pushes; cancel what is scheduled
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../http/respond.js';
import { type AdminLimits, readAdminJson, refuseAdminRoute } from '../admin-request.js';
import type { RetainedReport } from './delivery.js';
import type { DeliveryFates, FatedReport } from './fates.js';
import type { JournalEntry } from './journal.js';
import type { PushRecord, PushStats } from './retry.js';
import { parseUplinkInjection, type UplinkInjection } from './uplink.js';

export interface PlatformAdminTarget {
  journal(): JournalEntry[];
  journalDropped(): number;
  retainedReports(): RetainedReport[];
  deliveryFate(): DeliveryFates;
  pushes(): PushRecord[];
  pushStats(): PushStats & { scheduled: number };
  injectUplink(injection: UplinkInjection): { record: PushRecord; settled: Promise<PushRecord> };
  reset(): void;
  uplinkDefaults: { url: string | null; mobile: string };
  limits: AdminLimits;
}

const ROUTES = {
  '/__mock/journal': 'GET',
  '/__mock/reports': 'GET',
  '/__mock/pushes': 'GET',
  '/__mock/fates': 'GET',
  '/__mock/uplink': 'POST',
  '/__mock/reset': 'POST',
} as const;

export async function handlePlatformAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  target: PlatformAdminTarget,
): Promise<void> {
  if (refuseAdminRoute(req, res, path, ROUTES)) return;
  const wanted = (name: string, actual: unknown) => !query.has(name) || query.get(name) === actual;
  switch (path as keyof typeof ROUTES) {
    case '/__mock/journal':
      return sendJson(res, 200, {
        dropped: target.journalDropped(),
        entries: target.journal().filter((e) => wanted('kind', e.kind)),
      });
    case '/__mock/reports':
      return sendJson(res, 200, {
        reports: target
          .retainedReports()
          .filter((r) => wanted('messageId', r.report.messageId) && wanted('mobile', r.report.mobile)),
      });
    case '/__mock/pushes':
      return sendJson(res, 200, {
        stats: target.pushStats(),
        pushes: target.pushes().filter((p) => wanted('kind', p.kind) && wanted('state', p.state)),
      });
    case '/__mock/fates': {
      const fates = target.deliveryFate();
      const listed = (list: FatedReport[]) =>
        list.filter((r) => wanted('messageId', r.messageId) && wanted('mobile', r.mobile));
      return sendJson(res, 200, {
        counts: fates.counts,
        dropped: listed(fates.dropped),
        duplicated: listed(fates.duplicated),
        late: listed(fates.late),
      });
    }
    case '/__mock/reset':
      target.reset();
      return sendJson(res, 200, { reset: true });
    case '/__mock/uplink': {
      const input = await readAdminJson(req, res, target.limits);
      if (input === undefined) return;
      const injection = parseUplinkInjection(input, target.uplinkDefaults);
      if ('error' in injection) return sendJson(res, 400, { error: injection.error });
      const { record, settled } = target.injectUplink(injection);
      if (injection.wait) return sendJson(res, 200, await settled);
      return sendJson(res, 202, record);
    }
  }
}
