// §2 / §5.1 "0": requests that are valid for the target are accepted, and the answer has the
// spec's shape. The smallest request first: it also proves the profile's credentials work.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { RULES, resultCodeIs } from '../../rules/index.js';
import type { Json } from '../../schema/instances.js';
import { answerOf, expectAccepted } from './checks.js';
import {
  type PlatformContext,
  platformCase,
  send,
  templateParasFor,
  templateWithoutVariables,
  validRequest,
} from './context.js';

/**
 * The request the vendor's Java sample sends (Jackson's defaults): every unset optional field as
 * JSON null, in the order of its classes' fields. `templateParas` is null only for a template
 * without variables; with none in the profile, the first template is filled as usual.
 */
export function jacksonNullRequest(ctx: PlatformContext): {
  request: { [key: string]: Json };
  paras: boolean;
} {
  const plain = templateWithoutVariables(ctx.platform);
  const tpl = plain ?? ctx.platform.templates[0];
  if (!tpl) throw new Error('the profile has no template');
  const message: { [key: string]: Json } = {
    mobiles: [ctx.platform.mobiles[0] as string],
    templateId: tpl.id,
    templateParas: plain ? null : (templateParasFor(tpl) ?? null),
    signature: ctx.platform.signature,
    messageId: null,
    extCode: null,
    extendInfos: null,
  };
  return {
    request: {
      account: ctx.platform.account,
      password: ctx.platform.password,
      requestLists: [message],
      requestId: null,
      statusCallback: null,
    },
    paras: plain !== undefined,
  };
}

export const sendValidCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.send.minimal',
    clause: '§5.1 0',
    level: 'MUST',
    title: 'a valid request with required fields only is accepted with resultCode "0"',
    covers: ['§2 sendTemplateMessage', '§1.5 Content-Type', 'code:0'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, validRequest(ctx.platform));
      const body = answerOf(t, r);
      t.assertSend(r.wire, RULES.send.answer.schema);
      t.expect(resultCodeIs(body, '0'));
      t.note(`accepted: ${r.accepted} recipient(s)`);
    },
  }),
  platformCase({
    id: 'platform.send.jackson-nulls',
    clause: '§5.4 MtSmsMessage',
    level: 'SHOULD',
    title: "a valid request whose unset optional fields are null (the vendor's Java client) is accepted",
    decisions: ['D15'],
    covers: ['§2 sendTemplateMessage', 'code:0'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { request, paras } = jacksonNullRequest(ctx);
      const r = await send(ctx, t, request);
      expectAccepted(
        t,
        r,
        "D15: an optional field (可选) given null is not set; the vendor's own Java client sends messageId, extCode, extendInfos, templateParas, requestId and statusCallback as null",
      );
      if (!paras) t.note('the profile has no template without variables: templateParas was filled, not null');
    },
  }),
];
