// §1.1 "所有接口采用HTTPS协议" and tables 3-1 / 4-1 "HTTPS + POST": the platform pushes to the
// customer's endpoints over HTTPS, so an endpoint the profile gives as http:// is not one the
// platform may push to. Mirrors platform.transport.https: the URL decides, nothing is sent.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { type CustomerContext, customerCase, PUSH_KINDS, pushUrl } from './context.js';

export const transportCases: Case<CustomerContext>[] = [
  customerCase({
    id: 'customer.transport.https',
    clause: '§1.1 HTTPS',
    level: 'MUST',
    title: 'the customer endpoints are served over HTTPS',
    covers: ['§3 notifySmsMessage', '§4 notifyReportMessage'],
    skipUnless: (ctx) =>
      PUSH_KINDS.some((kind) => pushUrl(ctx, kind))
        ? undefined
        : 'the profile gives neither customer.uplinkUrl nor customer.reportUrl',
    async run(ctx: CustomerContext, t: CaseRecorder) {
      for (const kind of PUSH_KINDS) {
        const url = pushUrl(ctx, kind);
        if (!url) continue;
        t.check(
          new URL(url).protocol === 'https:',
          `§1.1: all interfaces use HTTPS; table ${kind === 'uplink' ? '3-1' : '4-1'} pushes ${kind === 'uplink' ? 'uplink SMS' : 'status reports'} with "HTTPS + POST"`,
          'an https:// URL',
          url,
        );
        t.note(`${kind} served at ${url}`);
      }
    },
  }),
];
