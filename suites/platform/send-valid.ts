// §2 / §5.1 "0": requests that are valid for the target are accepted, and the answer has the
// spec's shape. The smallest request first: it also proves the profile's credentials work.
import type { Case, CaseRecorder } from '../../src/cases/case.js';
import { checkJsonAnswer, checkResultCodeIsString, checkSchema, expectResultCode } from '../shared/checks.js';
import { type PlatformContext, platformCase, send, validRequest } from './context.js';

export const sendValidCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.send.minimal',
    clause: '§5.1 0',
    level: 'MUST',
    title: 'a valid request with required fields only is accepted with resultCode "0"',
    covers: ['§2 sendTemplateMessage', '§1.5 Content-Type', 'code:0'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, validRequest(ctx.platform));
      const body = checkJsonAnswer(t, r);
      checkResultCodeIsString(t, body);
      checkSchema(t, 'SendTemplateMessageResponse', body);
      expectResultCode(t, body, '0');
      t.note(`accepted: ${r.accepted} recipient(s)`);
    },
  }),
];
